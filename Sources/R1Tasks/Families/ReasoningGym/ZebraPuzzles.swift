// zebra_puzzles (Reasoning Gym, logic): people live in a row of houses, each
// with one value of every attribute; from clues, name the holder of one value.
// Clues true of a hidden solution are added until exactly one arrangement of
// all attributes fits (checked against every arrangement), so the asked
// answer is unique by construction.

public struct ZebraPuzzlesTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "zebra_puzzles", title: "Zebra puzzles", source: .reasoningGym, category: "logic",
        description: "Solve a small houses-in-a-row logic grid puzzle and name who holds an attribute.",
        knobs: [Knob("houses", "number of houses (people)"), Knob("attributes", "attributes besides the name")],
        levels: [Level("easy", ["houses": 3, "attributes": 1]), Level("medium", ["houses": 3, "attributes": 2]),
                 Level("hard", ["houses": 4, "attributes": 2]), Level("expert", ["houses": 5, "attributes": 1])],
        defaultLevel: 1)

    static let categories: [(name: String, phrase: String, values: [String])] = [
        ("colour", "lives in the %@ house", ["red", "green", "blue", "white", "yellow"]),
        ("pet", "keeps a %@", ["cat", "dog", "parrot", "rabbit", "tortoise"]),
        ("drink", "drinks %@", ["tea", "coffee", "milk", "water", "lemonade"]),
    ]

    static func permutations(_ n: Int) -> [[Int]] {
        if n == 0 { return [[]] }
        return permutations(n - 1).flatMap { p in (0...p.count).map { i in var q = p; q.insert(n - 1, at: i); return q } }
    }

    /// A clue: kind and two (category, value) references, or one with a house number.
    /// Kinds: same, differ, house, not_house, left_of (directly), next_to.
    struct Clue { var kind: String; var a: (Int, Int); var b: (Int, Int); var house: Int }

    /// Whether a clue of kind `kinds[kind]` holds when its two values are in houses `pa` and `pb`.
    static let kinds = ["same", "differ", "house", "not_house", "left_of", "next_to"]

    static func holds(_ kind: Int, _ pa: Int, _ pb: Int, _ house: Int) -> Bool {
        switch kind {
        case 0: return pa == pb
        case 1: return pa != pb
        case 2: return pa == house
        case 3: return pa != house
        case 4: return pa + 1 == pb
        default: return abs(pa - pb) == 1  // next_to
        }
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let n = level["houses"], k = min(level["attributes"], 3)
        let perms = ZebraPuzzlesTask.permutations(n)
        let cats = rng.sample(Array(0..<ZebraPuzzlesTask.categories.count), count: k)
        // Category 0 is the name; categories 1…k are the drawn attributes.
        let names = rng.sample(BBH.names, count: n)
        var values: [[String]] = [names]
        for c in cats { values.append(rng.sample(ZebraPuzzlesTask.categories[c].values, count: n)) }
        let m = k + 1
        // solution[c][v] = house (0-based) of value v of category c.
        let solution = (0..<m).map { _ in rng.pick(perms) }
        // Every arrangement as a row of `width` houses (value v of category c at c·n + v),
        // in one flat table; `alive` lists the rows still consistent with the clues.
        let width = m * n
        var total = 1
        for _ in 0..<m { total *= perms.count }
        var table = [UInt8](repeating: 0, count: total * width)
        for row in 0..<total {
            var code = row
            for c in 0..<m {
                let p = perms[code % perms.count]
                code /= perms.count
                for v in 0..<n { table[row * width + c * n + v] = UInt8(p[v]) }
            }
        }
        var candidates = Array(0..<total)
        let askedCat = rng.int(1...k), askedVal = rng.int(0..<n)
        let askedName = (0, solution[0].firstIndex(of: solution[askedCat][askedVal])!)
        var clues: [Clue] = []
        var guardCount = 0
        while candidates.count > 1 && guardCount < 500 {
            guardCount += 1
            let clue = ZebraPuzzlesTask.randomClue(solution: solution, n: n, m: m, rng: &rng)
            // No clue that states the answer outright.
            let refs = [clue.a, clue.b]
            if clue.kind == "same" && refs.contains(where: { $0 == (askedCat, askedVal) }) && refs.contains(where: { $0 == askedName }) {
                continue
            }
            let ia = clue.a.0 * n + clue.a.1, ib = clue.b.0 * n + clue.b.1
            // The kind as a small code: string comparison is too slow for the inner loop.
            let code = ZebraPuzzlesTask.kinds.firstIndex(of: clue.kind) ?? 5
            let kept = table.withUnsafeBufferPointer { t in
                candidates.filter { row in
                    ZebraPuzzlesTask.holds(code, Int(t[row * width + ia]), Int(t[row * width + ib]), clue.house)
                }
            }
            if kept.count < candidates.count { clues.append(clue); candidates = kept }
        }
        precondition(candidates.count == 1, "zebra_puzzles: clues did not pin the solution")
        func describe(_ ref: (Int, Int)) -> String {
            ref.0 == 0 ? values[0][ref.1] : "the person who " + phrase(ref)
        }
        func phrase(_ ref: (Int, Int)) -> String {
            ZebraPuzzlesTask.categories[cats[ref.0 - 1]].phrase.replacing("%@", with: values[ref.0][ref.1])
        }
        func sentence(_ c: Clue) -> String {
            let a = describe(c.a)
            let subject = a.prefix(1).uppercased() + a.dropFirst()
            switch c.kind {
            case "same":
                if c.b.0 == 0 { return "\(subject) is \(values[0][c.b.1])." }
                return c.a.0 == 0 ? "\(subject) \(phrase(c.b))." : "\(subject) also \(phrase(c.b))."
            case "differ":
                if c.b.0 == 0 { return "\(subject) is not \(values[0][c.b.1])." }
                return c.a.0 == 0 ? "\(subject) does not \(ZebraPuzzlesTask.negated(phrase(c.b)))."
                    : "\(subject) is not the person who \(phrase(c.b))."
            case "house": return "\(subject) lives in house \(c.house + 1)."
            case "not_house": return "\(subject) does not live in house \(c.house + 1)."
            case "left_of": return "\(subject) lives directly left of \(describe(c.b))."
            default: return "\(subject) and \(describe(c.b)) live next to each other."
            }
        }
        let house = solution[askedCat][askedVal]
        let answer = names[solution[0].firstIndex(of: house)!]
        let attributeLines = (1...k).map { c in
            "- \(ZebraPuzzlesTask.categories[cats[c - 1]].name): \(values[c].joined(separator: ", "))"
        }
        let question = """
            \(n) people live in \(n) houses in a row, numbered 1 to \(n) from left to right. Each person has \
            a different name and exactly one value of each attribute below, and no two people share a value.
            - name: \(names.sorted().joined(separator: ", "))
            \(attributeLines.joined(separator: "\n"))

            Clues:
            \(clues.enumerated().map { "\($0.offset + 1). \(sentence($0.element))" }.joined(separator: "\n"))

            What is the name of the person who \(phrase((askedCat, askedVal)))? Give just the name as your \
            final answer inside <<< and >>>.
            """
        var meta: [String: JSONValue] = ["answer": .string(answer), "names": JSONValue(names)]
        meta["solution"] = JSONValue(solution)
        meta["values"] = .array(values.map { JSONValue($0) })
        meta["clues"] = .array(clues.map { c in
            ["kind": .string(c.kind), "a": JSONValue([c.a.0, c.a.1]), "b": JSONValue([c.b.0, c.b.1]), "house": .int(c.house)]
        })
        meta["asked"] = JSONValue([askedCat, askedVal])
        return GeneratedItem(question: question, gold: answer, metadata: meta)
    }

    /// "lives in the red house" → "live in the red house", for "does not …".
    static func negated(_ phrase: String) -> String {
        if phrase.hasPrefix("lives ") { return "live " + phrase.dropFirst(6) }
        if phrase.hasPrefix("keeps ") { return "keep " + phrase.dropFirst(6) }
        if phrase.hasPrefix("drinks ") { return "drink " + phrase.dropFirst(7) }
        return phrase
    }

    static func randomClue(solution: [[Int]], n: Int, m: Int, rng: inout SplitMix64) -> Clue {
        func ref() -> (Int, Int) { (rng.int(0..<m), rng.int(0..<n)) }
        let a = ref()
        let pa = solution[a.0][a.1]
        func at(_ house: Int, excluding cat: Int) -> (Int, Int) {
            var c = rng.int(0..<m)
            if c == cat && m > 1 { c = (c + 1 + rng.int(0..<(m - 1))) % m }
            return (c, solution[c].firstIndex(of: house)!)
        }
        switch rng.int(0..<10) {
        case 0...2 where m > 1:
            return Clue(kind: "same", a: a, b: at(pa, excluding: a.0), house: 0)
        case 3:
            let other = (pa + rng.int(1..<n)) % n
            return Clue(kind: "differ", a: a, b: at(other, excluding: a.0), house: 0)
        case 4:
            return Clue(kind: "house", a: a, b: a, house: pa)
        case 5, 6:
            let other = (pa + rng.int(1..<n)) % n
            return Clue(kind: "not_house", a: a, b: a, house: other)
        case 7 where pa + 1 < n:
            return Clue(kind: "left_of", a: a, b: at(pa + 1, excluding: -1), house: 0)
        default:
            let neighbours = [pa - 1, pa + 1].filter { $0 >= 0 && $0 < n }
            return Clue(kind: "next_to", a: a, b: at(rng.pick(neighbours), excluding: -1), house: 0)
        }
    }

    /// The name, any case; nothing else.
    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let gold = metadata["answer"]?.stringValue else { return .wrong("item metadata has no answer") }
        return BBH.tidy(answer).lowercased() == gold.lowercased() ? .correct(gold) : .wrong("the answer is \(gold)")
    }

    /// Brute force over every arrangement, using the clues as stored data.
    public func oracle(metadata: JSONValue) -> String {
        """
        from itertools import permutations, product
        values = \(RGGrids.py(metadata["values"] ?? .null))
        clues = \(RGGrids.py(metadata["clues"] ?? .null))
        cat, val = \(RGGrids.py(metadata["asked"] ?? .null))
        n, m = len(values[0]), len(values)
        def ok(pos):
            for c in clues:
                pa, pb = pos[c["a"][0]][c["a"][1]], pos[c["b"][0]][c["b"][1]]
                good = {"same": pa == pb, "differ": pa != pb, "house": pa == c["house"],
                        "not_house": pa != c["house"], "left_of": pa + 1 == pb, "next_to": abs(pa - pb) == 1}[c["kind"]]
                if not good:
                    return False
            return True
        sols = [pos for pos in product(permutations(range(n)), repeat=m) if ok(pos)]
        assert len(sols) == 1
        pos = sols[0]
        print(values[0][pos[0].index(pos[cat][val])])
        """
    }
}
