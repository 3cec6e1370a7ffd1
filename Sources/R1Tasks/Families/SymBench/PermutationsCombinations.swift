// Permutations and Combinations (SymBench): arrange books on a shelf under
// position and adjacency constraints. The generator adds constraints true of a
// hidden order until at most `max_solutions` orders remain; the verifier
// accepts any order that meets every constraint.

public struct PermutationsCombinationsTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "permutations_combinations",
        title: "Permutations and Combinations",
        source: .symbench,
        category: "logic",
        description: "Order books on a shelf so that every position and adjacency constraint holds.",
        knobs: [
            Knob("books", "how many books"),
            Knob("max_solutions", "most orders that may meet all the constraints"),
        ],
        levels: [
            Level("easy", ["books": 5, "max_solutions": 1]),
            Level("medium", ["books": 6, "max_solutions": 2]),
            Level("hard", ["books": 7, "max_solutions": 2]),
            Level("expert", ["books": 8, "max_solutions": 3]),
        ],
        defaultLevel: 1
    )

    static let names = ["A", "B", "C", "D", "E", "F", "G", "H"]

    /// Constraints over positions (1-based): variables are books, values their positions.
    /// left: i somewhere left of j; next: i immediately left of j; at: i at p; notat: i not at p;
    /// apart: i and j not adjacent; gap: exactly g books between i and j; end: i at either end.
    static func constraint(_ spec: [JSONValue], books n: Int) -> PermutationConstraint? {
        guard let kind = spec.first?.stringValue else { return nil }
        let a = spec.dropFirst().compactMap(\.intValue)
        guard a.count == spec.count - 1, a.allSatisfy({ $0 >= 0 }) else { return nil }
        switch (kind, a.count) {
        case ("left", 2): return PermutationConstraint(variables: [a[0], a[1]]) { $0[a[0]] < $0[a[1]] }
        case ("next", 2): return PermutationConstraint(variables: [a[0], a[1]]) { $0[a[0]] + 1 == $0[a[1]] }
        case ("at", 2): return PermutationConstraint(variables: [a[0]]) { $0[a[0]] == a[1] }
        case ("notat", 2): return PermutationConstraint(variables: [a[0]]) { $0[a[0]] != a[1] }
        case ("apart", 2): return PermutationConstraint(variables: [a[0], a[1]]) { abs($0[a[0]] - $0[a[1]]) != 1 }
        case ("gap", 3): return PermutationConstraint(variables: [a[0], a[1]]) { abs($0[a[0]] - $0[a[1]]) == a[2] + 1 }
        case ("end", 1): return PermutationConstraint(variables: [a[0]]) { $0[a[0]] == 1 || $0[a[0]] == n }
        default: return nil
        }
    }

    static func text(_ spec: [JSONValue]) -> String {
        let k = spec.first?.stringValue ?? ""
        let a = spec.dropFirst().compactMap(\.intValue)
        func b(_ i: Int) -> String { "book \(names[i])" }
        switch k {
        case "left": return "\(b(a[0])) is somewhere to the left of \(b(a[1]))."
        case "next": return "\(b(a[0])) is immediately to the left of \(b(a[1]))."
        case "at": return "\(b(a[0])) is in position \(a[1])."
        case "notat": return "\(b(a[0])) is not in position \(a[1])."
        case "apart": return "\(b(a[0])) and \(b(a[1])) are not next to each other."
        case "gap" where a[2] == 0: return "\(b(a[0])) and \(b(a[1])) stand next to each other."
        case "gap": return "Exactly \(a[2]) book\(a[2] == 1 ? "" : "s") stand\(a[2] == 1 ? "s" : "") between \(b(a[0])) and \(b(a[1]))."
        default: return "\(b(a[0])) is at one of the two ends of the shelf."
        }
    }

    static func python(_ spec: [JSONValue]) -> String {
        let k = spec.first?.stringValue ?? ""
        let a = spec.dropFirst().compactMap(\.intValue)
        func p(_ i: Int) -> String { "pos['\(names[i])']" }
        switch k {
        case "left": return "\(p(a[0])) < \(p(a[1]))"
        case "next": return "\(p(a[0])) + 1 == \(p(a[1]))"
        case "at": return "\(p(a[0])) == \(a[1])"
        case "notat": return "\(p(a[0])) != \(a[1])"
        case "apart": return "abs(\(p(a[0])) - \(p(a[1]))) != 1"
        case "gap": return "abs(\(p(a[0])) - \(p(a[1]))) == \(a[2] + 1)"
        default: return "\(p(a[0])) in (1, n)"
        }
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let n = level["books"]
        let order = rng.shuffled(Array(0..<n))  // order[p] is the book in position p + 1
        var position = [Int](repeating: 0, count: n)
        for (p, book) in order.enumerated() { position[book] = p + 1 }
        var seen = Set<[JSONValue]>()
        let specs: [[JSONValue]] = PermutationSearch.narrow(variables: n, values: Array(1...n),
                                                            maxSolutions: level["max_solutions"], initial: n + 2) {
            let pick = rng.sample(Array(0..<n), count: 2)
            let (i, j) = (pick[0], pick[1])
            let (pi, pj) = (position[i], position[j])
            var spec: [JSONValue]
            switch rng.int(0..<12) {
            case 0, 1, 2: spec = pi < pj ? ["left", .int(i), .int(j)] : ["left", .int(j), .int(i)]
            case 3:
                guard abs(pi - pj) == 1 else { return nil }
                spec = pi < pj ? ["next", .int(i), .int(j)] : ["next", .int(j), .int(i)]
            case 4: spec = ["at", .int(i), .int(pi)]
            case 5, 6: spec = ["notat", .int(i), .int(rng.pick((1...n).filter { $0 != pi }))]
            case 7, 8:
                guard abs(pi - pj) != 1 else { return nil }
                spec = ["apart", .int(i), .int(j)]
            case 9, 10: spec = ["gap", .int(i), .int(j), .int(abs(pi - pj) - 1)]
            default:
                guard pi == 1 || pi == n else { return nil }
                spec = ["end", .int(i)]
            }
            guard seen.insert(spec).inserted else { return nil }
            return (spec, Self.constraint(spec, books: n)!)
        }
        let books = Array(Self.names[0..<n])
        let example = rng.shuffled(books)
        let question = """
            \(n) books, \(books.joined(separator: ", ")), are put on a shelf in a row, in positions 1 to \(n) from left \
            to right, one book per position. The arrangement must satisfy:
            \(specs.enumerated().map { "\($0.offset + 1). \(Self.text($0.element))" }.joined(separator: "\n"))

            Give an arrangement that meets every condition, as the books from position 1 to position \(n), in the \
            form <<<[\(example.map { "\"\($0)\"" }.joined(separator: ", "))]>>>.
            """
        let gold = "[" + order.map { "\"\(Self.names[$0])\"" }.joined(separator: ", ") + "]"
        return GeneratedItem(question: question, gold: gold, metadata: [
            "books": .int(n), "constraints": .array(specs.map { .array($0) }),
        ])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let n = metadata["books"]?.intValue, (1...Self.names.count).contains(n),
              let raw = metadata["constraints"]?.arrayValue else { return .wrong("item metadata is incomplete") }
        let specs = raw.compactMap(\.arrayValue)
        let constraints = specs.compactMap { Self.constraint($0, books: n) }
        guard constraints.count == raw.count, !constraints.isEmpty,
              constraints.allSatisfy({ $0.variables.allSatisfy { $0 < n } }) else { return .wrong("item metadata is incomplete") }
        guard let tokens = SymParse.tokens(answer.uppercased().replacing("BOOK", with: " ")) else {
            return .wrong("expected a list of books")
        }
        guard tokens.count == n, Set(tokens) == Set(Self.names[0..<n]) else {
            return .wrong("expected each of the \(n) books exactly once")
        }
        var position = [Int](repeating: 0, count: n)
        for (p, t) in tokens.enumerated() { position[Self.names.firstIndex(of: t)!] = p + 1 }
        for (spec, c) in zip(specs, constraints) where !c.test(position) {
            return .wrong("condition not met: \(Self.text(spec))")
        }
        return .correct("every condition holds")
    }

    public func oracle(metadata: JSONValue) -> String {
        let n = metadata["books"]?.intValue ?? 0
        let specs = (metadata["constraints"]?.arrayValue ?? []).compactMap(\.arrayValue)
        return """
            from itertools import permutations
            n = \(n)
            books = \(SymFormat.pyStrings(Array(Self.names[0..<min(max(n, 0), Self.names.count)])))
            conditions = [
            \(specs.map { "    lambda pos: " + Self.python($0) + "," }.joined(separator: "\n"))
            ]
            for order in permutations(books):
                pos = {book: i + 1 for i, book in enumerate(order)}
                if all(c(pos) for c in conditions):
                    print(list(order))
                    break
            """
    }
}
