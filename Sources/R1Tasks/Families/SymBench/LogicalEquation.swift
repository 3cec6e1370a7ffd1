// Logical Equation (SymBench): give each letter a different number from a list
// so that all equations and inequalities hold. The generator adds constraints
// true of a hidden assignment until it is the only solution; the verifier
// still checks the constraints themselves.

public struct LogicalEquationTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "logical_equation",
        title: "Logical Equation",
        source: .symbench,
        category: "logic",
        description: "Assign distinct given numbers to letters so that a set of equations and inequalities holds.",
        knobs: [
            Knob("letters", "how many letters (and numbers)"),
            Knob("max_value", "largest number in the list"),
        ],
        levels: [
            Level("easy", ["letters": 4, "max_value": 20]),
            Level("medium", ["letters": 6, "max_value": 40]),
            Level("hard", ["letters": 7, "max_value": 60]),
            Level("expert", ["letters": 8, "max_value": 100]),
        ],
        defaultLevel: 1
    )

    /// A constraint as stored in metadata: kind and integer arguments.
    /// sum: x_i + x_j = v; diff: x_i − x_j = v; times: x_i = v·x_j; gt: x_i > x_j;
    /// sum3: x_i + x_j + x_k = v; prod: x_i · x_j = v.
    static func constraint(_ spec: [JSONValue]) -> PermutationConstraint? {
        guard let kind = spec.first?.stringValue else { return nil }
        let args = spec.dropFirst().compactMap(\.intValue)
        guard args.count == spec.count - 1 else { return nil }
        switch (kind, args.count) {
        case ("sum", 3): return PermutationConstraint(variables: [args[0], args[1]]) { $0[args[0]] + $0[args[1]] == args[2] }
        case ("diff", 3): return PermutationConstraint(variables: [args[0], args[1]]) { $0[args[0]] - $0[args[1]] == args[2] }
        case ("times", 3): return PermutationConstraint(variables: [args[0], args[1]]) { $0[args[0]] == args[2] * $0[args[1]] }
        case ("gt", 2): return PermutationConstraint(variables: [args[0], args[1]]) { $0[args[0]] > $0[args[1]] }
        case ("sum3", 4): return PermutationConstraint(variables: [args[0], args[1], args[2]]) { $0[args[0]] + $0[args[1]] + $0[args[2]] == args[3] }
        case ("prod", 3): return PermutationConstraint(variables: [args[0], args[1]]) { $0[args[0]] * $0[args[1]] == args[2] }
        default: return nil
        }
    }

    static func letter(_ i: Int) -> String { String(UnicodeScalar(UInt8(65 + i))) }

    static func text(_ spec: [JSONValue]) -> String {
        let k = spec.first?.stringValue ?? ""
        let a = spec.dropFirst().compactMap(\.intValue)
        switch k {
        case "sum": return "\(letter(a[0])) + \(letter(a[1])) = \(a[2])"
        case "diff": return "\(letter(a[0])) - \(letter(a[1])) = \(a[2])"
        case "times": return "\(letter(a[0])) = \(a[2]) * \(letter(a[1]))"
        case "gt": return "\(letter(a[0])) > \(letter(a[1]))"
        case "sum3": return "\(letter(a[0])) + \(letter(a[1])) + \(letter(a[2])) = \(a[3])"
        default: return "\(letter(a[0])) * \(letter(a[1])) = \(a[2])"
        }
    }

    static func python(_ spec: [JSONValue]) -> String {
        let k = spec.first?.stringValue ?? ""
        let a = spec.dropFirst().compactMap(\.intValue)
        switch k {
        case "sum": return "x[\(a[0])] + x[\(a[1])] == \(a[2])"
        case "diff": return "x[\(a[0])] - x[\(a[1])] == \(a[2])"
        case "times": return "x[\(a[0])] == \(a[2]) * x[\(a[1])]"
        case "gt": return "x[\(a[0])] > x[\(a[1])]"
        case "sum3": return "x[\(a[0])] + x[\(a[1])] + x[\(a[2])] == \(a[3])"
        default: return "x[\(a[0])] * x[\(a[1])] == \(a[2])"
        }
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let n = level["letters"]
        let numbers = rng.sample(Array(1...level["max_value"]), count: n).sorted()
        let hidden = rng.shuffled(numbers)  // hidden[i] is the value of letter i
        var seen = Set<[JSONValue]>()
        let specs: [[JSONValue]] = PermutationSearch.narrow(variables: n, values: numbers, maxSolutions: 1,
                                                            initial: n + 2) {
            let pair = rng.sample(Array(0..<n), count: 3)
            let (i, j, k) = (pair[0], pair[1], pair[2])
            var spec: [JSONValue]
            switch rng.int(0..<10) {
            case 0, 1: spec = ["sum", .int(i), .int(j), .int(hidden[i] + hidden[j])]
            case 2, 3: spec = ["diff", .int(i), .int(j), .int(hidden[i] - hidden[j])]
            case 4, 5: spec = hidden[i] > hidden[j] ? ["gt", .int(i), .int(j)] : ["gt", .int(j), .int(i)]
            case 6:
                guard hidden[i] % hidden[j] == 0, hidden[i] / hidden[j] > 1 else { return nil }
                spec = ["times", .int(i), .int(j), .int(hidden[i] / hidden[j])]
            case 7, 8: spec = ["sum3", .int(i), .int(j), .int(k), .int(hidden[i] + hidden[j] + hidden[k])]
            default: spec = ["prod", .int(i), .int(j), .int(hidden[i] * hidden[j])]
            }
            guard seen.insert(spec).inserted else { return nil }
            return (spec, Self.constraint(spec)!)
        }
        let letters = (0..<n).map(Self.letter)
        let question = """
            The letters \(letters.joined(separator: ", ")) stand for the numbers \
            \(numbers.map(String.init).joined(separator: ", ")), each letter a different number. They satisfy:
            \(specs.enumerated().map { "\($0.offset + 1). \(Self.text($0.element))" }.joined(separator: "\n"))

            Find the value of every letter. Give the values in alphabetical order of the letters \
            (\(letters.joined(separator: ", "))), in the form <<<[\(letters.map { _ in "n" }.joined(separator: ", "))]>>>, \
            for example <<<[\(numbers.map(String.init).joined(separator: ", "))]>>>.
            """
        return GeneratedItem(question: question, gold: "[" + hidden.map(String.init).joined(separator: ", ") + "]", metadata: [
            "numbers": JSONValue(numbers), "constraints": .array(specs.map { .array($0) }),
        ])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let numbers = metadata["numbers"]?.intArray, let raw = metadata["constraints"]?.arrayValue else {
            return .wrong("item metadata is incomplete")
        }
        let specs = raw.compactMap(\.arrayValue)
        let constraints = specs.compactMap(Self.constraint)
        guard constraints.count == raw.count, !constraints.isEmpty,
              constraints.allSatisfy({ $0.variables.allSatisfy { (0..<numbers.count).contains($0) } }) else {
            return .wrong("item metadata is incomplete")
        }
        var text = answer
        for ch in "ABCDEFGHIJ=:" { text = text.replacing(String(ch), with: " ") }
        guard let values = SymParse.integers(text), values.count == numbers.count else {
            return .wrong("expected \(numbers.count) integers")
        }
        guard values.sorted() == numbers else { return .wrong("the values must be the given numbers, each used once") }
        for (spec, c) in zip(specs, constraints) where !c.test(values) {
            return .wrong("\(Self.text(spec)) does not hold")
        }
        return .correct("every constraint holds")
    }

    public func oracle(metadata: JSONValue) -> String {
        let numbers = metadata["numbers"]?.intArray ?? []
        let specs = (metadata["constraints"]?.arrayValue ?? []).compactMap(\.arrayValue)
        let checks = specs.map { "    lambda x: " + Self.python($0) + "," }.joined(separator: "\n")
        return """
            from itertools import permutations
            numbers = \(numbers)
            constraints = [  # x[0] is the value of A, x[1] of B, ...
            \(checks)
            ]
            for x in permutations(numbers):
                if all(c(x) for c in constraints):
                    print(list(x))
                    break
            """
    }
}
