// aiw (Reasoning Gym, logic): "Alice in Wonderland" style counting questions
// that trip up pattern matching: how many sisters does Alice's brother have?
// The hero has to be counted in. Each item draws one of four question shapes
// (siblings, parents, a circle of friends, cousins); the verifier compares
// with the count, and the oracle recounts by listing every person.

public struct AliceInWonderlandTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "aiw", title: "Alice in Wonderland counting", source: .reasoningGym, category: "logic",
        description: "Count siblings or friends from the point of view of another person in the story.",
        knobs: [Knob("max_count", "largest number of siblings or friends of one kind"),
                Knob("shapes", "how many question shapes are in the draw (siblings, parents, friends, cousins)")],
        levels: [Level("easy", ["max_count": 6, "shapes": 1]),
                 Level("medium", ["max_count": 9, "shapes": 2]),
                 Level("hard", ["max_count": 12, "shapes": 3]),
                 Level("expert", ["max_count": 16, "shapes": 4])],
        defaultLevel: 1)

    static func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

    /// The count, from the story's numbers. `ask` is "female" or "male"; `via` is
    /// the gender of the person whose point of view is asked for (siblings only).
    static func count(shape: Int, heroFemale: Bool, males: Int, females: Int, askFemale: Bool, viaFemale: Bool) -> Int {
        let all = askFemale ? females + (heroFemale ? 1 : 0) : males + (heroFemale ? 0 : 1)
        switch shape {
        case 0: return all - (viaFemale == askFemale ? 1 : 0)  // a sibling does not count themself
        case 2: return all - (askFemale ? 0 : 1)                 // the friend is male
        default: return all                                      // parents' children, cousins
        }
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let top = level["max_count"]
        let shape = rng.int(0..<level["shapes"])
        let heroFemale = rng.chance(0.5)
        let name = rng.pick(heroFemale ? RGC.femaleNames : RGC.maleNames)
        let males = rng.int(1...top), females = rng.int(1...top)
        let askFemale = rng.chance(0.5)
        var viaFemale = shape == 2 ? false : rng.chance(0.5)
        // An age that plays no part keeps small levels from repeating questions.
        let age = "\(name) is \(rng.int(9...60)) years old. "
        let family = age + "\(name) has \(Self.plural(males, "brother")) and \(Self.plural(females, "sister")). "
        let kind = askFemale ? "sisters" : "brothers"
        let text: String
        switch shape {
        case 0:
            text = family + "How many \(kind) does one of \(name)'s \(viaFemale ? "sister" : "brother")s have?"
        case 1:
            text = family + "How many \(askFemale ? "daughters" : "sons") do \(name)'s parents have?"
        case 2:
            let friend = rng.pick(RGC.maleNames.filter { $0 != name })
            text = age + "\(name) has \(Self.plural(males, "male friend")) and \(Self.plural(females, "female friend")). "
                + "All of them are also friends with each other, and none of them has any other friend. "
                + "\(friend) is one of \(name)'s male friends. "
                + "How many \(askFemale ? "female" : "male") friends does \(friend) have?"
        default:
            let children = rng.int(1...top)
            viaFemale = rng.chance(0.5)
            text = family + "\(name)'s mother has exactly one sibling, a sister, who has "
                + "\(Self.plural(children, "child").replacing("childs", with: "children")); \(name)'s father is an only child. "
                + "How many \(askFemale ? "female" : "male") cousins does one of the aunt's children have?"
        }
        let answer = Self.count(shape: shape, heroFemale: heroFemale, males: males, females: females,
                                askFemale: askFemale, viaFemale: viaFemale)
        let question = text + "\n\nGive the number as your final answer inside <<< and >>>, for example <<<3>>>."
        return GeneratedItem(question: question, gold: String(answer), metadata: [
            "answer": .int(answer), "shape": .int(shape), "hero_female": .bool(heroFemale),
            "males": .int(males), "females": .int(females), "ask_female": .bool(askFemale),
            "via_female": .bool(viaFemale),
        ])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        RG.verifyInteger(answer: answer, metadata: metadata)
    }

    public func oracle(metadata: JSONValue) -> String {
        let m = metadata
        return """
            shape = \(m["shape"]?.intValue ?? 0)
            hero_female = \(RGC.py(m["hero_female"]))
            ask_female = \(RGC.py(m["ask_female"]))
            via_female = \(RGC.py(m["via_female"]))
            # Everyone in the hero's group (siblings or friends), hero included, as (id, female).
            group = [("hero", hero_female)]
            group += [("m%d" % i, False) for i in range(\(m["males"]?.intValue ?? 0))]
            group += [("f%d" % i, True) for i in range(\(m["females"]?.intValue ?? 0))]
            if shape == 0:
                me = next(p for p in group if p[0] != "hero" and p[1] == via_female)
                others = [p for p in group if p != me]
            elif shape == 2:
                me = next(p for p in group if p[0] != "hero" and not p[1])
                others = [p for p in group if p != me]
            else:
                others = group  # the parents' children, or the cousins of the aunt's child
            print(sum(1 for p in others if p[1] == ask_female))
            """
    }
}
