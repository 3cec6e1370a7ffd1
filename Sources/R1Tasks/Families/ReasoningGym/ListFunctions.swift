// list_functions (Reasoning Gym, induction): infer a hidden list → list rule
// from input/output examples and apply it to a new list. The rule is one
// function (or, at higher levels, two applied in turn) from a fixed library.
// Every item is checked against the whole library: if any other rule (or pair
// of rules) fits all examples but gives a different answer for the new list,
// the item is redrawn, so the examples always pin the answer down.

public struct ListFunctionsTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "list_functions", title: "List functions", source: .reasoningGym, category: "induction",
        description: "Infer a list-to-list rule from examples and apply it to a new list (the examples determine the answer).",
        knobs: [Knob("depth", "functions composed in the rule"), Knob("examples", "input/output examples shown"),
                Knob("max_length", "longest input list")],
        levels: [Level("easy", ["depth": 1, "examples": 5, "max_length": 6]),
                 Level("medium", ["depth": 1, "examples": 4, "max_length": 9]),
                 Level("hard", ["depth": 2, "examples": 5, "max_length": 9]),
                 Level("expert", ["depth": 2, "examples": 4, "max_length": 12])],
        defaultLevel: 1)

    /// One library function: a name and a parameter (0 when it takes none).
    struct Rule: Hashable { let name: String; let k: Int }

    static let library: [Rule] = {
        var out: [Rule] = ["reverse", "sort_ascending", "sort_descending", "keep_even", "keep_odd", "remove_duplicates",
                           "running_sum", "square", "append_sum", "swap_ends", "neighbour_sums", "repeat_each",
                           "maximum", "length", "subtract_minimum"].map { Rule(name: $0, k: 0) }
        out += (-9...9).filter { $0 != 0 }.map { Rule(name: "add", k: $0) }
        out += (2...4).map { Rule(name: "multiply", k: $0) }
        out += (1...15).map { Rule(name: "keep_greater", k: $0) }
        out += (1...4).map { Rule(name: "take", k: $0) } + (1...4).map { Rule(name: "drop", k: $0) }
        out += (1...3).map { Rule(name: "rotate_left", k: $0) } + (2...5).map { Rule(name: "modulo", k: $0) }
        return out
    }()

    static func apply(_ r: Rule, _ xs: [Int]) -> [Int] {
        switch r.name {
        case "reverse": return xs.reversed()
        case "sort_ascending": return xs.sorted()
        case "sort_descending": return xs.sorted(by: >)
        case "keep_even": return xs.filter { $0 % 2 == 0 }
        case "keep_odd": return xs.filter { $0 % 2 != 0 }
        case "remove_duplicates":
            var seen = Set<Int>()
            return xs.filter { seen.insert($0).inserted }
        case "running_sum":
            var total = 0
            return xs.map { total += $0; return total }
        case "square": return xs.map { $0 * $0 }
        case "append_sum": return xs + [xs.reduce(0, +)]
        case "swap_ends":
            guard xs.count > 1 else { return xs }
            var out = xs; out.swapAt(0, xs.count - 1); return out
        case "neighbour_sums": return xs.count < 2 ? [] : (1..<xs.count).map { xs[$0 - 1] + xs[$0] }
        case "repeat_each": return xs.flatMap { [$0, $0] }
        case "maximum": return xs.isEmpty ? [] : [xs.max()!]
        case "length": return [xs.count]
        case "subtract_minimum":
            guard let m = xs.min() else { return [] }
            return xs.map { $0 - m }
        case "add": return xs.map { $0 + r.k }
        case "multiply": return xs.map { $0 * r.k }
        case "keep_greater": return xs.filter { $0 > r.k }
        case "take": return Array(xs.prefix(r.k))
        case "drop": return Array(xs.dropFirst(r.k))
        case "rotate_left":
            guard !xs.isEmpty else { return xs }
            let s = r.k % xs.count
            return Array(xs[s...] + xs[..<s])
        case "modulo": return xs.map { (($0 % r.k) + r.k) % r.k }
        default: return xs
        }
    }

    static func apply(_ rules: [Rule], _ xs: [Int]) -> [Int] { rules.reduce(xs) { apply($1, $0) } }

    /// True when some rule of at most `depth` functions fits every example but answers `test` differently.
    static func ambiguous(examples: [([Int], [Int])], test: [Int], answer: [Int], depth: Int) -> Bool {
        func fits(_ rules: [Rule]) -> Bool { examples.allSatisfy { apply(rules, $0.0) == $0.1 } }
        for f in library {
            // Depth 1, and depth 2 with f first: cheap rejection on the first example's prefix work.
            if fits([f]) && apply(f, test) != answer { return true }
            guard depth >= 2 else { continue }
            let afterF = examples.map { (apply(f, $0.0), $0.1) }
            let testAfterF = apply(f, test)
            for g in library where afterF.allSatisfy({ apply(g, $0.0) == $0.1 }) {
                if apply(g, testAfterF) != answer { return true }
            }
        }
        return false
    }

    static func list(_ xs: [Int]) -> String { "[" + xs.joinedDecimal(separator: ", ") + "]" }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let depth = level["depth"], maxLength = level["max_length"]
        func input() -> [Int] { (0..<rng.int(3...maxLength)).map { _ in rng.int(0...30) } }
        while true {
            let rules = (0..<depth).map { _ in rng.pick(ListFunctionsTask.library) }
            let inputs = (0..<level["examples"]).map { _ in input() }
            let examples = inputs.map { ($0, ListFunctionsTask.apply(rules, $0)) }
            let test = input()
            let answer = ListFunctionsTask.apply(rules, test)
            // Informative: a non-empty answer and not every example left unchanged.
            guard !answer.isEmpty, examples.contains(where: { $0.0 != $0.1 }),
                  !ListFunctionsTask.ambiguous(examples: examples, test: test, answer: answer, depth: depth) else { continue }
            let shown = examples.map { "\(ListFunctionsTask.list($0.0)) -> \(ListFunctionsTask.list($0.1))" }
            let question = """
                The same hidden rule turns each input list into its output list:

                \(shown.joined(separator: "\n"))

                What does the rule turn \(ListFunctionsTask.list(test)) into? Give the output list inside <<< and >>>, \
                e.g. <<<[3, 1, 4]>>>.
                """
            return GeneratedItem(question: question, gold: ListFunctionsTask.list(answer), metadata: [
                "examples": .array(examples.map { .array([JSONValue($0.0), JSONValue($0.1)]) }),
                "test": JSONValue(test),
                "rule": .array(rules.map { .array([.string($0.name), .int($0.k)]) }),
            ])
        }
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let test = metadata["test"]?.intArray, let ruleList = metadata["rule"]?.arrayValue, !ruleList.isEmpty else {
            return .wrong("item metadata has no rule")
        }
        var rules: [Rule] = []
        for r in ruleList {
            guard let name = r.element(0)?.stringValue, let k = r.element(1)?.intValue, ListFunctionsTask.library.contains(Rule(name: name, k: k))
            else { return .wrong("item metadata has an unknown rule") }
            rules.append(Rule(name: name, k: k))
        }
        let expected = ListFunctionsTask.apply(rules, test)
        guard RGGrids.isNumericList(answer), answer.contains(where: \.isNumber) else { return .wrong("the answer is not a list of integers") }
        let got = RGGrids.integers(answer)
        return got == expected ? .correct(ListFunctionsTask.list(expected)) : .wrong("the output is \(ListFunctionsTask.list(expected))")
    }

    public func oracle(metadata: JSONValue) -> String {
        // The oracle searches its own copy of the library for a rule that fits the examples.
        """
        examples = \(RGGrids.py(metadata["examples"] ?? .null))
        test = \(RGGrids.py(metadata["test"] ?? .null))
        def dedupe(xs):
            out = []
            for x in xs:
                if x not in out: out.append(x)
            return out
        def running(xs):
            out, t = [], 0
            for x in xs:
                t += x; out.append(t)
            return out
        lib = [lambda xs: xs[::-1], sorted, lambda xs: sorted(xs, reverse=True), lambda xs: [x for x in xs if x % 2 == 0],
               lambda xs: [x for x in xs if x % 2], dedupe, running, lambda xs: [x * x for x in xs],
               lambda xs: xs + [sum(xs)], lambda xs: xs[-1:] + xs[1:-1] + xs[:1] if len(xs) > 1 else xs,
               lambda xs: [a + b for a, b in zip(xs, xs[1:])], lambda xs: [x for x in xs for _ in (0, 1)],
               lambda xs: [max(xs)] if xs else [], lambda xs: [len(xs)], lambda xs: [x - min(xs) for x in xs]]
        lib += [lambda xs, k=k: [x + k for x in xs] for k in range(-9, 10) if k]
        lib += [lambda xs, k=k: [x * k for x in xs] for k in range(2, 5)]
        lib += [lambda xs, k=k: [x for x in xs if x > k] for k in range(1, 16)]
        lib += [lambda xs, k=k: xs[:k] for k in range(1, 5)] + [lambda xs, k=k: xs[k:] for k in range(1, 5)]
        lib += [lambda xs, k=k: xs[k % len(xs):] + xs[:k % len(xs)] if xs else xs for k in range(1, 4)]
        lib += [lambda xs, k=k: [x % k for x in xs] for k in range(2, 6)]
        rules = [[f] for f in lib] + [[f, g] for f in lib for g in lib]
        for rule in rules:
            def run(xs):
                for f in rule: xs = f(list(xs))
                return xs
            if all(run(i) == o for i, o in examples):
                print(run(test))
                break
        """
    }
}
