// hyperbaton: which phrase puts its adjectives in the usual English order
// (opinion, size, age, shape, colour, origin, material, purpose)? The adjective
// lexicon is the project's own; every adjective belongs to exactly one category,
// so exactly one option is in order.

struct HyperbatonTask: ReasoningTask {
    let info = TaskInfo(
        id: "hyperbaton",
        title: "Hyperbaton (adjective order)",
        source: .bbh,
        category: "string",
        description: "Pick the phrase whose adjectives follow the usual English order: opinion, size, age, shape, "
            + "colour, origin, material, purpose. With two options, a constant answer scores about 50%.",
        knobs: [
            Knob("adjectives", "how many adjectives precede the noun"),
            Knob("options", "how many phrases to choose from"),
            Knob("hint", "1: the question states the category order; 0: it does not"),
        ],
        levels: [
            Level("easy", ["adjectives": 3, "options": 2, "hint": 1]),
            Level("medium", ["adjectives": 3, "options": 2, "hint": 0]),
            Level("hard", ["adjectives": 4, "options": 3, "hint": 0]),
            Level("expert", ["adjectives": 5, "options": 4, "hint": 0]),
        ],
        defaultLevel: 1
    )

    static let categories: [(String, [String])] = [
        ("opinion", ["lovely", "ugly", "wonderful", "terrible", "nice", "awful", "beautiful", "silly", "obnoxious",
                     "good", "delightful", "repulsive"]),
        ("size", ["big", "small", "tiny", "huge", "enormous", "little", "massive", "midsize", "large"]),
        ("age", ["old", "new", "ancient", "brand-new", "old-fashioned", "modern"]),
        ("shape", ["square", "round", "triangular", "rectangular", "circular", "oval", "spherical", "hexagonal"]),
        ("colour", ["red", "blue", "green", "grey", "white", "black", "yellow", "brown", "purple", "pink"]),
        ("origin", ["Brazilian", "Chinese", "Egyptian", "Ethiopian", "Filipino", "German", "Indian", "Japanese",
                    "Mexican", "Nigerian", "Russian", "Turkish", "Vietnamese", "Peruvian"]),
        ("material", ["wooden", "plastic", "glass", "cardboard", "paper", "leather", "wool", "cloth", "steel",
                      "rubber", "iron", "ceramic"]),
        ("purpose", ["hiking", "drinking", "eating", "writing", "walking", "sleeping", "cooking", "fishing"]),
    ]

    static let nouns = ["shoe", "sweater", "knife", "box", "ship", "cup", "table", "chair", "bag", "hat", "bottle",
                        "lamp", "bowl", "rug", "candle", "basket", "spoon", "blanket", "boat", "clock", "jacket",
                        "umbrella", "pencil", "tent"]

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let k = level["adjectives"], optionCount = level["options"], hint = level["hint"] == 1
        let cats = rng.sample(Array(0..<Self.categories.count), count: k).sorted()
        let words = cats.map { rng.pick(Self.categories[$0].1) }
        let noun = rng.pick(Self.nouns)
        // Orders are permutations of 0..<k; the identity is the correct one.
        var orders: [[Int]] = [Array(0..<k)]
        while orders.count < optionCount {
            var p = Array(0..<k)
            // Near misses only when there are two options: with more, several one-swap
            // variants would make the answer the option closest to all the others.
            if optionCount == 2 && rng.chance(0.5) {
                let i = rng.int(0..<(k - 1))
                p.swapAt(i, i + 1)  // a near miss: two neighbours swapped
            } else {
                rng.shuffle(&p)
            }
            if !orders.contains(p) { orders.append(p) }
        }
        rng.shuffle(&orders)
        let options = orders.map { o in o.map { words[$0] }.joined(separator: " ") + " " + noun }
        let answer = orders.firstIndex(of: Array(0..<k))!
        let hintText = hint ? " In English, adjectives go in this order: opinion, size, age, shape, colour, origin, "
            + "material, purpose." : ""
        let question = "Which phrase has its adjectives in the correct order?\(hintText)\n\n"
            + BBH.optionBlock(options) + "\n\n" + BBH.choiceInstruction(optionCount)
        var metadata = BBH.choiceMetadata(options: options, answer: answer)
        metadata["categories"] = .object(Dictionary(uniqueKeysWithValues: zip(words, cats.map { .string(Self.categories[$0].0) })))
        return GeneratedItem(question: question, gold: BBH.label(answer), metadata: metadata)
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        BBH.verifyChoice(answer: answer, metadata: metadata)
    }

    func oracle(metadata: JSONValue) -> String {
        """
        order = ["opinion", "size", "age", "shape", "colour", "origin", "material", "purpose"]
        category = \(BBH.py(metadata["categories"] ?? [:]))
        options = \(BBH.py(metadata["options"] ?? []))

        def in_order(phrase):
            ranks = [order.index(category[w]) for w in phrase.split()[:-1]]
            return ranks == sorted(ranks)

        answer = next(o for o in options if in_order(o))
        \(BBH.printChoice)
        """
    }
}
