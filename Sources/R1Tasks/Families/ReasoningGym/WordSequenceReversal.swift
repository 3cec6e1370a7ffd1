// word_sequence_reversal (Reasoning Gym, algorithmic): give a list of words in
// the opposite order. Words come from the project's own lexicon (word_sorting).

public struct WordSequenceReversalTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "word_sequence_reversal", title: "Word sequence reversal", source: .reasoningGym, category: "algorithmic",
        description: "Write a list of words in reverse order.",
        knobs: [Knob("words", "how many words in the list")],
        levels: [Level("easy", ["words": 5]), Level("medium", ["words": 10]),
                 Level("hard", ["words": 25]), Level("expert", ["words": 60])],
        defaultLevel: 1)

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let words = (0..<level["words"]).map { _ in rng.pick(WordSortingTask.lexicon) }
        let question = """
            Reverse the order of the words in this list (keep each word as it is):

            \(words.joined(separator: ", "))

            Give the reversed list inside <<< and >>>, words separated by ", ", \
            e.g. <<<cat, dog>>> for the list "dog, cat".
            """
        return GeneratedItem(question: question, gold: words.reversed().joined(separator: ", "),
                             metadata: ["words": JSONValue(words)])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let words = metadata["words"]?.stringArray, !words.isEmpty else { return .wrong("item metadata has no words") }
        let got = AlgoText.words(answer)
        guard got.count == words.count else { return .wrong("expected \(words.count) words, got \(got.count)") }
        return got == words.reversed() ? .correct("the reversed list") : .wrong("the words are not in reverse order")
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        words = \(RGGrids.py(metadata["words"] ?? .null))
        print(", ".join(reversed(words)))
        """
    }
}
