// ransom_note (Reasoning Gym, algorithmic): can a note be written with the
// letters of a magazine, each letter used at most once? Balanced labels; a
// "False" note is one letter short somewhere.

public struct RansomNoteTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "ransom_note", title: "Ransom note", source: .reasoningGym, category: "algorithmic",
        description: "Decide whether a note can be built from a magazine's letters (each used at most once).",
        knobs: [Knob("note", "letters in the note"), Knob("magazine", "letters in the magazine")],
        levels: [Level("easy", ["note": 6, "magazine": 14]), Level("medium", ["note": 12, "magazine": 30]),
                 Level("hard", ["note": 30, "magazine": 60]), Level("expert", ["note": 80, "magazine": 150])],
        defaultLevel: 1)

    static func buildable(note: String, magazine: String) -> Bool {
        var stock = [Int](repeating: 0, count: 256)
        for b in magazine.utf8 { stock[Int(b)] += 1 }
        for b in note.utf8 {
            stock[Int(b)] -= 1
            if stock[Int(b)] < 0 { return false }
        }
        return true
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let alphabet = rng.sample(Array("abcdefghijklmnopqrstuvwxyz".utf8), count: rng.int(8...14))
        let magazine = (0..<level["magazine"]).map { _ in rng.pick(alphabet) }
        var note = Array(rng.shuffled(magazine).prefix(level["note"]))
        let want = rng.chance(0.5)
        if !want {
            // Replace one note letter by a letter the note would then need once more than the magazine holds.
            var counts = [Int](repeating: 0, count: 256)
            for b in magazine { counts[Int(b)] += 1 }
            var noteCounts = [Int](repeating: 0, count: 256)
            for b in note { noteCounts[Int(b)] += 1 }
            let i = rng.int(0..<note.count)
            noteCounts[Int(note[i])] -= 1
            let short = Array("abcdefghijklmnopqrstuvwxyz".utf8).filter { noteCounts[Int($0)] + 1 > counts[Int($0)] }
            note[i] = rng.pick(short)
        }
        let (n, m) = (String(ascii: note), String(ascii: magazine))
        precondition(RansomNoteTask.buildable(note: n, magazine: m) == want)
        let question = """
            A note must be made by cutting letters out of a magazine; each letter of the magazine can be \
            used at most once.

            note: "\(n)"
            magazine: "\(m)"

            Can the note be made from the magazine? Answer <<<True>>> or <<<False>>>.
            """
        return GeneratedItem(question: question, gold: want ? "True" : "False",
                             metadata: ["note": .string(n), "magazine": .string(m), "buildable": .bool(want)])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let label = metadata["buildable"]?.boolValue else { return .wrong("item metadata has no label") }
        return BBH.verifyBinary(answer: answer, expected: label, trueWord: "True", falseWord: "False")
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        from collections import Counter
        note, magazine = \(RGGrids.py(metadata["note"] ?? .null)), \(RGGrids.py(metadata["magazine"] ?? .null))
        print(not (Counter(note) - Counter(magazine)))
        """
    }
}
