// family_relationships (Reasoning Gym, graphs): a family tree told as a list
// of facts ("Greta is Hugo's wife", "Ines is the daughter of Hugo and Greta");
// what is one person to another? Relations are read off the tree: spouse,
// parent, child, sibling, grandparent, grandchild, uncle/aunt (by blood or by
// marriage), nephew/niece, cousin and the in-laws. Pairs with no word in that
// list are never asked. Names come from R1CI's own gendered lists.

public struct FamilyRelationshipsTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "family_relationships", title: "Family relationships", source: .reasoningGym, category: "graphs",
        description: "Name the relationship between two people of a family tree given as a list of facts.",
        knobs: [Knob("children", "children of the oldest couple"), Knob("generations", "generations in the tree"),
                Knob("max_grandchildren", "most children of each later couple")],
        levels: [Level("easy", ["children": 2, "generations": 2, "max_grandchildren": 2]),
                 Level("medium", ["children": 3, "generations": 3, "max_grandchildren": 2]),
                 Level("hard", ["children": 4, "generations": 3, "max_grandchildren": 3])],
        defaultLevel: 1)

    /// The words an answer may use, as they are compared (lower case).
    static let words = [
        "husband", "wife", "father", "mother", "son", "daughter", "brother", "sister", "grandfather",
        "grandmother", "grandson", "granddaughter", "uncle", "aunt", "nephew", "niece", "cousin",
        "father-in-law", "mother-in-law", "son-in-law", "daughter-in-law", "brother-in-law", "sister-in-law",
    ]

    struct Person { var name: String; var female: Bool; var parents: [Int]; var spouse: Int? }

    /// What `x` is to `y`, or nil when none of `words` fits.
    static func relation(_ x: Int, _ y: Int, _ p: [Person]) -> String? {
        func g(_ male: String, _ female: String) -> String { p[x].female ? female : male }
        func parents(_ a: Int) -> Set<Int> { Set(p[a].parents) }
        func siblings(_ a: Int) -> Set<Int> {
            guard !p[a].parents.isEmpty else { return [] }
            return Set(p.indices.filter { $0 != a && p[$0].parents == p[a].parents })
        }
        func grandparents(_ a: Int) -> Set<Int> { Set(parents(a).flatMap { parents($0) }) }
        func unclesAunts(_ a: Int) -> Set<Int> {
            let blood = Set(parents(a).flatMap { siblings($0) })
            return blood.union(blood.compactMap { p[$0].spouse })
        }
        if p[x].spouse == y { return g("husband", "wife") }
        if parents(y).contains(x) { return g("father", "mother") }
        if parents(x).contains(y) { return g("son", "daughter") }
        if siblings(y).contains(x) { return g("brother", "sister") }
        if grandparents(y).contains(x) { return g("grandfather", "grandmother") }
        if grandparents(x).contains(y) { return g("grandson", "granddaughter") }
        if unclesAunts(y).contains(x) { return g("uncle", "aunt") }
        if unclesAunts(x).contains(y) { return g("nephew", "niece") }
        if !Set(parents(x).flatMap { siblings($0) }).isDisjoint(with: parents(y)) { return "cousin" }
        if let s = p[y].spouse, parents(s).contains(x) { return g("father-in-law", "mother-in-law") }
        if let s = p[x].spouse, parents(s).contains(y) { return g("son-in-law", "daughter-in-law") }
        if let s = p[y].spouse, siblings(s).contains(x) { return g("brother-in-law", "sister-in-law") }
        if let s = p[x].spouse, siblings(y).contains(s) { return g("brother-in-law", "sister-in-law") }
        return nil
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        var women = rng.shuffled(RGC.femaleNames), men = rng.shuffled(RGC.maleNames)
        var people: [Person] = []
        var facts: [String] = []
        func newPerson(female: Bool, parents: [Int]) -> Int {
            let name = female ? women.removeLast() : men.removeLast()
            people.append(Person(name: name, female: female, parents: parents, spouse: nil))
            return people.count - 1
        }
        func marry(_ a: Int) -> Int {
            let b = newPerson(female: !people[a].female, parents: [])
            people[a].spouse = b; people[b].spouse = a
            facts.append("\(people[b].name) is \(people[a].name)'s \(people[b].female ? "wife" : "husband").")
            return b
        }
        func haveChildren(_ a: Int, _ b: Int, count: Int) -> [Int] {
            (0..<count).map { _ in
                let c = newPerson(female: rng.chance(0.5), parents: [a, b].sorted())
                facts.append("\(people[c].name) is the \(people[c].female ? "daughter" : "son") of \(people[a].name) and \(people[b].name).")
                return c
            }
        }
        let founder = newPerson(female: rng.chance(0.5), parents: [])
        var generation = haveChildren(founder, marry(founder), count: level["children"])
        for depth in 2..<(level["generations"] + 1) {
            var next: [Int] = []
            for c in generation where rng.chance(depth == 2 ? 0.85 : 0.6) {
                let s = marry(c)
                if depth < level["generations"] { next += haveChildren(c, s, count: rng.int(1...level["max_grandchildren"])) }
            }
            generation = next
        }
        // Every ordered pair with a name for it; pick one, favouring the rarer words.
        var pairs: [(Int, Int, String)] = []
        for x in people.indices { for y in people.indices where x != y {
            if let r = Self.relation(x, y, people) { pairs.append((x, y, r)) }
        } }
        let kinds = Array(Set(pairs.map(\.2))).sorted()
        let kind = rng.pick(kinds)
        let (x, y, answer) = rng.pick(pairs.filter { $0.2 == kind })
        let question = """
            Here is what we know about a family:
            \(rng.shuffled(facts).joined(separator: "\n"))

            Nobody else belongs to the family. What is \(people[x].name) to \(people[y].name)? Complete \
            "\(people[x].name) is \(people[y].name)'s …" with one of: \(Self.words.joined(separator: ", ")). \
            Give the word as your final answer inside <<< and >>>, for example <<<cousin>>>.
            """
        return GeneratedItem(question: question, gold: answer, metadata: [
            "people": .array(people.map { ["name": .string($0.name), "female": .bool($0.female),
                                          "parents": JSONValue($0.parents), "spouse": $0.spouse.map { .int($0) } ?? .null] }),
            "x": .int(x), "y": .int(y), "answer": .string(answer),
        ])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let gold = metadata["answer"]?.stringValue, let names = metadata["people"]?.arrayValue,
              let x = metadata["x"]?.intValue, let y = metadata["y"]?.intValue,
              names.indices.contains(x), names.indices.contains(y) else { return .wrong("item metadata has no answer") }
        var s = BBH.tidy(answer).lowercased().replacing(" ", with: "-")
        // "Greta is Hugo's aunt" → "aunt"; "the aunt" → "aunt".
        let owner = ((names[y]["name"]?.stringValue ?? "").lowercased()) + "'s-"
        if let r = s.range(of: owner) { s = String(s[r.upperBound...]) }
        if s.hasPrefix("the-") { s.removeFirst(4) }
        if s.hasPrefix("a-") { s.removeFirst(2) }
        guard Self.words.contains(s) else { return .wrong("answer with one word from the list, e.g. \(gold)") }
        return s == gold ? .correct(gold) : .wrong("\(names[x]["name"]?.stringValue ?? "") is the \(gold), not the \(s)")
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        people = \(RGC.py(metadata["people"]))
        x, y = \(metadata["x"]?.intValue ?? 0), \(metadata["y"]?.intValue ?? 0)
        def parents(a): return set(people[a]["parents"])
        def siblings(a):
            return {b for b in range(len(people)) if b != a and people[a]["parents"] and people[b]["parents"] == people[a]["parents"]}
        def grandparents(a): return {g for q in parents(a) for g in parents(q)}
        def uncles(a):
            blood = {s for q in parents(a) for s in siblings(q)}
            return blood | {people[s]["spouse"] for s in blood if people[s]["spouse"] is not None}
        def word(m, f): return f if people[x]["female"] else m
        sy, sx = people[y]["spouse"], people[x]["spouse"]
        if sx == y: r = word("husband", "wife")
        elif x in parents(y): r = word("father", "mother")
        elif y in parents(x): r = word("son", "daughter")
        elif x in siblings(y): r = word("brother", "sister")
        elif x in grandparents(y): r = word("grandfather", "grandmother")
        elif y in grandparents(x): r = word("grandson", "granddaughter")
        elif x in uncles(y): r = word("uncle", "aunt")
        elif y in uncles(x): r = word("nephew", "niece")
        elif {s for q in parents(x) for s in siblings(q)} & parents(y): r = "cousin"
        elif sy is not None and x in parents(sy): r = word("father-in-law", "mother-in-law")
        elif sx is not None and y in parents(sx): r = word("son-in-law", "daughter-in-law")
        elif (sy is not None and x in siblings(sy)) or (sx is not None and sx in siblings(y)):
            r = word("brother-in-law", "sister-in-law")
        print(r)
        """
    }
}
