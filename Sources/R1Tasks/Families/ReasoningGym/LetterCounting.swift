// letter_counting (Reasoning Gym, algorithmic): how many times a letter occurs
// in a short text of lexicon words (case does not matter). About one item in
// eight asks for a letter that does not occur, so "0" is sometimes right.

public struct LetterCountingTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "letter_counting", title: "Letter counting", source: .reasoningGym, category: "algorithmic",
        description: "Count the occurrences of a letter in a text of words.",
        knobs: [Knob("words", "words in the text")],
        levels: [Level("easy", ["words": 5]), Level("medium", ["words": 12]),
                 Level("hard", ["words": 25]), Level("expert", ["words": 50])],
        defaultLevel: 1)

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let words = (0..<level["words"]).map { _ in rng.pick(WordSortingTask.lexicon) }
        var text = words.joined(separator: " ")
        text = text.prefix(1).uppercased() + text.dropFirst() + "."
        let present = Array(Set(words.joined().utf8)).sorted()
        let absent = Array("abcdefghijklmnopqrstuvwxyz".utf8).filter { !present.contains($0) }
        let letter = (absent.isEmpty || rng.chance(0.875)) ? rng.pick(present) : rng.pick(absent)
        let count = text.lowercased().utf8.filter { $0 == letter }.count
        let name = String(ascii: [letter])
        let question = """
            How many times does the letter "\(name)" occur in the following text? Count upper and lower \
            case alike.

            \(text)

            Give the number inside <<< and >>>, e.g. <<<3>>>.
            """
        return GeneratedItem(question: question, gold: String(count),
                             metadata: ["text": .string(text), "letter": .string(name), "answer": .int(count)])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        RG.verifyInteger(answer: answer, metadata: metadata)
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        text, letter = \(RGGrids.py(metadata["text"] ?? .null)), \(RGGrids.py(metadata["letter"] ?? .null))
        print(text.lower().count(letter))
        """
    }
}
