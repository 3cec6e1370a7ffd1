// palindrome_partitioning (Reasoning Gym, algorithmic): every way to cut a
// string into pieces that are all palindromes. The verifier compares sets: the
// partitions may come in any order, but each must appear exactly once.
//
// Strings are built from short random palindromes (so many cuts exist) and are
// redrawn when they have more than 300 partitions.

public struct PalindromePartitioningTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "palindrome_partitioning", title: "Palindrome partitioning", source: .reasoningGym, category: "algorithmic",
        description: "List all partitions of a string into palindromic substrings (any order).",
        knobs: [Knob("length", "length of the string")],
        levels: [Level("easy", ["length": 6]), Level("medium", ["length": 7]),
                 Level("hard", ["length": 10]), Level("expert", ["length": 13])],
        defaultLevel: 1)

    static let maxPartitions = 300

    static func isPalindrome(_ s: ArraySlice<UInt8>) -> Bool { s.elementsEqual(s.reversed()) }

    /// All partitions, each a list of pieces, in depth-first order (shortest first piece first).
    static func partitions(_ s: [UInt8], limit: Int = .max) -> [[String]] {
        var out: [[String]] = []
        var current: [String] = []
        func walk(_ start: Int) {
            if out.count > limit { return }
            if start == s.count { out.append(current); return }
            for end in (start + 1)...s.count where isPalindrome(s[start..<end]) {
                current.append(String(ascii: Array(s[start..<end])))
                walk(end)
                current.removeLast()
            }
        }
        walk(0)
        return out
    }

    /// How many partitions `s` has, by dynamic programming over prefixes (no enumeration).
    static func count(_ s: [UInt8]) -> Int {
        var ways = [Int](repeating: 0, count: s.count + 1)
        ways[0] = 1
        for end in stride(from: 1, through: s.count, by: 1) {
            for start in 0..<end where isPalindrome(s[start..<end]) { ways[end] += ways[start] }
        }
        return ways[s.count]
    }

    static func json(_ parts: [[String]]) -> String {
        "[" + parts.map { "[" + $0.map { "\"\($0)\"" }.joined(separator: ", ") + "]" }.joined(separator: ", ") + "]"
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let n = level["length"]
        let letters = Array("abcdefghijklmnopqrstuvwxyz".utf8)
        var s: [UInt8] = []
        var parts: [[String]] = []
        repeat {
            let alphabet = rng.sample(letters, count: rng.int(3...6))
            s = []
            while s.count < n {
                let half = (0..<rng.int(1...2)).map { _ in rng.pick(alphabet) }
                let piece = rng.chance(0.5) ? half + half.reversed() : half + [rng.pick(alphabet)] + half.reversed()
                s += rng.chance(0.4) ? [rng.pick(alphabet)] : piece
            }
            s = Array(s.prefix(n))
            parts = PalindromePartitioningTask.partitions(s, limit: PalindromePartitioningTask.maxPartitions)
        } while parts.count > PalindromePartitioningTask.maxPartitions
        let text = String(ascii: s)
        let question = """
            Split the string "\(text)" into pieces so that every piece is a palindrome (reads the same \
            forwards and backwards; a single letter is a palindrome). List every such partition.

            Give your final answer inside <<< and >>> as a JSON list of partitions, each a list of \
            strings, e.g. <<<[["a", "b", "a"], ["aba"]]>>> for "aba". The partitions may be in any order.
            """
        return GeneratedItem(question: question, gold: PalindromePartitioningTask.json(parts), metadata: ["string": .string(text)])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let s = metadata["string"]?.stringValue, !s.isEmpty, s.utf8.count <= 20 else {
            return .wrong("item metadata has no string")
        }
        guard let outer = JSONValue.parse(answer)?.arrayValue else { return .wrong("the answer is not a JSON list") }
        var got: [[String]] = []
        for item in outer {
            guard let pieces = item.stringArray else { return .wrong("each partition must be a list of strings") }
            got.append(pieces)
        }
        // Every listed partition valid, none twice, and as many as there are: then all are listed.
        for pieces in got {
            guard pieces.joined() == s else { return .wrong("\(pieces) does not spell \(s)") }
            guard pieces.allSatisfy({ !$0.isEmpty && PalindromePartitioningTask.isPalindrome(ArraySlice($0.utf8)) }) else {
                return .wrong("\(pieces) has a piece that is not a palindrome")
            }
        }
        guard Set(got.map { $0.joined(separator: "|") }).count == got.count else { return .wrong("a partition is listed twice") }
        let expected = PalindromePartitioningTask.count(Array(s.utf8))
        return got.count == expected ? .correct("all \(expected) partitions") : .wrong("there are \(expected) partitions, not \(got.count)")
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        import json
        s = \(RGGrids.py(metadata["string"] ?? .null))
        def parts(i):
            if i == len(s):
                return [[]]
            return [[s[i:j]] + rest for j in range(i + 1, len(s) + 1) if s[i:j] == s[i:j][::-1] for rest in parts(j)]
        print(json.dumps(parts(0)))
        """
    }
}
