// boolean_expressions: evaluate an expression over True/False with not, and, or
// and parentheses, using Python's precedence (not > and > or).

struct BooleanExpressionsTask: ReasoningTask {
    let info = TaskInfo(
        id: "boolean_expressions",
        title: "Boolean expressions",
        source: .bbh,
        category: "logic",
        description: "Evaluate a Boolean expression built from True, False, not, and, or and parentheses "
            + "(Python precedence). Labels are balanced, so a constant answer scores about 50%.",
        knobs: [
            Knob("operands", "how many True/False literals the expression has"),
            Knob("max_depth", "deepest nesting of parenthesised sub-expressions"),
            Knob("max_nots", "most 'not' in front of one sub-expression"),
        ],
        levels: [
            Level("easy", ["operands": 5, "max_depth": 1, "max_nots": 1]),
            Level("medium", ["operands": 7, "max_depth": 2, "max_nots": 2]),
            Level("hard", ["operands": 10, "max_depth": 3, "max_nots": 2]),
            Level("expert", ["operands": 14, "max_depth": 4, "max_nots": 3]),
        ],
        defaultLevel: 1
    )

    indirect enum Expr {
        case lit(Bool)
        case not(Expr)
        case and(Expr, Expr)
        case or(Expr, Expr)
        case paren(Expr)

        var value: Bool {
            switch self {
            case .lit(let b): return b
            case .not(let e): return !e.value
            case .and(let a, let b): return a.value && b.value
            case .or(let a, let b): return a.value || b.value
            case .paren(let e): return e.value
            }
        }

        /// Binding strength: or 1, and 2, not 3, atoms 4.
        var strength: Int {
            switch self {
            case .or: return 1
            case .and: return 2
            case .not: return 3
            case .lit, .paren: return 4
            }
        }

        var text: String {
            switch self {
            case .lit(let b): return b ? "True" : "False"
            case .not(let e): return "not " + e.text
            case .and(let a, let b): return a.text + " and " + b.text
            case .or(let a, let b): return a.text + " or " + b.text
            case .paren(let e): return "( " + e.text + " )"
            }
        }

        var depth: Int {
            switch self {
            case .lit: return 0
            case .not(let e): return e.depth
            case .and(let a, let b), .or(let a, let b): return max(a.depth, b.depth)
            case .paren(let e): return e.depth + 1
            }
        }
    }

    static func nots(_ e: Expr, _ maxNots: Int, rng: inout SplitMix64) -> Expr {
        guard maxNots > 0, rng.chance(0.3) else { return e }
        var out = e
        for _ in 0..<rng.int(1...maxNots) { out = .not(out) }
        return out
    }

    /// Joins atoms with random and/or, no parentheses; the tree follows the
    /// precedence a reader applies (and-runs first, then or).
    static func chain(_ atoms: [Expr], rng: inout SplitMix64) -> Expr {
        var terms: [Expr] = []
        var term = atoms[0]
        for atom in atoms.dropFirst() {
            if rng.chance(0.5) { term = .and(term, atom) } else { terms.append(term); term = atom }
        }
        terms.append(term)
        return terms.dropFirst().reduce(terms[0]) { .or($0, $1) }
    }

    /// An expression with `leaves` literals and at most `depth` nested parentheses.
    static func build(leaves: Int, depth: Int, maxNots: Int, rng: inout SplitMix64) -> Expr {
        if depth == 0 || leaves < 2 {
            let atoms = (0..<leaves).map { _ in nots(.lit(rng.chance(0.5)), maxNots, rng: &rng) }
            return chain(atoms, rng: &rng)
        }
        // Split the literals into 2–3 groups; at least one becomes a parenthesised sub-expression.
        let parts = leaves >= 3 && rng.chance(0.4) ? 3 : 2
        var sizes = Array(repeating: 1, count: parts)
        for _ in 0..<(leaves - parts) { sizes[rng.int(0..<parts)] += 1 }
        let grouped = rng.int(0..<parts)
        var atoms: [Expr] = []
        for (i, size) in sizes.enumerated() {
            if size >= 2 && (i == grouped || rng.chance(0.5)) {
                let inner = build(leaves: size, depth: depth - 1, maxNots: maxNots, rng: &rng)
                atoms.append(nots(.paren(inner), maxNots, rng: &rng))
            } else {
                atoms += (0..<size).map { _ in nots(.lit(rng.chance(0.5)), maxNots, rng: &rng) }
            }
        }
        return chain(atoms, rng: &rng)
    }

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let operands = level["operands"], maxDepth = level["max_depth"], maxNots = level["max_nots"]
        // Draw the label first, then expressions until one has it (a few draws; bounded).
        var target = rng.chance(0.5)
        var expr = Self.build(leaves: operands, depth: maxDepth, maxNots: maxNots, rng: &rng)
        for _ in 0..<1000 where expr.value != target {
            expr = Self.build(leaves: operands, depth: maxDepth, maxNots: maxNots, rng: &rng)
        }
        target = expr.value
        let text = expr.text
        let question = """
            Evaluate the following Boolean expression. It uses Python's rules: not binds tighter than and, \
            which binds tighter than or.

            \(text)

            Is the expression True or False? Give your final answer as <<<True>>> or <<<False>>>.
            """
        return GeneratedItem(question: question, gold: target ? "True" : "False",
                             metadata: ["expression": .string(text), "value": .bool(target),
                                        "depth": .int(expr.depth)])
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let value = metadata["value"]?.boolValue else { return .wrong("item metadata is missing value") }
        return BBH.verifyBinary(answer: answer, expected: value, trueWord: "True", falseWord: "False")
    }

    func oracle(metadata: JSONValue) -> String {
        let expression = metadata["expression"] ?? .string("True")
        return """
            expression = \(BBH.py(expression))
            # The expression is Python syntax over literals only; evaluate it without builtins.
            print(eval(expression, {"__builtins__": {}}))
            """
    }
}
