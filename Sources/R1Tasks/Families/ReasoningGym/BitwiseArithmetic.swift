// bitwise_arithmetic: a fully parenthesised expression over hexadecimal
// integers with + − × << >> (and & | ^ at higher levels), evaluated with
// Python's arbitrary-size signed integers; the answer is signed hexadecimal.
// Expressions whose value or any intermediate leaves ±2^62 are drawn again,
// so Swift's Int computes exactly what Python does.

struct BitwiseArithmeticTask: ReasoningTask {
    let info = TaskInfo(
        id: "bitwise_arithmetic",
        title: "Bitwise arithmetic",
        source: .reasoningGym,
        category: "arithmetic",
        description: "Evaluate an expression over hexadecimal integers with arithmetic, shifts and bitwise operators.",
        knobs: [
            Knob("depth", "depth of the expression tree"),
            Knob("hex_digits", "most hexadecimal digits of a number (each has this many or one fewer)"),
            Knob("bitwise", "1: & | ^ may appear"),
        ],
        levels: [
            Level("easy", ["depth": 1, "hex_digits": 4, "bitwise": 0]),
            Level("medium", ["depth": 2, "hex_digits": 3, "bitwise": 0]),
            Level("hard", ["depth": 3, "hex_digits": 4, "bitwise": 1]),
            Level("expert", ["depth": 4, "hex_digits": 4, "bitwise": 1]),
        ],
        defaultLevel: 1
    )

    static let limit = 1 << 62

    /// Builds a random expression of the given depth; returns its text and exact value, or nil on overflow.
    static func expression(depth: Int, level: Level, rng: inout SplitMix64) -> (text: String, value: Int)? {
        if depth == 0 {
            let digits = rng.int(max(1, level["hex_digits"] - 1)...level["hex_digits"])
            let value = rng.int(1...(1 << (4 * digits)) - 1)
            return ("0x" + String(value, radix: 16), value)
        }
        var ops = ["+", "-", "*", "<<", ">>"]
        if level["bitwise"] == 1 { ops += ["&", "|", "^"] }
        let op = rng.pick(ops)
        guard let left = expression(depth: depth - 1, level: level, rng: &rng) else { return nil }
        if op == "<<" || op == ">>" {
            let shift = rng.int(1...4)
            let value = op == "<<" ? left.value << shift : left.value >> shift
            guard abs(value) < limit else { return nil }
            return ("(\(left.text) \(op) \(shift))", value)
        }
        guard let right = expression(depth: rng.int(0...(depth - 1)), level: level, rng: &rng) else { return nil }
        let value: Int
        switch op {
        case "+": value = left.value + right.value
        case "-": value = left.value - right.value
        case "*":
            let (p, overflow) = left.value.multipliedReportingOverflow(by: right.value)
            guard !overflow else { return nil }
            value = p
        case "&": value = left.value & right.value
        case "|": value = left.value | right.value
        default: value = left.value ^ right.value
        }
        guard abs(value) < limit else { return nil }
        return ("(\(left.text) \(op) \(right.text))", value)
    }

    static func hex(_ v: Int) -> String { (v < 0 ? "-0x" : "0x") + String(v.magnitude, radix: 16) }

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        var made: (text: String, value: Int)?
        while made == nil { made = BitwiseArithmeticTask.expression(depth: level["depth"], level: level, rng: &rng) }
        var text = made!.text
        if text.hasPrefix("(") { text = String(text.dropFirst().dropLast()) }
        let gold = BitwiseArithmeticTask.hex(made!.value)
        let question = """
            Evaluate \(text), where the numbers are signed integers of unlimited size (as in Python: >> rounds \
            toward minus infinity and & | ^ act on two's complement). Give the result in hexadecimal, with a \
            minus sign if it is negative, as your final answer in the form <<<hex>>>, for example <<<-0x3f>>>.
            """
        return GeneratedItem(question: question, gold: gold, metadata: ["expression": .string(text), "answer": .int(made!.value)])
    }

    /// "-0x1A3f", "0x0", "+0x10"; nil for anything without the 0x prefix.
    static func parseHex(_ raw: String) -> Int? {
        var s = Substring(RG.tidy(raw).lowercased())
        var negative = false
        if s.first == "-" || s.first == "+" { negative = s.first == "-"; s = s.dropFirst() }
        guard s.hasPrefix("0x") else { return nil }
        let digits = s.dropFirst(2).filter { $0 != "_" }
        guard !digits.isEmpty, digits.count <= 16, let v = UInt64(digits, radix: 16), v < UInt64(1) << 62 else { return nil }
        return negative ? -Int(v) : Int(v)
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let gold = metadata["answer"]?.intValue else { return .wrong("item metadata is missing the answer") }
        guard let given = BitwiseArithmeticTask.parseHex(answer) else {
            return .wrong("the answer is not a hexadecimal number like -0x3f")
        }
        return given == gold ? .correct() : .wrong("the value is \(BitwiseArithmeticTask.hex(gold))")
    }

    func oracle(metadata: JSONValue) -> String {
        "print(hex(\(metadata["expression"]?.stringValue ?? "0")))"
    }
}
