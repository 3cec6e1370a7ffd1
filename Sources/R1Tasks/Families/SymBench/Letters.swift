// Letters (SymBench): count one letter in a word and list where it occurs,
// with 1-based positions. One answer; the verifier reads the count and the
// positions and compares both exactly.

public struct LettersTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "letters",
        title: "Letters",
        source: .symbench,
        category: "string",
        description: "Count how many times a letter occurs in a word and list its 1-based positions.",
        knobs: [
            Knob("min_length", "shortest word"),
            Knob("max_length", "longest word"),
            Knob("alphabet", "how many distinct letters the word is drawn from"),
        ],
        levels: [
            Level("easy", ["min_length": 8, "max_length": 14, "alphabet": 10]),
            Level("medium", ["min_length": 15, "max_length": 30, "alphabet": 14]),
            Level("hard", ["min_length": 30, "max_length": 60, "alphabet": 18]),
            Level("expert", ["min_length": 60, "max_length": 120, "alphabet": 26]),
        ],
        defaultLevel: 1
    )

    static let letters = Array("abcdefghijklmnopqrstuvwxyz").map(String.init)

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let length = rng.int(level["min_length"]...level["max_length"])
        let alphabet = rng.sample(Self.letters, count: level["alphabet"])
        let target = alphabet[0]
        // The asked letter is a little more frequent than the others, and absent now and then.
        let absent = rng.chance(0.05)
        let boost = absent ? 0.0 : 1.5 / Double(alphabet.count)
        var word: [String] = []
        for _ in 0..<length {
            if !absent && rng.chance(boost) { word.append(target) } else {
                word.append(alphabet[rng.int(1..<alphabet.count)])
            }
        }
        let text = word.joined()
        let positions = word.indices.filter { word[$0] == target }.map { $0 + 1 }
        let gold = "Count: \(positions.count), Positions: [\(positions.map(String.init).joined(separator: ", "))]"
        let question = """
            How many times does the letter '\(target)' occur in the string "\(text)", and at which \
            positions? Number the positions from 1 (the first character is position 1).
            Answer in the form <<<Count: N, Positions: [p1, p2, ...]>>>, for example \
            <<<Count: 2, Positions: [3, 7]>>>; if the letter does not occur, <<<Count: 0, Positions: []>>>.
            """
        return GeneratedItem(question: question, gold: gold, metadata: [
            "word": .string(text), "letter": .string(target), "positions": JSONValue(positions),
        ])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let positions = metadata["positions"]?.intArray else { return .wrong("item metadata is missing positions") }
        // Read "Count: N, Positions: [...]"; the labels are optional, the numbers are not.
        var text = answer.lowercased()
        for label in ["count", "positions", "position", ":", "="] { text = text.replacing(label, with: " ") }
        guard let numbers = SymParse.integers(text), let count = numbers.first else {
            return .wrong("expected 'Count: N, Positions: [...]'")
        }
        let listed = numbers.dropFirst().sorted()  // the set of positions matters, not the listing order
        guard count == positions.count else { return .wrong("the count \(count) is wrong") }
        guard listed == positions else { return .wrong("the positions \(listed) are wrong") }
        return .correct("\(count) occurrences at the right positions")
    }

    public func oracle(metadata: JSONValue) -> String {
        let word = metadata["word"]?.stringValue ?? ""
        let letter = metadata["letter"]?.stringValue ?? ""
        return """
            word = \(SymFormat.pyString(word))
            letter = \(SymFormat.pyString(letter))
            positions = [i + 1 for i, ch in enumerate(word) if ch == letter]
            print(f"Count: {len(positions)}, Positions: {positions}")
            """
    }
}

import Foundation
