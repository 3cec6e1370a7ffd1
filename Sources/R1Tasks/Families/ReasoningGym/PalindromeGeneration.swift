// palindrome_generation (Reasoning Gym, algorithmic): arrange all the given
// letters into a palindrome. Many answers are valid; the verifier checks the
// letters and the palindrome property, never compares with the stored example.

public struct PalindromeGenerationTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "palindrome_generation", title: "Palindrome generation", source: .reasoningGym, category: "algorithmic",
        description: "Use every given letter exactly once to write a palindrome (any valid one scores).",
        knobs: [Knob("length", "number of letters")],
        levels: [Level("easy", ["length": 7]), Level("medium", ["length": 12]),
                 Level("hard", ["length": 19]), Level("expert", ["length": 30])],
        defaultLevel: 1)

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let n = level["length"]
        // Letters are ASCII bytes until the strings are written.
        let pool = rng.sample(Array("abcdefghijklmnopqrstuvwxyz".utf8), count: rng.int(3...6))
        let half = (0..<(n / 2)).map { _ in rng.pick(pool) }
        let middle: [UInt8] = n % 2 == 1 ? [rng.pick(pool)] : []
        let bytes = half + middle + half.reversed()
        let example = String(ascii: bytes)
        let letters = rng.shuffled(bytes).map { String(Character(Unicode.Scalar($0))) }
        let question = """
            Rearrange these \(n) letters into a palindrome (a string that reads the same forwards and \
            backwards), using every letter exactly as many times as it appears here:

            \(letters.joined(separator: ", "))

            Any such palindrome is accepted. Give it as one lowercase string without spaces as your final \
            answer inside <<< and >>>.
            """
        return GeneratedItem(question: question, gold: example, metadata: ["letters": JSONValue(letters)])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let letters = metadata["letters"]?.stringArray else { return .wrong("item metadata has no letters") }
        let s = answer.lowercased().filter { !$0.isWhitespace }
        guard s.allSatisfy({ $0.isLetter && $0.isASCII }) else { return .wrong("the answer must be letters only") }
        guard Array(s).map(String.init).sorted() == letters.sorted() else { return .wrong("the letters are not exactly the given ones") }
        return Array(s) == Array(s).reversed() ? .correct("a palindrome of the letters") : .wrong("not a palindrome")
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        from collections import Counter
        counts = Counter(\(RGGrids.py(metadata["letters"] ?? .null)))
        half = "".join(ch * (k // 2) for ch, k in sorted(counts.items()))
        middle = "".join(ch for ch, k in counts.items() if k % 2)
        print(half + middle + half[::-1])
        """
    }
}
