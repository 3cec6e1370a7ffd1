// leg_counting: the total number of legs of a list of animals. The animal list
// is the project's own and keeps to animals whose leg count is not in doubt
// (no starfish arms, no millipedes).

import Foundation

struct LegCountingTask: ReasoningTask {
    let info = TaskInfo(
        id: "leg_counting",
        title: "Leg counting",
        source: .reasoningGym,
        category: "arithmetic",
        description: "Count the legs of a list of animals.",
        knobs: [
            Knob("kinds", "how many kinds of animal are listed"),
            Knob("max_count", "most animals of one kind"),
        ],
        levels: [
            Level("easy", ["kinds": 3, "max_count": 10]),
            Level("medium", ["kinds": 5, "max_count": 20]),
            Level("hard", ["kinds": 8, "max_count": 100]),
            Level("expert", ["kinds": 12, "max_count": 1_000]),
        ],
        defaultLevel: 1
    )

    /// (singular, plural, legs)
    static let animals: [(String, String, Int)] = [
        ("chicken", "chickens", 2), ("duck", "ducks", 2), ("goose", "geese", 2), ("ostrich", "ostriches", 2),
        ("penguin", "penguins", 2), ("parrot", "parrots", 2), ("owl", "owls", 2), ("flamingo", "flamingos", 2),
        ("cow", "cows", 4), ("horse", "horses", 4), ("dog", "dogs", 4), ("cat", "cats", 4), ("sheep", "sheep", 4),
        ("goat", "goats", 4), ("pig", "pigs", 4), ("elephant", "elephants", 4), ("giraffe", "giraffes", 4),
        ("zebra", "zebras", 4), ("lion", "lions", 4), ("tiger", "tigers", 4), ("rabbit", "rabbits", 4),
        ("mouse", "mice", 4), ("frog", "frogs", 4), ("lizard", "lizards", 4), ("tortoise", "tortoises", 4),
        ("ant", "ants", 6), ("bee", "bees", 6), ("beetle", "beetles", 6), ("grasshopper", "grasshoppers", 6),
        ("butterfly", "butterflies", 6), ("cockroach", "cockroaches", 6), ("ladybird", "ladybirds", 6),
        ("spider", "spiders", 8), ("scorpion", "scorpions", 8), ("tick", "ticks", 8),
        ("crab", "crabs", 10), ("lobster", "lobsters", 10),
        ("snake", "snakes", 0), ("worm", "worms", 0), ("snail", "snails", 0), ("goldfish", "goldfish", 0),
    ]

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let picks = rng.sample(Array(LegCountingTask.animals.indices), count: level["kinds"])
        let counts = picks.map { _ in rng.int(1...level["max_count"]) }
        let phrases = zip(picks, counts).map { i, c in
            let a = LegCountingTask.animals[i]
            return c == 1 ? "1 \(a.0)" : "\(c) \(a.1)"
        }
        let total = zip(picks, counts).reduce(0) { $0 + LegCountingTask.animals[$1.0].2 * $1.1 }
        let question = """
            A farm-and-zoo census lists \(BBH.list(phrases)). How many legs do these animals have in total? \
            (Birds have 2 legs, four-legged animals 4, insects 6, spiders, scorpions and ticks 8, crabs and \
            lobsters 10; snakes, worms, snails and fish have none.) Give the total as your final \
            answer in the form <<<integer>>>, for example <<<58>>>.
            """
        let names = picks.map { LegCountingTask.animals[$0].0 }
        let legs = picks.map { LegCountingTask.animals[$0].2 }
        return GeneratedItem(question: question, gold: String(total), metadata: [
            "animals": JSONValue(names), "counts": JSONValue(counts), "legs": JSONValue(legs), "answer": .int(total),
        ])
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        RG.verifyInteger(answer: answer, metadata: metadata, suffixes: ["legs"])
    }

    func oracle(metadata: JSONValue) -> String {
        """
        counts = \(RG.py(metadata["counts"] ?? []))
        legs = \(RG.py(metadata["legs"] ?? []))
        print(sum(c * l for c, l in zip(counts, legs)))
        """
    }
}
