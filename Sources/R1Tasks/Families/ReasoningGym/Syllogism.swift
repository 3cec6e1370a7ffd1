// syllogism (Reasoning Gym, logic): categorical premises ("All A are B", "No B
// are C", "Some C are D", "Some D are not A") and a conclusion; does the
// conclusion follow? The question states that every category has members
// (the traditional reading), so the answer is fixed. It is decided by trying
// every possible world: with k terms there are 2^k membership regions, and a
// world says which regions are inhabited (2^(2^k) worlds, 65,536 for 4 terms).
// Labels are balanced by drawing until the wanted answer comes up.

public struct SyllogismTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "syllogism", title: "Syllogisms", source: .reasoningGym, category: "logic",
        description: "Decide whether a conclusion follows from categorical premises (all, no, some, some … not).",
        knobs: [Knob("terms", "number of categories (premises = terms − 1)"),
                Knob("forms", "statement forms in the draw: 2 = all/no, 4 = all/no/some/some-not")],
        levels: [Level("easy", ["terms": 3, "forms": 2]),
                 Level("medium", ["terms": 3, "forms": 4]),
                 Level("hard", ["terms": 4, "forms": 4])],
        defaultLevel: 1)

    /// Plural nouns for the categories (R1CI's own list).
    static let nouns = [
        "painters", "sailors", "gardeners", "chemists", "pilots", "poets", "bakers", "drummers", "farmers",
        "lawyers", "dancers", "tailors", "miners", "surgeons", "jugglers", "weavers", "potters", "brewers",
        "clockmakers", "astronomers", "beekeepers", "cartographers", "glassblowers", "librarians", "chess players",
        "runners", "violinists", "carpenters", "nurses", "architects", "divers", "climbers", "fishers", "singers",
    ]

    /// form 0: all S are P · 1: no S are P · 2: some S are P · 3: some S are not P.
    static func sentence(_ form: Int, _ s: String, _ p: String) -> String {
        switch form {
        case 0: return "All \(s) are \(p)."
        case 1: return "No \(s) are \(p)."
        case 2: return "Some \(s) are \(p)."
        default: return "Some \(s) are not \(p)."
        }
    }

    /// A statement `[form, s, p]` as a test on worlds (bit r of a world set = region r
    /// inhabited; region r holds the things in exactly the terms whose bits are set in r):
    /// the regions it looks at and whether they must all be empty or one inhabited.
    static func test(_ st: [Int], regions: Int) -> (mask: UInt64, mustBeEmpty: Bool) {
        let (form, s, p) = (st[0], st[1], st[2])
        var sp: UInt64 = 0, sNotP: UInt64 = 0
        for r in 0..<regions where r >> s & 1 == 1 {
            if r >> p & 1 == 1 { sp |= 1 << UInt64(r) } else { sNotP |= 1 << UInt64(r) }
        }
        switch form {
        case 0: return (sNotP, true)
        case 1: return (sp, true)
        case 2: return (sp, false)
        default: return (sNotP, false)
        }
    }

    /// True when the conclusion holds in every world where every term is inhabited and the premises hold.
    static func follows(terms: Int, premises: [[Int]], conclusion: [Int]) -> Bool {
        let regions = 1 << terms
        var termMasks = [UInt64](repeating: 0, count: terms)
        for r in 0..<regions { for t in 0..<terms where r >> t & 1 == 1 { termMasks[t] |= 1 << UInt64(r) } }
        let tests = premises.map { test($0, regions: regions) }
        let goal = test(conclusion, regions: regions)
        func holds(_ t: (mask: UInt64, mustBeEmpty: Bool), _ w: UInt64) -> Bool { (w & t.mask == 0) == t.mustBeEmpty }
        let worlds = UInt64(1) << UInt64(regions)
        var w: UInt64 = 0
        while w < worlds {
            defer { w += 1 }
            guard termMasks.allSatisfy({ w & $0 != 0 }), tests.allSatisfy({ holds($0, w) }) else { continue }
            if !holds(goal, w) { return false }
        }
        return true
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let k = level["terms"], forms = level["forms"]
        let wantValid = rng.chance(0.5)
        for _ in 0..<10_000 {
            let names = rng.sample(Self.nouns, count: k)
            // A chain of premises linking term i to term i+1, each in a random direction.
            var premises: [[Int]] = (0..<(k - 1)).map { i in
                let form = rng.int(0..<forms)
                return rng.chance(0.5) ? [form, i, i + 1] : [form, i + 1, i]
            }
            premises = rng.shuffled(premises)
            let (a, b) = rng.chance(0.5) ? (0, k - 1) : (k - 1, 0)
            let conclusion = [rng.int(0..<forms), a, b]
            guard Self.follows(terms: k, premises: premises, conclusion: conclusion) == wantValid else { continue }
            let lines = premises.map { "- " + Self.sentence($0[0], names[$0[1]], names[$0[2]]) }
            let question = """
                Assume every premise below is true, and that each group mentioned has at least one member.

                \(lines.joined(separator: "\n"))

                Does it follow that: \(Self.sentence(conclusion[0], names[conclusion[1]], names[conclusion[2]]))
                Answer <<<Yes>>> if it must be true, or <<<No>>> if it need not be.
                """
            return GeneratedItem(question: question, gold: wantValid ? "Yes" : "No", metadata: [
                "terms": JSONValue(names), "premises": .array(premises.map { JSONValue($0) }),
                "conclusion": JSONValue(conclusion), "valid": .bool(wantValid),
            ])
        }
        preconditionFailure("syllogism: no item with the wanted label")
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let valid = metadata["valid"]?.boolValue else { return .wrong("item metadata has no label") }
        return BBH.verifyBinary(answer: answer, expected: valid, trueWord: "Yes", falseWord: "No")
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        from itertools import product
        k = \(metadata["terms"]?.arrayValue?.count ?? 0)
        premises = \(RGC.py(metadata["premises"]))
        conclusion = \(RGC.py(metadata["conclusion"]))
        regions = [tuple((r >> t) & 1 for t in range(k)) for r in range(2 ** k)]
        def true_in(world, st):
            form, s, p = st
            inhabited = [reg for reg, on in zip(regions, world) if on]
            if form == 0: return not any(reg[s] and not reg[p] for reg in inhabited)
            if form == 1: return not any(reg[s] and reg[p] for reg in inhabited)
            if form == 2: return any(reg[s] and reg[p] for reg in inhabited)
            return any(reg[s] and not reg[p] for reg in inhabited)
        ok = True
        for world in product([0, 1], repeat=len(regions)):
            inhabited = [reg for reg, on in zip(regions, world) if on]
            if not all(any(reg[t] for reg in inhabited) for t in range(k)):
                continue
            if all(true_in(world, st) for st in premises) and not true_in(world, conclusion):
                ok = False
                break
        print("Yes" if ok else "No")
        """
    }
}
