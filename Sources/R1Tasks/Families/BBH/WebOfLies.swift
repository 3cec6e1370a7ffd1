// web_of_lies: one person's honesty is given; every other person makes a claim
// about earlier people. Everyone either always tells the truth or always lies.
// Does the last person tell the truth?

struct WebOfLiesTask: ReasoningTask {
    let info = TaskInfo(
        id: "web_of_lies",
        title: "Web of lies",
        source: .bbh,
        category: "logic",
        description: "A chain of people each say whether earlier people lie; decide whether the last one tells the "
            + "truth. Labels are balanced, so a constant answer scores about 50%.",
        knobs: [
            Knob("people", "how many people are in the chain"),
            Knob("any_earlier", "0: each speaks of the one before; 1: of any earlier person"),
            Knob("compound", "0: claims about one person; 1: also claims about two people"),
        ],
        levels: [
            Level("easy", ["people": 4, "any_earlier": 0, "compound": 0]),
            Level("medium", ["people": 6, "any_earlier": 1, "compound": 0]),
            Level("hard", ["people": 8, "any_earlier": 1, "compound": 1]),
            Level("expert", ["people": 12, "any_earlier": 1, "compound": 1]),
        ],
        defaultLevel: 1
    )

    /// A claim by person `speaker` about earlier people.
    struct Claim {
        var kind: String  // "truthful", "liar", "both_truthful", "one_lies", "same"
        var about: [Int]

        func holds(_ honest: [Bool]) -> Bool {
            switch kind {
            case "truthful": return honest[about[0]]
            case "liar": return !honest[about[0]]
            case "both_truthful": return honest[about[0]] && honest[about[1]]
            case "one_lies": return !honest[about[0]] || !honest[about[1]]
            default: return honest[about[0]] == honest[about[1]]
            }
        }

        func text(_ names: [String]) -> String {
            let a = names[about[0]]
            switch kind {
            case "truthful": return "\(a) tells the truth"
            case "liar": return "\(a) lies"
            case "both_truthful": return "\(a) and \(names[about[1]]) both tell the truth"
            case "one_lies": return "at least one of \(a) and \(names[about[1]]) lies"
            default: return "\(a) and \(names[about[1]]) are either both truthful or both liars"
            }
        }
    }

    static func honesty(first: Bool, claims: [Claim]) -> [Bool] {
        var honest = [first]
        for claim in claims { honest.append(claim.holds(honest)) }
        return honest
    }

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let people = level["people"], anyEarlier = level["any_earlier"] == 1, compound = level["compound"] == 1
        let target = rng.chance(0.5)
        let names = rng.sample(BBH.names, count: people)
        var claims: [Claim] = []
        var first = true
        for _ in 0..<1000 {
            claims = (1..<people).map { i in
                let one = anyEarlier ? rng.int(0..<i) : i - 1
                if compound && i >= 2 && rng.chance(0.35) {
                    var other = rng.int(0..<i)
                    if other == one { other = (one + 1 + rng.int(0..<(i - 1))) % i }
                    return Claim(kind: rng.pick(["both_truthful", "one_lies", "same"]), about: [one, other])
                }
                return Claim(kind: rng.chance(0.5) ? "truthful" : "liar", about: [one])
            }
            // The first person's honesty is chosen so the last person's matches the label.
            if Self.honesty(first: true, claims: claims).last == target { first = true; break }
            if Self.honesty(first: false, claims: claims).last == target { first = false; break }
        }
        let honest = Self.honesty(first: first, claims: claims)
        var lines = ["\(names[0]) \(first ? "tells the truth" : "lies")."]
        for (i, claim) in claims.enumerated() { lines.append("\(names[i + 1]) says that \(claim.text(names)).") }
        let last = names[people - 1]
        let question = """
            Each person below either always tells the truth or always lies.

            \(lines.joined(separator: " "))

            Does \(last) tell the truth? Give your final answer as <<<Yes>>> or <<<No>>>.
            """
        let claimJSON: [JSONValue] = claims.map { ["kind": .string($0.kind), "about": JSONValue($0.about)] }
        return GeneratedItem(question: question, gold: honest.last! ? "Yes" : "No",
                             metadata: ["names": JSONValue(names), "first_honest": .bool(first),
                                        "claims": .array(claimJSON), "answer": .bool(honest.last!)])
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let value = metadata["answer"]?.boolValue else { return .wrong("item metadata is missing answer") }
        return BBH.verifyBinary(answer: answer, expected: value, trueWord: "Yes", falseWord: "No")
    }

    func oracle(metadata: JSONValue) -> String {
        """
        first_honest = \(BBH.py(metadata["first_honest"] ?? false))
        claims = \(BBH.py(metadata["claims"] ?? []))  # claim i is made by person i + 1
        honest = [first_honest]
        for claim in claims:
            h = [honest[p] for p in claim["about"]]
            honest.append({"truthful": lambda: h[0], "liar": lambda: not h[0],
                           "both_truthful": lambda: h[0] and h[1], "one_lies": lambda: not (h[0] and h[1]),
                           "same": lambda: h[0] == h[1]}[claim["kind"]]())
        print("Yes" if honest[-1] else "No")
        """
    }
}
