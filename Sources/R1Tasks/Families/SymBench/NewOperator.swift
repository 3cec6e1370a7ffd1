// New Operator (SymBench): binary operators defined by formulas, then an
// expression that nests them. R1CI draws the formulas, their coefficients and
// the expression per item; values stay integers. One answer, compared exactly.

public struct NewOperatorTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "new_operator",
        title: "New Operator",
        source: .symbench,
        category: "arithmetic",
        description: "Evaluate an expression built from newly defined binary operators.",
        knobs: [
            Knob("operators", "how many new operators are defined"),
            Knob("applications", "how many operator applications the expression contains"),
            Knob("negative_operands", "1: operands may be negative"),
            Knob("max_operand", "largest operand"),
        ],
        levels: [
            Level("easy", ["operators": 1, "applications": 1, "negative_operands": 0, "max_operand": 30]),
            Level("medium", ["operators": 1, "applications": 2, "negative_operands": 0, "max_operand": 12]),
            Level("hard", ["operators": 2, "applications": 3, "negative_operands": 1, "max_operand": 9]),
            Level("expert", ["operators": 3, "applications": 5, "negative_operands": 1, "max_operand": 9]),
        ],
        defaultLevel: 1
    )

    /// Formula templates over a, b with coefficients p, q: text, Python, and exact value.
    struct Template: Sendable {
        let text: @Sendable (Int, Int) -> String
        let value: @Sendable (Int, Int, Int, Int) -> Int?  // a, b, p, q
    }

    static func mul(_ x: Int, _ y: Int) -> Int? {
        let r = x.multipliedReportingOverflow(by: y)
        return r.overflow ? nil : r.partialValue
    }
    static func add(_ x: Int?, _ y: Int?) -> Int? {
        guard let x, let y else { return nil }
        let r = x.addingReportingOverflow(y)
        return r.overflow ? nil : r.partialValue
    }
    static func times(_ x: Int?, _ y: Int?) -> Int? {
        guard let x, let y else { return nil }
        return mul(x, y)
    }

    static let templates: [Template] = [
        Template(text: { "\($0)*a + \($1)*b" }, value: { a, b, p, q in add(mul(p, a), mul(q, b)) }),
        Template(text: { "\($0)*a - \($1)*b" }, value: { a, b, p, q in add(mul(p, a), times(-q, b)) }),
        Template(text: { p, _ in "a*b + \(p)" }, value: { a, b, p, _ in add(mul(a, b), p) }),
        Template(text: { p, _ in "\(p)*a*b" }, value: { a, b, p, _ in times(mul(p, a), b) }),
        Template(text: { _, q in "a*a - \(q)*b" }, value: { a, b, _, q in add(mul(a, a), times(-q, b)) }),
        Template(text: { p, _ in "\(p)*(a + b)" }, value: { a, b, p, _ in times(p, add(a, b)) }),
        Template(text: { _, _ in "a*b - a - b" }, value: { a, b, _, _ in add(add(mul(a, b), -a), -b) }),
        Template(text: { _, q in "(a - b)*(a + \(q))" }, value: { a, b, _, q in times(add(a, -b), add(a, q)) }),
        Template(text: { p, q in "\(p)*a + b*b - \(q)" }, value: { a, b, p, q in add(add(mul(p, a), mul(b, b)), -q) }),
    ]

    static let symbols = ["#", "@", "&", "$", "~", "%"]

    /// Leaves are `.leaf(n)`; inner nodes apply operator `op`.
    indirect enum Node { case leaf(Int); case apply(Int, Node, Node) }

    static func build(_ applications: Int, ops: Int, negative: Bool, top: Int, rng: inout SplitMix64) -> Node {
        if applications == 0 { return .leaf(negative && rng.chance(0.3) ? -rng.int(1...6) : rng.int(1...top)) }
        let left = rng.int(0...(applications - 1))
        return .apply(rng.int(0..<ops), build(left, ops: ops, negative: negative, top: top, rng: &rng),
                      build(applications - 1 - left, ops: ops, negative: negative, top: top, rng: &rng))
    }

    static func show(_ n: Node, _ ops: [Int], top: Bool, python: Bool) -> String {
        switch n {
        case .leaf(let v): return v < 0 && !top && !python ? "(\(v))" : "\(v)"
        case .apply(let o, let l, let r):
            if python { return "op\(o + 1)(\(show(l, ops, top: false, python: true)), \(show(r, ops, top: false, python: true)))" }
            let s = "\(show(l, ops, top: false, python: false)) \(symbols[ops[o]]) \(show(r, ops, top: false, python: false))"
            return top ? s : "(\(s))"
        }
    }

    static func value(_ n: Node, _ defs: [(Int, Int, Int)]) -> Int? {
        switch n {
        case .leaf(let v): return v
        case .apply(let o, let l, let r):
            guard let a = value(l, defs), let b = value(r, defs), abs(a) < 1_000_000_000, abs(b) < 1_000_000_000 else { return nil }
            let (t, p, q) = defs[o]
            return templates[t].value(a, b, p, q)
        }
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let count = level["operators"]
        while true {
            let ops = rng.sample(Array(Self.symbols.indices), count: count)
            let defs = (0..<count).map { _ in (rng.int(0..<Self.templates.count), rng.int(1...5), rng.int(1...5)) }
            let tree = Self.build(level["applications"], ops: count, negative: level["negative_operands"] == 1,
                                  top: level["max_operand"], rng: &rng)
            // Every defined operator appears at least once.
            var used = Set<Int>()
            func collect(_ n: Node) { if case .apply(let o, let l, let r) = n { used.insert(o); collect(l); collect(r) } }
            collect(tree)
            guard used.count == count, let result = Self.value(tree, defs), abs(result) < 1_000_000_000_000 else { continue }
            let definitions = (0..<count).map { i in
                "a \(Self.symbols[ops[i]]) b = \(Self.templates[defs[i].0].text(defs[i].1, defs[i].2))"
            }.joined(separator: "\n")
            let expression = Self.show(tree, ops, top: true, python: false)
            let question = """
                For numbers a and b, \(count > 1 ? "new operators are" : "a new operator is") defined by:
                \(definitions)
                (* is ordinary multiplication.) Evaluate \(expression), working from the innermost parentheses outwards.
                Give the value in the form <<<number>>>, for example <<<42>>>.
                """
            let pyDefs = (0..<count).map { i in
                "op\(i + 1) = lambda a, b: \(Self.templates[defs[i].0].text(defs[i].1, defs[i].2))  # a \(Self.symbols[ops[i]]) b"
            }
            return GeneratedItem(question: question, gold: String(result), metadata: [
                "definitions": JSONValue(pyDefs), "python": .string(Self.show(tree, ops, top: true, python: true)),
                "value": .int(result),
            ])
        }
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let value = metadata["value"]?.intValue else { return .wrong("item metadata is missing the value") }
        var text = answer
        if let eq = text.lastIndex(of: "=") { text = String(text[text.index(after: eq)...]) }
        guard let numbers = SymParse.rationals(text), numbers.count == 1 else { return .wrong("expected one number") }
        return numbers[0] == Rational(integer: value) ? .correct("the value is \(value)") : .wrong("\(numbers[0]) is not the value")
    }

    public func oracle(metadata: JSONValue) -> String {
        let defs = metadata["definitions"]?.stringArray ?? []
        let expr = metadata["python"]?.stringValue ?? "0"
        return defs.joined(separator: "\n") + "\nprint(\(expr))"
    }
}
