// spell_backward (Reasoning Gym, algorithmic): write a word letter by letter
// from its end. The words are made-up pronounceable strings (no word list, and
// a model cannot recall the reversal of a common word).

public struct SpellBackwardTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "spell_backward", title: "Spell backward", source: .reasoningGym, category: "algorithmic",
        description: "Spell a made-up word backward, last letter first.",
        knobs: [Knob("syllables", "syllables in the word (2–3 letters each)")],
        levels: [Level("easy", ["syllables": 3]), Level("medium", ["syllables": 5]),
                 Level("hard", ["syllables": 8]), Level("expert", ["syllables": 12])],
        defaultLevel: 1)

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let word = AlgoText.pseudoword(syllables: level["syllables"], rng: &rng)
        let question = """
            Spell the word "\(word)" backward: write its letters from the last to the first, as one word.

            Give your final answer inside <<< and >>>, e.g. <<<olleh>>> for "hello".
            """
        return GeneratedItem(question: question, gold: String(word.reversed()), metadata: ["word": .string(word)])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let word = metadata["word"]?.stringValue, !word.isEmpty else { return .wrong("item metadata has no word") }
        let expected = String(word.reversed())
        return answer.trimmed().lowercased() == expected ? .correct(expected) : .wrong("the word backward is \(expected)")
    }

    public func oracle(metadata: JSONValue) -> String {
        "print(\(RGGrids.py(metadata["word"] ?? .null))[::-1])"
    }
}
