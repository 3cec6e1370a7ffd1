// Combinatorial Calculation (SymBench): numbers in a fixed order; put + − × ÷
// and parentheses between them to reach a target. Several expressions can be
// valid, so the verifier parses the answer (never evaluates it as code),
// checks the numbers appear in the given order and evaluates it exactly.

public struct CombinatorialCalculationTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "combinatorial_calculation",
        title: "Combinatorial Calculation",
        source: .symbench,
        category: "arithmetic",
        description: "Insert +, -, *, / and parentheses between numbers kept in their order to reach a target.",
        knobs: [
            Knob("numbers", "how many numbers"),
            Knob("max_value", "largest number"),
            Knob("max_target", "largest absolute value of the target"),
        ],
        levels: [
            Level("easy", ["numbers": 4, "max_value": 9, "max_target": 50]),
            Level("medium", ["numbers": 5, "max_value": 12, "max_target": 100]),
            Level("hard", ["numbers": 5, "max_value": 20, "max_target": 300]),
            Level("expert", ["numbers": 6, "max_value": 25, "max_target": 1000]),
        ],
        defaultLevel: 1
    )

    /// A random expression over `numbers` in order, with its value.
    static func randomExpression(_ numbers: ArraySlice<Int>, rng: inout SplitMix64) -> (String, Rational)? {
        if numbers.count == 1 { return ("\(numbers.first!)", Rational(integer: numbers.first!)) }
        let split = rng.int(numbers.startIndex + 1..<numbers.endIndex)
        guard let (l, a) = randomExpression(numbers[..<split], rng: &rng),
              let (r, b) = randomExpression(numbers[split...], rng: &rng) else { return nil }
        let op = rng.pick(["+", "-", "*", "/"])
        let value: Rational?
        switch op {
        case "+": value = a.adding(b)
        case "-": value = a.subtracting(b)
        case "*": value = a.multiplied(by: b)
        default: value = a.divided(by: b)
        }
        guard let v = value else { return nil }
        let left = split - numbers.startIndex > 1 ? "(\(l))" : l
        let right = numbers.endIndex - split > 1 ? "(\(r))" : r
        return ("\(left) \(op) \(right)", v)
    }

    static func hasNegation(_ e: ArithmeticExpression) -> Bool {
        switch e {
        case .number: return false
        case .negate: return true
        case .binary(_, let l, let r): return hasNegation(l) || hasNegation(r)
        }
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let count = level["numbers"]
        while true {
            let numbers = (0..<count).map { _ in rng.int(1...level["max_value"]) }
            guard let (expr, value) = Self.randomExpression(numbers[...], rng: &rng), value.isInteger,
                  abs(value.numerator) <= level["max_target"], value.numerator != 0 || rng.chance(0.1) else { continue }
            let target = value.numerator
            let question = """
                Put the operators +, -, * and / and parentheses between the numbers \
                \(numbers.map(String.init).joined(separator: ", ")) so that the expression equals \(target). Keep \
                the numbers in this order and use each exactly once; do not join digits into new numbers and do not \
                put a minus sign in front of a number. Division is exact (fractions are allowed along the way).
                Give the expression in the form <<<expression>>>, for example <<<(1 + 2) * 3 - 4>>>.
                """
            return GeneratedItem(question: question, gold: expr,
                                 metadata: ["numbers": JSONValue(numbers), "target": .int(target)])
        }
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let numbers = metadata["numbers"]?.intArray, let target = metadata["target"]?.intValue else {
            return .wrong("item metadata is missing numbers or target")
        }
        let expr: ArithmeticExpression
        switch ArithmeticExpression.parseAnswer(answer, target: target) {
        case .success(let parsed): expr = parsed
        case .failure(let rejection): return rejection.verdict
        }
        guard !Self.hasNegation(expr) else { return .wrong("a minus sign is put in front of a number or group") }
        guard expr.literals == numbers else { return .wrong("the numbers must be \(numbers) in this order, each once") }
        return expr.verdict(equals: target, reason: "equals \(target)")
    }

    public func oracle(metadata: JSONValue) -> String {
        let numbers = metadata["numbers"]?.intArray ?? []
        let target = metadata["target"]?.intValue ?? 0
        return """
            from fractions import Fraction
            from functools import lru_cache

            numbers = \(numbers)
            target = \(target)

            @lru_cache(maxsize=None)
            def values(i, j):
                # every value of numbers[i:j] kept in order, with one expression for each
                if j - i == 1:
                    return {Fraction(numbers[i]): str(numbers[i])}
                out = {}
                for k in range(i + 1, j):
                    for a, ea in values(i, k).items():
                        for b, eb in values(k, j).items():
                            options = [(a + b, "+"), (a - b, "-"), (a * b, "*")]
                            if b != 0:
                                options.append((a / b, "/"))
                            for v, op in options:
                                out.setdefault(v, f"({ea}) {op} ({eb})")
                return out

            print(values(0, len(numbers))[Fraction(target)])
            """
    }
}
