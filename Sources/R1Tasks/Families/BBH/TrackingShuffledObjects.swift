// tracking_shuffled_objects_{3,5,7}: people each hold one thing, pairs swap, who
// ends with what? One implementation, registered three times as BBH has three
// files (3, 5 and 7 objects): the object count fixes the id, and each id's levels
// raise the number of swaps and add reverse questions ("who holds X?").

struct TrackingShuffledObjectsTask: ReasoningTask {
    let objects: Int
    let info: TaskInfo

    init(objects: Int) {
        precondition([3, 5, 7].contains(objects))
        self.objects = objects
        let n = objects
        info = TaskInfo(
            id: "tracking_shuffled_objects_\(n)",
            title: "Tracking shuffled objects (\(n))",
            source: .bbh,
            category: "logic",
            description: "\(n) people each start with one thing; pairs of them swap, one swap after another. "
                + "Say who ends with what. \(n) options, so guessing scores about \(100 / n)%.",
            knobs: [
                Knob("objects", "how many people (and things)"),
                Knob("swaps", "how many swaps happen"),
                Knob("reverse", "0: ask what a person holds; 1: half the questions ask who holds a thing"),
            ],
            levels: [
                Level("easy", ["objects": n, "swaps": n, "reverse": 0]),
                Level("medium", ["objects": n, "swaps": n + 2, "reverse": 0]),
                Level("hard", ["objects": n, "swaps": 2 * n, "reverse": 1]),
                Level("expert", ["objects": n, "swaps": 3 * n + 1, "reverse": 1]),
            ],
            defaultLevel: 0
        )
    }

    /// A scene: how the start is told, what a swap is called, and the things.
    struct Theme {
        let intro: String  // "{n} friends are ..."
        let holds: String  // "has" / "is dancing with"
        let swap: String  // "swap balls"
        let things: [String]
        let endVerb: String  // "has" (question form)
    }

    static let themes: [Theme] = [
        Theme(intro: "are passing coloured marbles around during a board game.", holds: "has the",
              swap: "swap marbles",
              things: ["amber marble", "teal marble", "crimson marble", "violet marble", "olive marble",
                       "silver marble", "ivory marble", "navy marble", "coral marble", "lime marble"],
              endVerb: "has the"),
        Theme(intro: "are partners at a folk dance; partners change during the evening.", holds: "is dancing with",
              swap: "trade partners",
              things: ["Imogen", "Rupert", "Odette", "Lazlo", "Perpetua", "Florian", "Henrietta", "Barnaby",
                       "Clementine", "Ignatius"],
              endVerb: "is dancing with"),
        Theme(intro: "are players on a volleyball team, each in one position; coaches keep swapping them.",
              holds: "plays", swap: "swap positions",
              things: ["setter", "libero", "outside hitter", "middle blocker", "opposite", "server", "right back",
                       "left front", "centre back", "right front"],
              endVerb: "plays"),
        Theme(intro: "have each borrowed one board game from a club shelf and keep exchanging them.",
              holds: "has", swap: "exchange games",
              things: ["chess", "backgammon", "mahjong", "checkers", "dominoes", "go", "cribbage", "mancala",
                       "parcheesi", "reversi"],
              endVerb: "has"),
        Theme(intro: "each brought one fruit to a picnic and keep trading them.", holds: "has the",
              swap: "trade fruit",
              things: ["pear", "plum", "mango", "kiwi", "lychee", "fig", "quince", "papaya", "guava", "apricot"],
              endVerb: "has the"),
    ]

    static let ordinals = ["First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth",
                           "Tenth", "Eleventh", "Twelfth", "Thirteenth", "Fourteenth", "Fifteenth", "Sixteenth",
                           "Seventeenth", "Eighteenth", "Nineteenth", "Twentieth", "Twenty-first", "Twenty-second"]

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let n = level["objects"], swapCount = level["swaps"], reverse = level["reverse"] == 1 && rng.chance(0.5)
        let themeIndex = rng.int(0..<Self.themes.count)
        let theme = Self.themes[themeIndex]
        let people = rng.sample(BBH.names, count: n)
        let things = rng.sample(theme.things, count: n)
        var swaps: [[Int]] = []
        for _ in 0..<swapCount {
            var pair: [Int]
            repeat {
                let a = rng.int(0..<n)
                var b = rng.int(0..<(n - 1))
                if b >= a { b += 1 }
                pair = [a, b]
            } while swaps.last.map({ Set($0) == Set(pair) }) ?? false  // a swap undone at once is dull
            swaps.append(pair)
        }
        var holding = Array(0..<n)  // holding[person] = thing index
        for s in swaps { holding.swapAt(s[0], s[1]) }

        var lines = ["\(BBH.list(people)) \(theme.intro) At the start: " +
                     BBH.list(people.indices.map { "\(people[$0]) \(theme.holds) \(things[$0])" }) + "."]
        for (i, s) in swaps.enumerated() {
            let when = i == swaps.count - 1 ? "Finally" : Self.ordinals[i]
            lines.append("\(when), \(people[s[0]]) and \(people[s[1]]) \(theme.swap).")
        }
        let options: [String]
        let answer: Int
        let ask: String
        let asks: JSONValue
        if reverse {
            let thing = rng.int(0..<n)
            ask = "At the end, who \(theme.holds) \(things[thing])?"
            options = people
            answer = holding.firstIndex(of: thing)!
            asks = ["holder_of": .int(thing)]
        } else {
            let person = rng.int(0..<n)
            ask = "At the end, \(people[person]) \(theme.endVerb)"
            options = things
            answer = holding[person]
            asks = ["thing_of": .int(person)]
        }
        let question = lines.joined(separator: " ") + " " + ask + "\n\n" + BBH.optionBlock(options) + "\n\n"
            + BBH.choiceInstruction(n)
        var metadata = BBH.choiceMetadata(options: options, answer: answer)
        metadata["people"] = JSONValue(people)
        metadata["things"] = JSONValue(things)
        metadata["swaps"] = .array(swaps.map { JSONValue($0) })
        metadata["asks"] = asks
        return GeneratedItem(question: question, gold: BBH.label(answer), metadata: metadata)
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        BBH.verifyChoice(answer: answer, metadata: metadata)
    }

    func oracle(metadata: JSONValue) -> String {
        let asks = metadata["asks"] ?? [:]
        let reverse = asks["holder_of"] != nil
        return """
            people = \(BBH.py(metadata["people"] ?? []))
            things = \(BBH.py(metadata["things"] ?? []))
            swaps = \(BBH.py(metadata["swaps"] ?? []))
            options = \(BBH.py(metadata["options"] ?? []))
            holding = list(things)  # holding[i] is what person i has
            for a, b in swaps:
                holding[a], holding[b] = holding[b], holding[a]
            \(reverse ? "answer = people[holding.index(things[\(asks["holder_of"]?.intValue ?? 0)])]"
                      : "answer = holding[\(asks["thing_of"]?.intValue ?? 0)]")
            \(BBH.printChoice)
            """
    }
}
