// knights_knaves (Reasoning Gym, logic): on an island knights always tell the
// truth and knaves always lie; from what each inhabitant says, decide who is
// which. Statements are drawn until exactly one assignment is consistent
// (checked by trying all 2^n), so the answer is unique by construction.

public struct KnightsKnavesTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "knights_knaves", title: "Knights and knaves", source: .reasoningGym, category: "logic",
        description: "Work out which inhabitants are knights (truth-tellers) and which are knaves (liars).",
        knobs: [Knob("people", "number of inhabitants"),
                Knob("compound_percent", "chance in percent that a statement joins two claims")],
        levels: [Level("easy", ["people": 2, "compound_percent": 70]),
                 Level("medium", ["people": 3, "compound_percent": 60]),
                 Level("hard", ["people": 4, "compound_percent": 75]),
                 Level("expert", ["people": 5, "compound_percent": 90])],
        defaultLevel: 1)

    /// A claim: ["is", i] (person i is a knight), ["not", c], or [op, c1, c2] with op in and/or/iff/imp.
    indirect enum Claim {
        case knight(Int)
        case not(Claim)
        case both(String, Claim, Claim)

        func holds(_ knights: [Bool]) -> Bool {
            switch self {
            case .knight(let i): return knights[i]
            case .not(let c): return !c.holds(knights)
            case .both(let op, let a, let b):
                let x = a.holds(knights), y = b.holds(knights)
                switch op {
                case "and": return x && y
                case "or": return x || y
                case "iff": return x == y
                default: return !x || y  // "imp"
                }
            }
        }

        var json: JSONValue {
            switch self {
            case .knight(let i): return ["is", .int(i)]
            case .not(let c): return ["not", c.json]
            case .both(let op, let a, let b): return [.string(op), a.json, b.json]
            }
        }

        init?(json: JSONValue, people: Int) {
            guard let a = json.arrayValue, let op = a.first?.stringValue else { return nil }
            switch (op, a.count) {
            case ("is", 2):
                guard let i = a[1].intValue, (0..<people).contains(i) else { return nil }
                self = .knight(i)
            case ("not", 2):
                guard let c = Claim(json: a[1], people: people) else { return nil }
                self = .not(c)
            case ("and", 3), ("or", 3), ("iff", 3), ("imp", 3):
                guard let x = Claim(json: a[1], people: people), let y = Claim(json: a[2], people: people) else { return nil }
                self = .both(op, x, y)
            default: return nil
            }
        }

        /// English for a simple claim (an atom or a negated atom).
        /// The speaker is "I".
        func simple(_ names: [String], _ speaker: Int) -> String {
            switch self {
            case .knight(let i): return i == speaker ? "I am a knight" : "\(names[i]) is a knight"
            case .not(.knight(let i)): return i == speaker ? "I am a knave" : "\(names[i]) is a knave"
            default: return "?"
            }
        }

        func who(_ names: [String], _ i: Int, _ speaker: Int) -> String { i == speaker ? "I" : names[i] }

        func text(_ names: [String], speaker s: Int) -> String {
            switch self {
            case .both("iff", .knight(let i), .knight(let j)):
                return "\(who(names, i, s)) and \(who(names, j, s)) are the same kind"
            case .not(.both("iff", .knight(let i), .knight(let j))):
                return "\(who(names, i, s)) and \(who(names, j, s)) are different kinds"
            case .both("and", let a, let b): return "\(a.simple(names, s)) and \(b.simple(names, s))"
            case .both("or", let a, let b): return "\(a.simple(names, s)) or \(b.simple(names, s))"
            case .both("imp", let a, let b): return "if \(a.simple(names, s)), then \(b.simple(names, s))"
            default: return simple(names, s)
            }
        }
    }

    static func randomClaim(speaker: Int, people: Int, compound: Bool, rng: inout SplitMix64) -> Claim {
        let others = (0..<people).filter { $0 != speaker }
        func atom(_ i: Int) -> Claim { rng.chance(0.5) ? .knight(i) : .not(.knight(i)) }
        guard compound else { return atom(rng.pick(others)) }
        // Two different people, so at least one besides the speaker; the speaker may be one ("I").
        var pair = rng.sample(Array(0..<people), count: 2)
        if pair[1] == speaker { pair.swapAt(0, 1) }  // "I …" first reads better
        switch rng.int(0...4) {
        case 0: return .both("and", atom(pair[0]), atom(pair[1]))
        case 1: return .both("or", atom(pair[0]), atom(pair[1]))
        case 2: return .both("imp", atom(pair[0]), atom(pair[1]))
        case 3: return .both("iff", .knight(pair[0]), .knight(pair[1]))
        default: return .not(.both("iff", .knight(pair[0]), .knight(pair[1])))
        }
    }

    /// All assignments (true = knight) in which every speaker's claim is true exactly when the speaker is a knight.
    static func solutions(_ claims: [Claim]) -> [[Bool]] {
        let n = claims.count
        return (0..<(1 << n)).compactMap { mask -> [Bool]? in
            let k = (0..<n).map { mask >> $0 & 1 == 1 }
            return claims.indices.allSatisfy { claims[$0].holds(k) == k[$0] } ? k : nil
        }
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let n = level["people"]
        let p = Double(level["compound_percent"]) / 100
        for attempt in 1... {
            let names = rng.sample(BBH.names, count: n)
            let claims = (0..<n).map { randomClaimFor($0, n, p, &rng) }
            let sols = KnightsKnavesTask.solutions(claims)
            guard sols.count == 1 else {
                precondition(attempt < 5000, "knights_knaves: no unique puzzle")
                continue
            }
            let knights = sols[0]
            let says = (0..<n).map { "\(names[$0]) says: \"\(KnightsKnavesTask.capitalised(claims[$0].text(names, speaker: $0))).\"" }
            let question = """
                On an island every inhabitant is either a knight, who always tells the truth, or a knave, \
                who always lies. You meet \(n) inhabitants: \(BBH.list(names)).
                \(says.joined(separator: "\n"))

                Who is a knight and who is a knave? Give your final answer inside <<< and >>>, naming \
                each inhabitant once, like this: <<<\(names[0]) is a knight, \(names[1]) is a knave>>>.
                """
            let gold = (0..<n).map { "\(names[$0]) is a \(knights[$0] ? "knight" : "knave")" }.joined(separator: ", ")
            return GeneratedItem(question: question, gold: gold, metadata: [
                "names": JSONValue(names), "claims": .array(claims.map(\.json)),
                "knights": .array(knights.map { .bool($0) }),
            ])
        }
        fatalError("unreachable")
    }

    private func randomClaimFor(_ speaker: Int, _ n: Int, _ p: Double, _ rng: inout SplitMix64) -> Claim {
        let compound = rng.chance(p)
        return KnightsKnavesTask.randomClaim(speaker: speaker, people: n, compound: compound, rng: &rng)
    }

    static func capitalised(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }

    /// Reads "Name … knight/knave" pairs: each name must be followed (before the next name)
    /// by exactly one role word; every inhabitant must be named; the roles must all be right.
    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let names = metadata["names"]?.stringArray,
              let knights = metadata["knights"]?.arrayValue?.compactMap(\.boolValue), knights.count == names.count
        else { return .wrong("item metadata is incomplete") }
        let lower = names.map { $0.lowercased() }
        let words = answer.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
        var roles = [Bool?](repeating: nil, count: names.count)
        var current: Int? = nil
        var roleSeen = false
        for w in words {
            if let i = lower.firstIndex(of: w) {
                if roles[i] != nil { return .wrong("\(names[i]) is named more than once") }
                if let c = current, !roleSeen { _ = c; return .wrong("\(names[c]) has no role") }
                current = i
                roleSeen = false
            } else if w == "knight" || w == "knave" || w == "knights" || w == "knaves" {
                guard let c = current, !roleSeen else { return .wrong("a role word does not follow exactly one name") }
                roles[c] = w.hasPrefix("knight")
                roleSeen = true
            }
        }
        for i in names.indices {
            guard let r = roles[i] else { return .wrong("no role given for \(names[i])") }
            if r != knights[i] { return .wrong("\(names[i]) is a \(knights[i] ? "knight" : "knave")") }
        }
        return .correct("every role is right")
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        from itertools import product
        names = \(RGGrids.py(metadata["names"] ?? .null))
        claims = \(RGGrids.py(metadata["claims"] ?? .null))
        def holds(c, k):
            op = c[0]
            if op == "is": return k[c[1]]
            if op == "not": return not holds(c[1], k)
            x, y = holds(c[1], k), holds(c[2], k)
            return {"and": x and y, "or": x or y, "iff": x == y, "imp": (not x) or y}[op]
        sols = [k for k in product([True, False], repeat=len(names))
                if all(holds(c, k) == k[i] for i, c in enumerate(claims))]
        assert len(sols) == 1
        print(", ".join(f"{n} is a {'knight' if s else 'knave'}" for n, s in zip(names, sols[0])))
        """
    }
}
