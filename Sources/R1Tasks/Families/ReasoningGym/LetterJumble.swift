// letter_jumble (Reasoning Gym, algorithmic): the letters inside each word of
// a phrase were shuffled; restore the words. Words come from the project's
// lexicon; where the scrambled letters also spell another lexicon word, that
// word is accepted too (both are valid unscramblings).

public struct LetterJumbleTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "letter_jumble", title: "Letter jumble", source: .reasoningGym, category: "algorithmic",
        description: "Unscramble each word of a list whose letters were shuffled.",
        knobs: [Knob("words", "words to unscramble"), Knob("swaps", "letter swaps per word (0: full shuffle)")],
        levels: [Level("easy", ["words": 3, "swaps": 1]), Level("medium", ["words": 5, "swaps": 2]),
                 Level("hard", ["words": 8, "swaps": 0]), Level("expert", ["words": 14, "swaps": 0])],
        defaultLevel: 1)

    /// Lexicon words by sorted letters.
    static let byLetters: [String: [String]] = Dictionary(grouping: WordSortingTask.lexicon, by: GroupAnagramsTask.asciiKey)

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        var words: [String] = [], scrambled: [String] = []
        while words.count < level["words"] {
            let word = rng.pick(WordSortingTask.lexicon)
            var letters = Array(word.utf8)
            guard Set(letters).count >= 3 else { continue }
            let spellings = LetterJumbleTask.byLetters[GroupAnagramsTask.asciiKey(word)]!
            var tries = 0
            repeat {
                tries += 1
                if level["swaps"] == 0 {
                    rng.shuffle(&letters)
                } else {
                    for _ in 0..<level["swaps"] { letters.swapAt(rng.int(0..<letters.count), rng.int(0..<letters.count)) }
                }
            } while spellings.contains(String(ascii: letters)) && tries < 50
            guard !spellings.contains(String(ascii: letters)) else { continue }
            words.append(word)
            scrambled.append(String(ascii: letters))
        }
        let question = """
            The letters of each of these words have been shuffled. Write the original words, in the same order.

            \(scrambled.joined(separator: " "))

            Give your final answer inside <<< and >>>, the words separated by spaces, e.g. <<<apple tree>>>.
            """
        return GeneratedItem(question: question, gold: words.joined(separator: " "),
                             metadata: ["scrambled": JSONValue(scrambled), "words": JSONValue(words)])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let scrambled = metadata["scrambled"]?.stringArray, let words = metadata["words"]?.stringArray,
              !words.isEmpty, words.count == scrambled.count else { return .wrong("item metadata has no words") }
        let got = AlgoText.words(answer)
        guard got.count == words.count else { return .wrong("expected \(words.count) words, got \(got.count)") }
        for i in words.indices where got[i] != words[i] {
            // Another lexicon word made of exactly the scrambled letters is also right.
            let key = GroupAnagramsTask.asciiKey(scrambled[i])
            guard GroupAnagramsTask.asciiKey(got[i]) == key, LetterJumbleTask.byLetters[key]?.contains(got[i]) == true else {
                return .wrong("word \(i + 1) is \(words[i])")
            }
        }
        return .correct("all words restored")
    }

    public func oracle(metadata: JSONValue) -> String {
        // The oracle gets the dictionary entries a solver would look up: every
        // lexicon word spelled with one of the scrambled letter sets.
        let scrambled = metadata["scrambled"]?.stringArray ?? []
        let candidates = scrambled.flatMap { LetterJumbleTask.byLetters[GroupAnagramsTask.asciiKey($0)] ?? [] }
        return """
        scrambled = \(RGGrids.py(JSONValue(scrambled)))
        lexicon = \(RGGrids.py(JSONValue(Array(Set(candidates)).sorted())))
        print(" ".join(next(w for w in lexicon if sorted(w) == sorted(s)) for s in scrambled))
        """
    }
}
