// object_counting: a list of things someone has, in words; count those of one
// category. The category lexicon is the project's own and avoids things that
// belong to two categories (no tomatoes, no kiwis).

struct ObjectCountingTask: ReasoningTask {
    let info = TaskInfo(
        id: "object_counting",
        title: "Object counting",
        source: .bbh,
        category: "counting",
        description: "Read a list of possessions with counts written in words and count the ones of one category "
            + "(fruits, vegetables, animals, musical instruments, furniture).",
        knobs: [
            Knob("entries", "how many entries the list has"),
            Knob("max_count", "largest count in one entry (1: every entry is a single thing)"),
            Knob("categories", "how many categories the entries come from"),
        ],
        levels: [
            Level("easy", ["entries": 5, "max_count": 2, "categories": 2]),
            Level("medium", ["entries": 7, "max_count": 4, "categories": 3]),
            Level("hard", ["entries": 10, "max_count": 6, "categories": 4]),
            Level("expert", ["entries": 14, "max_count": 9, "categories": 5]),
        ],
        defaultLevel: 1
    )

    /// Category → [(singular, plural)].
    static let lexicon: [(String, [(String, String)])] = [
        ("fruits", [("apple", "apples"), ("banana", "bananas"), ("pear", "pears"), ("plum", "plums"),
                    ("peach", "peaches"), ("nectarine", "nectarines"), ("strawberry", "strawberries"),
                    ("raspberry", "raspberries"), ("orange", "oranges"), ("lemon", "lemons"), ("mango", "mangoes"),
("apricot", "apricots"), ("fig", "figs"), ("cherry", "cherries"),
                    ("grapefruit", "grapefruits")]),
        ("vegetables", [("carrot", "carrots"), ("potato", "potatoes"), ("onion", "onions"), ("cabbage", "cabbages"),
                        ("turnip", "turnips"), ("radish", "radishes"), ("beetroot", "beetroots"),
                        ("cauliflower", "cauliflowers"), ("leek", "leeks"), ("stalk of celery", "stalks of celery"),
                        ("head of broccoli", "heads of broccoli"), ("parsnip", "parsnips"), ("yam", "yams"),
                        ("courgette", "courgettes"), ("lettuce", "lettuces")]),
        ("animals", [("dog", "dogs"), ("cat", "cats"), ("rabbit", "rabbits"), ("goat", "goats"), ("cow", "cows"),
                     ("pig", "pigs"), ("chicken", "chickens"), ("donkey", "donkeys"), ("duck", "ducks"),
                     ("horse", "horses"), ("mouse", "mice"), ("snail", "snails"), ("frog", "frogs"),
                     ("hamster", "hamsters"), ("goose", "geese")]),
        ("musical instruments", [("piano", "pianos"), ("violin", "violins"), ("flute", "flutes"),
                                 ("trumpet", "trumpets"), ("trombone", "trombones"), ("drum", "drums"),
                                 ("clarinet", "clarinets"), ("accordion", "accordions"), ("cello", "cellos"),
                                 ("harp", "harps"), ("banjo", "banjos"), ("saxophone", "saxophones"),
                                 ("tuba", "tubas"), ("ukulele", "ukuleles")]),
        ("pieces of furniture", [("chair", "chairs"), ("table", "tables"), ("bed", "beds"), ("couch", "couches"),
                                 ("bookcase", "bookcases"), ("stool", "stools"), ("desk", "desks"),
                                 ("wardrobe", "wardrobes"), ("dresser", "dressers"), ("armchair", "armchairs"),
                                 ("footstool", "footstools"), ("sideboard", "sideboards")]),
    ]

    static func article(_ word: String) -> String {
        let lower = word.lowercased()
        if lower.hasPrefix("ukulele") { return "a" }
        return "aeiou".contains(lower.first!) ? "an" : "a"
    }

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let entries = level["entries"], maxCount = level["max_count"], catCount = level["categories"]
        let cats = rng.sample(Array(0..<Self.lexicon.count), count: catCount)
        let target = cats[0]
        // At least one entry of the target category and one of another; the rest at random.
        var entryCats = [target, cats[1 % cats.count]] + (2..<max(2, entries)).map { _ in rng.pick(cats) }
        entryCats = Array(entryCats.prefix(entries))
        var used = Set<String>()
        var rows: [JSONValue] = []
        var phrases: [String] = []
        var total = 0
        for c in entryCats {
            let pool = Self.lexicon[c].1.filter { !used.contains($0.0) }
            let (singular, plural) = rng.pick(pool)
            used.insert(singular)
            let n = rng.int(1...maxCount)
            if c == target { total += n }
            phrases.append(n == 1 ? "\(Self.article(singular)) \(singular)" : "\(BBH.numberWords[n]) \(plural)")
            rows.append(["thing": .string(singular), "category": .string(Self.lexicon[c].0), "count": .int(n)])
        }
        // Shuffle the entries together with their phrases.
        var order = Array(0..<rows.count)
        rng.shuffle(&order)
        let category = Self.lexicon[target].0
        let question = """
            I have \(BBH.list(order.map { phrases[$0] })). How many \(category) do I have?

            Give the number as your final answer, for example <<<7>>>.
            """
        return GeneratedItem(question: question, gold: String(total),
                             metadata: ["entries": .array(order.map { rows[$0] }), "category": .string(category),
                                        "answer": .int(total)])
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let total = metadata["answer"]?.intValue else { return .wrong("item metadata is missing answer") }
        guard let n = BBH.parseCount(answer) else { return .wrong("the answer is not a whole number") }
        return n == total ? .correct() : .wrong("counted \(n); the answer is \(total)")
    }

    func oracle(metadata: JSONValue) -> String {
        """
        entries = \(BBH.py(metadata["entries"] ?? []))
        category = \(BBH.py(metadata["category"] ?? ""))
        print(sum(e["count"] for e in entries if e["category"] == category))
        """
    }
}
