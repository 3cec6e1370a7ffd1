// propositional_logic (Reasoning Gym, logic): premises written with ¬ ∧ ∨ → ↔
// over a few propositions; does a stated conclusion follow? Decided by the
// truth table: it follows when every row making all premises true makes the
// conclusion true. Premises are always satisfiable (else anything would
// follow), and Yes/No labels are balanced by drawing until the wanted one comes.

public struct PropositionalLogicTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "propositional_logic", title: "Propositional entailment", source: .reasoningGym, category: "logic",
        description: "Decide from a truth table whether a conclusion follows from propositional premises.",
        knobs: [Knob("variables", "number of propositions"), Knob("premises", "number of premises"),
                Knob("depth", "largest nesting depth of a formula")],
        levels: [Level("easy", ["variables": 3, "premises": 3, "depth": 1]),
                 Level("medium", ["variables": 3, "premises": 3, "depth": 2]),
                 Level("hard", ["variables": 4, "premises": 4, "depth": 2]),
                 Level("expert", ["variables": 5, "premises": 4, "depth": 3])],
        defaultLevel: 1)

    static let names = ["P", "Q", "R", "S", "T"]

    /// A formula as JSON: ["var", i], ["not", f], or [op, f, g] with op in and/or/imp/iff.
    static func random(depth: Int, vars: Int, rng: inout SplitMix64) -> JSONValue {
        if depth == 0 || rng.chance(0.25) { return ["var", .int(rng.int(0..<vars))] }
        if rng.chance(0.2) { return ["not", random(depth: depth - 1, vars: vars, rng: &rng)] }
        let op = rng.pick(["and", "or", "imp", "iff"])
        return [.string(op), random(depth: depth - 1, vars: vars, rng: &rng), random(depth: depth - 1, vars: vars, rng: &rng)]
    }

    static func eval(_ f: JSONValue, _ row: Int) -> Bool? {
        guard let a = f.arrayValue, let op = a.first?.stringValue else { return nil }
        if op == "var", a.count == 2, let i = a[1].intValue { return row >> i & 1 == 1 }
        if op == "not", a.count == 2, let x = eval(a[1], row) { return !x }
        guard a.count == 3, let x = eval(a[1], row), let y = eval(a[2], row) else { return nil }
        switch op {
        case "and": return x && y
        case "or": return x || y
        case "imp": return !x || y
        case "iff": return x == y
        default: return nil
        }
    }

    static func render(_ f: JSONValue, top: Bool = true) -> String {
        guard let a = f.arrayValue, let op = a.first?.stringValue else { return "?" }
        switch op {
        case "var": return names[a[1].intValue ?? 0]
        case "not": return "¬" + render(a[1], top: false)
        default:
            let symbol = ["and": "∧", "or": "∨", "imp": "→", "iff": "↔"][op] ?? "?"
            let body = "\(render(a[1], top: false)) \(symbol) \(render(a[2], top: false))"
            return top ? body : "(\(body))"
        }
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let vars = level["variables"], count = level["premises"], depth = level["depth"]
        let wantYes = rng.chance(0.5)
        for _ in 0..<10_000 {
            let premises = (0..<count).map { _ in Self.random(depth: depth, vars: vars, rng: &rng) }
            let conclusion = Self.random(depth: depth, vars: vars, rng: &rng)
            let rows = (0..<(1 << vars)).filter { r in premises.allSatisfy { Self.eval($0, r) == true } }
            // Satisfiable premises, a conclusion that is not a tautology or a bare premise.
            guard !rows.isEmpty, !premises.contains(conclusion),
                  !(0..<(1 << vars)).allSatisfy({ Self.eval(conclusion, $0) == true }) else { continue }
            let follows = rows.allSatisfy { Self.eval(conclusion, $0) == true }
            guard follows == wantYes else { continue }
            let question = """
                Propositions \(Self.names.prefix(vars).joined(separator: ", ")) are each true or false. \
                (¬ is not, ∧ is and, ∨ is or, → is implies, ↔ is if and only if.) Suppose these premises all hold:

                \(premises.map { "- " + Self.render($0) }.joined(separator: "\n"))

                Does \(Self.render(conclusion)) follow, that is, is it true in every case where all the premises \
                are true? Answer <<<Yes>>> or <<<No>>>.
                """
            return GeneratedItem(question: question, gold: follows ? "Yes" : "No", metadata: [
                "variables": .int(vars), "premises": .array(premises), "conclusion": conclusion,
                "follows": .bool(follows),
            ])
        }
        preconditionFailure("propositional_logic: no item with the wanted label")
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let follows = metadata["follows"]?.boolValue else { return .wrong("item metadata has no label") }
        return BBH.verifyBinary(answer: answer, expected: follows, trueWord: "Yes", falseWord: "No")
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        from itertools import product
        n = \(metadata["variables"]?.intValue ?? 0)
        premises = \(RGC.py(metadata["premises"]))
        conclusion = \(RGC.py(metadata["conclusion"]))
        def ev(f, v):
            op = f[0]
            if op == "var": return v[f[1]]
            if op == "not": return not ev(f[1], v)
            x, y = ev(f[1], v), ev(f[2], v)
            return {"and": x and y, "or": x or y, "imp": (not x) or y, "iff": x == y}[op]
        ok = all(ev(conclusion, v) for v in product([False, True], repeat=n) if all(ev(p, v) for p in premises))
        print("Yes" if ok else "No")
        """
    }
}
