// reasoning_about_colored_objects: coloured things on a surface, sometimes in a
// row; ask a colour, a neighbour's colour, or a count. Things are all different,
// so every question has one answer; options are the 18 colours or counts.

struct ColoredObjectsTask: ReasoningTask {
    let info = TaskInfo(
        id: "reasoning_about_colored_objects",
        title: "Reasoning about coloured objects",
        source: .bbh,
        category: "logic",
        description: "Answer questions about coloured things on a surface: a thing's colour, the colour of a "
            + "neighbour in a row, or how many things do or do not have some colours.",
        knobs: [
            Knob("objects", "how many things are described"),
            Knob("question_kinds", "1: colour of a thing; 2: also neighbours in a row; 3: also counts; "
                + "4: also counts after removing things"),
        ],
        levels: [
            Level("easy", ["objects": 4, "question_kinds": 1]),
            Level("medium", ["objects": 5, "question_kinds": 2]),
            Level("hard", ["objects": 6, "question_kinds": 3]),
            Level("expert", ["objects": 8, "question_kinds": 4]),
        ],
        defaultLevel: 1
    )

    static let colours = ["red", "orange", "yellow", "green", "blue", "brown", "magenta", "fuchsia", "mauve", "teal",
                          "turquoise", "burgundy", "silver", "gold", "black", "grey", "purple", "pink"]
    static let things = ["pencil", "mug", "keychain", "teddy bear", "plate", "stress ball", "notebook", "scrunchie",
                         "fidget spinner", "sunglasses case", "paperclip", "envelope", "bracelet", "dog leash",
                         "booklet", "jug", "cat toy", "crayon", "puzzle", "sheet of paper", "stapler", "candle",
                         "thermos", "coaster", "eraser", "hairbrush"]
    static let surfaces = ["On the desk", "On the nightstand", "On the kitchen counter", "On the floor",
                           "On the shelf", "On the windowsill", "On the picnic blanket", "On the table"]

    static func article(_ w: String) -> String { "aeiou".contains(w.first!) ? "an" : "a" }

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let n = level["objects"], kinds = level["question_kinds"]
        let things = rng.sample(Self.things, count: n)
        // Colours may repeat (counting questions need that), about one repeat in three.
        var colours: [String] = []
        for _ in 0..<n {
            colours.append(!colours.isEmpty && rng.chance(0.3) ? rng.pick(colours) : rng.pick(Self.colours))
        }
        let kind = rng.int(1...kinds)
        let row = kind == 2 || (kind >= 3 && rng.chance(0.5))
        let surface = rng.pick(Self.surfaces)
        let phrases = (0..<n).map { "\(Self.article(colours[$0])) \(colours[$0]) \(things[$0])" }
        let scene = row
            ? "\(surface), arranged in a row from left to right, you see \(BBH.list(phrases))."
            : "\(surface), you see \(BBH.list(phrases))."
        var ask = ""
        var options: [String] = Self.colours
        var answerText = ""
        var query: [String: JSONValue] = [:]
        switch kind {
        case 1:
            let i = rng.int(0..<n)
            ask = "What colour is the \(things[i])?"
            answerText = colours[i]
            query = ["kind": "colour_of", "thing": .string(things[i])]
        case 2:
            let i = rng.int(0..<n)
            if i == 0 || i == n - 1, rng.chance(0.5) {
                ask = "What colour is the thing at the \(i == 0 ? "left" : "right") end of the row?"
                query = ["kind": "end", "side": .string(i == 0 ? "left" : "right")]
            } else {
                let j = i == 0 ? 1 : i == n - 1 ? n - 2 : (rng.chance(0.5) ? i - 1 : i + 1)
                ask = "What colour is the thing directly to the \(j < i ? "left" : "right") of the \(things[i])?"
                query = ["kind": "neighbour", "thing": .string(things[i]), "side": .string(j < i ? "left" : "right")]
                answerText = colours[j]
            }
            if answerText.isEmpty { answerText = colours[i] }
        case 3:
            let present = Array(Set(colours)).sorted()
            let excluded = rng.sample(present, count: min(present.count, rng.int(1...2)))
            let count = colours.filter { !excluded.contains($0) }.count
            ask = excluded.count == 1 ? "How many things are not \(excluded[0])?"
                : "How many things are neither \(excluded[0]) nor \(excluded[1])?"
            options = Array(BBH.numberWords[0...n])
            answerText = BBH.numberWords[count]
            query = ["kind": "count_not", "colours": JSONValue(excluded)]
        default:
            let removed = rng.pick(colours)
            let remaining = colours.filter { $0 != removed }.count
            ask = "If I take away every \(removed) thing, how many things are left?"
            options = Array(BBH.numberWords[0...n])
            answerText = BBH.numberWords[remaining]
            query = ["kind": "remove", "colour": .string(removed)]
        }
        let answer = options.firstIndex(of: answerText)!
        let question = scene + " " + ask + "\n\n" + BBH.optionBlock(options) + "\n\n" + BBH.choiceInstruction(options.count)
        var metadata = BBH.choiceMetadata(options: options, answer: answer)
        metadata["things"] = JSONValue(things)
        metadata["colours"] = JSONValue(colours)
        metadata["query"] = .object(query)
        return GeneratedItem(question: question, gold: BBH.label(answer), metadata: metadata)
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        BBH.verifyChoice(answer: answer, metadata: metadata)
    }

    func oracle(metadata: JSONValue) -> String {
        """
        things = \(BBH.py(metadata["things"] ?? []))  # left to right when in a row
        colours = \(BBH.py(metadata["colours"] ?? []))
        query = \(BBH.py(metadata["query"] ?? [:]))
        options = \(BBH.py(metadata["options"] ?? []))
        words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
        kind = query["kind"]
        if kind == "colour_of":
            answer = colours[things.index(query["thing"])]
        elif kind == "end":
            answer = colours[0 if query["side"] == "left" else -1]
        elif kind == "neighbour":
            answer = colours[things.index(query["thing"]) + (-1 if query["side"] == "left" else 1)]
        elif kind == "count_not":
            answer = words[sum(c not in query["colours"] for c in colours)]
        else:
            answer = words[sum(c != query["colour"] for c in colours)]
        \(BBH.printChoice)
        """
    }
}
