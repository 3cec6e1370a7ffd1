// edit_distance (R1CI, algorithmic): the Levenshtein distance between two
// strings (fewest single-letter insertions, deletions and substitutions). The
// second string is the first after a few random edits, so distances stay small.

public struct EditDistanceTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "edit_distance", title: "Edit distance", source: .r1ci, category: "algorithmic",
        description: "Fewest insertions, deletions and substitutions that turn one string into another.",
        knobs: [Knob("length", "length of the first string"), Knob("edits", "random edits applied to make the second")],
        levels: [Level("easy", ["length": 6, "edits": 2]), Level("medium", ["length": 10, "edits": 4]),
                 Level("hard", ["length": 16, "edits": 7]), Level("expert", ["length": 28, "edits": 12])],
        defaultLevel: 1)

    /// Levenshtein distance by the two-row dynamic programme.
    static func distance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        guard !a.isEmpty else { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var row = [i] + [Int](repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = row
        }
        return previous[b.count]
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let alphabet = Array("abcdefgh".utf8)
        let a = (0..<level["length"]).map { _ in rng.pick(alphabet) }
        var b = a
        for _ in 0..<level["edits"] {
            switch rng.int(0..<3) {
            case 0 where b.count > 1: b.remove(at: rng.int(0..<b.count))
            case 1: b.insert(rng.pick(alphabet), at: rng.int(0...b.count))
            default: b[rng.int(0..<b.count)] = rng.pick(alphabet)
            }
        }
        let d = EditDistanceTask.distance(a, b)
        let (s, t) = (String(ascii: a), String(ascii: b))
        let question = """
            One edit inserts a letter, deletes a letter or replaces a letter by another. What is the smallest \
            number of edits that turns "\(s)" into "\(t)"?

            Give the number inside <<< and >>>, e.g. <<<3>>>.
            """
        return GeneratedItem(question: question, gold: String(d), metadata: ["source": .string(s), "target": .string(t), "answer": .int(d)])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        RG.verifyInteger(answer: answer, metadata: metadata)
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        from functools import lru_cache
        s, t = \(RGGrids.py(metadata["source"] ?? .null)), \(RGGrids.py(metadata["target"] ?? .null))
        @lru_cache(maxsize=None)
        def d(i, j):
            if i == 0 or j == 0:
                return i + j
            return min(d(i - 1, j) + 1, d(i, j - 1) + 1, d(i - 1, j - 1) + (s[i - 1] != t[j - 1]))
        print(d(len(s), len(t)))
        """
    }
}
