// Statistical Counting (SymBench): score a string by its runs of repeated
// letters; each rule gives points for every maximal run of a letter that is at
// least a given length. One answer: the total, compared exactly.

public struct StatisticalCountingTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "statistical_counting",
        title: "Statistical Counting",
        source: .symbench,
        category: "counting",
        description: "Score a string by rules that reward or penalise runs of repeated letters.",
        knobs: [
            Knob("min_length", "shortest string"),
            Knob("max_length", "longest string"),
            Knob("letters", "how many letters (one rule each)"),
            Knob("max_run", "largest minimum run length a rule asks for (the smallest is 2)"),
            Knob("negative", "1: some rules subtract points"),
        ],
        levels: [
            Level("easy", ["min_length": 10, "max_length": 20, "letters": 2, "max_run": 2, "negative": 0]),
            Level("medium", ["min_length": 20, "max_length": 40, "letters": 3, "max_run": 3, "negative": 0]),
            Level("hard", ["min_length": 40, "max_length": 80, "letters": 4, "max_run": 3, "negative": 1]),
            Level("expert", ["min_length": 80, "max_length": 150, "letters": 5, "max_run": 4, "negative": 1]),
        ],
        defaultLevel: 1
    )

    static func score(_ s: [Character], letters: [Character], runs: [Int], points: [Int]) -> Int {
        var total = 0
        var i = 0
        while i < s.count {
            var j = i
            while j < s.count && s[j] == s[i] { j += 1 }
            if let r = letters.firstIndex(of: s[i]), j - i >= runs[r] { total += points[r] }
            i = j
        }
        return total
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let k = level["letters"]
        let letters = rng.sample(Array("ABCDEFGHJKLMNPQRSTUVWXYZ"), count: k)
        let runs = (0..<k).map { _ in rng.int(2...level["max_run"]) }
        let points = (0..<k).map { _ in
            let p = rng.int(1...9)
            return level["negative"] == 1 && rng.chance(0.35) ? -p : p
        }
        // Sticky draws make runs common: repeat the previous letter half of the time.
        var s: [Character] = []
        for _ in 0..<rng.int(level["min_length"]...level["max_length"]) {
            if let last = s.last, rng.chance(0.45) { s.append(last) } else { s.append(rng.pick(letters)) }
        }
        let total = Self.score(s, letters: letters, runs: runs, points: points)
        let rules = (0..<k).map { r in
            "\(r + 1). Every maximal run of \(runs[r]) or more consecutive '\(letters[r])'s "
                + (points[r] >= 0 ? "adds \(points[r]) to" : "subtracts \(-points[r]) from") + " the score."
        }.joined(separator: "\n")
        let question = """
            Start with a score of 0 and read the string below from left to right. A run is a maximal block of \
            the same letter (it cannot be extended on either side); each run counts once, however long it is.
            \(rules)

            String: \(String(s))

            What is the final score? Give it in the form <<<number>>>, for example <<<12>>> or <<<-3>>>.
            """
        return GeneratedItem(question: question, gold: String(total), metadata: [
            "string": .string(String(s)), "letters": JSONValue(letters.map(String.init)), "runs": JSONValue(runs),
            "points": JSONValue(points), "score": .int(total),
        ])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let total = metadata["score"]?.intValue else { return .wrong("item metadata is missing the score") }
        guard let values = SymParse.integers(answer), values.count == 1 else { return .wrong("expected one integer") }
        return values[0] == total ? .correct("the score is \(total)") : .wrong("\(values[0]) is not the score")
    }

    public func oracle(metadata: JSONValue) -> String {
        let s = metadata["string"]?.stringValue ?? ""
        let letters = metadata["letters"]?.stringArray ?? []
        let runs = metadata["runs"]?.intArray ?? []
        let points = metadata["points"]?.intArray ?? []
        return """
            from itertools import groupby
            s = \(SymFormat.pyString(s))
            rules = {letter: (run, points) for letter, run, points in zip(\(SymFormat.pyStrings(letters)), \(runs), \(points))}
            total = 0
            for letter, group in groupby(s):
                if letter in rules and len(list(group)) >= rules[letter][0]:
                    total += rules[letter][1]
            print(total)
            """
    }
}
