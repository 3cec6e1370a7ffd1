// caesar_cipher (Reasoning Gym, algorithmic): decrypt a sentence of common
// words whose letters were shifted forward through the alphabet. The shift
// is not given. Scored by exact text, ignoring case and spacing.

public struct CaesarCipherTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "caesar_cipher", title: "Caesar cipher", source: .reasoningGym, category: "algorithmic",
        description: "Decrypt a Caesar-shifted sequence of English words (unknown shift).",
        knobs: [Knob("words", "number of words in the message")],
        levels: [Level("easy", ["words": 4]), Level("medium", ["words": 7]),
                 Level("hard", ["words": 11]), Level("expert", ["words": 16])],
        defaultLevel: 1)

    static func shift(_ text: String, by k: Int) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { s -> Unicode.Scalar in
            guard s.value >= 65 && s.value <= 90 else { return s }
            return Unicode.Scalar(65 + (s.value - 65 + UInt32(((k % 26) + 26) % 26)) % 26)!
        }))
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let words = (0..<level["words"]).map { _ in rng.pick(WordSortingTask.lexicon) }
        let plain = words.joined(separator: " ").uppercased()
        let k = rng.int(1...25)
        // `shift(plain, by: k)` over the ASCII bytes of the plain text.
        let cipher = String(ascii: plain.utf8.map { byte -> UInt8 in
            guard byte >= 65 && byte <= 90 else { return byte }
            return 65 + UInt8((Int(byte) - 65 + k) % 26)
        })
        let question = """
            The message below was encrypted with a Caesar cipher: every letter was shifted forward by the \
            same unknown number of places in the alphabet (wrapping from Z back to A); spaces were kept.

            \(cipher)

            Decrypt it. Give the plain text, in capital letters with single spaces between words, as your \
            final answer inside <<< and >>>.
            """
        return GeneratedItem(question: question, gold: plain, metadata: ["cipher": .string(cipher), "shift": .int(k), "plain": .string(plain)])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let plain = metadata["plain"]?.stringValue else { return .wrong("item metadata has no text") }
        let said = BBH.tidy(answer).uppercased()
        return said == plain ? .correct("decrypted") : .wrong("the decryption is not right")
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        cipher = \(RGGrids.py(metadata["cipher"] ?? .null))
        k = \(metadata["shift"]?.intValue ?? 0)
        print("".join(chr((ord(ch) - 65 - k) % 26 + 65) if ch.isalpha() else ch for ch in cipher))
        """
    }
}
