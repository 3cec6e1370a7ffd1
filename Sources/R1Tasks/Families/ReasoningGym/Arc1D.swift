// arc_1d (Reasoning Gym, arc): infer a rule from three input → output rows of
// colours (0 = background) and apply it to a new input. R1CI's own rule
// families: shift, mirror, fill between equal colours, fill gaps from the
// left, gravity to the right, and swapping two colours.
//
// Well-posed by construction: every rule of every family with every parameter
// that agrees with all three examples must give the same output for the test
// input, else the item is re-drawn. The answer is then unique among these rules.

public struct Arc1DTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "arc_1d", title: "1-D ARC", source: .reasoningGym, category: "arc",
        description: "Induce a transformation of a row of colours from three examples and apply it.",
        knobs: [Knob("size", "length of each row"), Knob("families", "how many rule families are in play (1–6)")],
        levels: [Level("easy", ["size": 10, "families": 3]), Level("medium", ["size": 15, "families": 4]),
                 Level("hard", ["size": 20, "families": 5]), Level("expert", ["size": 30, "families": 6])],
        defaultLevel: 1)

    static let familyNames = ["shift", "mirror", "fill_between", "fill_right", "gravity_right", "swap_colors"]

    /// Applies rule `family` with integer parameters `p` to `row`.
    static func apply(_ family: String, _ p: [Int], _ row: [Int]) -> [Int] {
        let n = row.count
        switch family {
        case "shift":
            let d = p[0]
            return (0..<n).map { i in (0..<n).contains(i - d) ? row[i - d] : 0 }
        case "mirror":
            return row.reversed()
        case "fill_between":
            var out = row
            for color in Set(row) where color != 0 {
                let first = row.firstIndex(of: color)!, last = row.lastIndex(of: color)!
                for i in first...last where out[i] == 0 { out[i] = color }
            }
            return out
        case "fill_right":
            var out = row
            for i in 1..<max(1, n) where out[i] == 0 { out[i] = out[i - 1] }
            return out
        case "gravity_right":
            let colors = row.filter { $0 != 0 }
            return Array(repeating: 0, count: n - colors.count) + colors
        default:  // swap_colors
            return row.map { $0 == p[0] ? p[1] : $0 == p[1] ? p[0] : $0 }
        }
    }

    /// Whether `apply(family, p, input) == output`. Shifts and colour swaps (44 of the
    /// 48 rules checked on every candidate item) are compared cell by cell without
    /// building the transformed row; the other families build it.
    static func gives(_ family: String, _ p: [Int], _ input: [Int], _ output: [Int]) -> Bool {
        let n = input.count
        guard output.count == n else { return false }
        switch family {
        case "shift":
            let d = p[0]
            for i in 0..<n where output[i] != ((0..<n).contains(i - d) ? input[i - d] : 0) { return false }
            return true
        case "swap_colors":
            for i in 0..<n {
                let v = input[i]
                if output[i] != (v == p[0] ? p[1] : v == p[1] ? p[0] : v) { return false }
            }
            return true
        default:
            return apply(family, p, input) == output
        }
    }

    /// Every (family, parameters) rule considered when checking that an item is well posed.
    static let allRules: [(String, [Int])] = {
        var rules: [(String, [Int])] = []
        for d in -4...4 where d != 0 { rules.append(("shift", [d])) }
        rules += [("mirror", []), ("fill_between", []), ("fill_right", []), ("gravity_right", [])]
        for a in 1...8 { for b in (a + 1)...9 { rules.append(("swap_colors", [a, b])) } }
        return rules
    }()

    /// An input row that shows off `family`.
    static func input(_ family: String, _ p: [Int], size n: Int, rng: inout SplitMix64) -> [Int] {
        var row = [Int](repeating: 0, count: n)
        switch family {
        case "shift":
            let d = p[0], len = rng.int(2...max(2, n / 3))
            let lo = max(0, -d), hi = n - len - max(0, d)
            let start = rng.int(lo...max(lo, hi))
            let color = rng.int(1...9)
            for i in start..<min(n, start + len) { row[i] = color }
        case "mirror":
            for _ in 0..<rng.int(2...3) {
                let len = rng.int(1...max(1, n / 4)), start = rng.int(0...(n - len)), color = rng.int(1...9)
                for i in start..<start + len { row[i] = color }
            }
        case "fill_between":
            let a = rng.int(0...(n - 3)), b = rng.int((a + 2)...(n - 1))
            let color = rng.int(1...9)
            row[a] = color; row[b] = color
        case "fill_right":
            for i in rng.sample(Array(0..<n), count: rng.int(1...3)) { row[i] = rng.int(1...9) }
        case "gravity_right":
            for i in rng.sample(Array(0..<n), count: rng.int(2...max(2, n / 3))) { row[i] = rng.int(1...9) }
        default:
            for i in 0..<n where rng.chance(0.5) { row[i] = rng.chance(0.7) ? rng.pick(p) : rng.int(1...9) }
            row[rng.int(0..<n)] = p[0]
            row[rng.int(0..<n)] = p[1]
        }
        return row
    }

    static func params(_ family: String, rng: inout SplitMix64) -> [Int] {
        switch family {
        case "shift": return [rng.pick([-3, -2, -1, 1, 2, 3])]
        case "swap_colors": let c = rng.sample(Array(1...9), count: 2).sorted(); return c
        default: return []
        }
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let n = level["size"]
        let families = Array(Arc1DTask.familyNames.prefix(max(1, min(6, level["families"]))))
        for attempt in 1... {
            let family = rng.pick(families)
            let p = Arc1DTask.params(family, rng: &rng)
            let inputs = (0..<4).map { _ in Arc1DTask.input(family, p, size: n, rng: &rng) }
            let outputs = inputs.map { Arc1DTask.apply(family, p, $0) }
            let consistent = Arc1DTask.allRules.filter { rule in
                (0..<3).allSatisfy { Arc1DTask.gives(rule.0, rule.1, inputs[$0], outputs[$0]) }
            }
            let wellPosed = consistent.allSatisfy { Arc1DTask.gives($0.0, $0.1, inputs[3], outputs[3]) }
            guard wellPosed, outputs[3] != inputs[3], Set(inputs).count == 4 else {
                precondition(attempt < 2000, "arc_1d: no well-posed item")
                continue
            }
            func line(_ r: [Int]) -> String { r.joinedDecimal(separator: " ") }
            let examples = (0..<3).map { "Example \($0 + 1):\nInput:  \(line(inputs[$0]))\nOutput: \(line(outputs[$0]))" }
            let question = """
                Each example below turns an input row of \(n) colours (digits; 0 is the background) into \
                an output row by the same rule. Find the rule and apply it to the test input.

                \(examples.joined(separator: "\n\n"))

                Test input: \(line(inputs[3]))

                Give the output row as your final answer inside <<< and >>>: \(n) digits separated by \
                spaces.
                """
            return GeneratedItem(question: question, gold: line(outputs[3]), metadata: [
                "family": .string(family), "params": JSONValue(p),
                "examples": .array((0..<3).map { ["input": JSONValue(inputs[$0]), "output": JSONValue(outputs[$0])] }),
                "test_input": JSONValue(inputs[3]), "test_output": JSONValue(outputs[3]),
            ])
        }
        fatalError("unreachable")
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let expected = metadata["test_output"]?.intArray else { return .wrong("item metadata has no output") }
        guard let got = RGGrids.parseGrid(answer, rows: 1, cols: expected.count) else {
            return .wrong("the answer is not a row of \(expected.count) numbers")
        }
        return got[0] == expected ? .correct("the exact row") : .wrong("the row differs from the correct one")
    }

    /// Searches the same rule families for one that fits the examples, then applies it.
    public func oracle(metadata: JSONValue) -> String {
        """
        examples = \(RGGrids.py(metadata["examples"] ?? .null))
        test = \(RGGrids.py(metadata["test_input"] ?? .null))
        n = len(test)
        def shift(d): return lambda r: [r[i - d] if 0 <= i - d < n else 0 for i in range(n)]
        def fill_between(r):
            out = list(r)
            for c in set(r) - {0}:
                idx = [i for i, v in enumerate(r) if v == c]
                for i in range(idx[0], idx[-1] + 1):
                    if out[i] == 0: out[i] = c
            return out
        def fill_right(r):
            out = list(r)
            for i in range(1, n):
                if out[i] == 0: out[i] = out[i - 1]
            return out
        def gravity(r):
            c = [v for v in r if v]
            return [0] * (n - len(c)) + c
        def swap(a, b): return lambda r: [b if v == a else a if v == b else v for v in r]
        rules = [shift(d) for d in range(-4, 5) if d] + [lambda r: r[::-1], fill_between, fill_right, gravity]
        rules += [swap(a, b) for a in range(1, 10) for b in range(a + 1, 10)]
        for f in rules:
            if all(f(e["input"]) == e["output"] for e in examples):
                print(" ".join(map(str, f(test))))
                break
        """
    }
}
