// emoji_mystery (Reasoning Gym, games): a sentence hidden after an emoji in
// invisible Unicode variation selectors. Byte b of the sentence's UTF-8 is
// written as U+FE00 + b when b < 16 and as U+E0100 + (b − 16) otherwise. The
// question states the rule; decoding it is a short program. Sentences are
// built from R1CI's own word lists.

public struct EmojiMysteryTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "emoji_mystery", title: "Emoji mystery", source: .reasoningGym, category: "games",
        description: "Decode a sentence hidden in the variation selectors that follow an emoji.",
        knobs: [Knob("words", "words in the hidden sentence")],
        levels: [Level("easy", ["words": 6]), Level("medium", ["words": 9]),
                 Level("hard", ["words": 13]), Level("expert", ["words": 18])],
        defaultLevel: 1)

    static let emoji = ["😀", "🐙", "🌵", "🚲", "🎈", "🍋", "🦉", "🧭", "🎲", "🌙", "🐢", "🔑"]
    static let adjectives = ["quiet", "amber", "brave", "crooked", "distant", "early", "gentle", "hollow", "lucky",
                             "narrow", "patient", "restless", "silver", "tiny", "velvet", "windy"]
    static let nouns = ["lantern", "harbour", "fox", "orchard", "kettle", "violin", "meadow", "comet", "ladder",
                        "island", "pebble", "tram", "glacier", "market", "sparrow", "workshop"]
    static let verbs = ["follows", "hides", "paints", "carries", "watches", "repairs", "remembers", "answers",
                        "visits", "counts", "finds", "greets"]

    static func encode(_ text: String) -> String {
        var out = ""
        for b in text.utf8 {
            let code = b < 16 ? 0xFE00 + UInt32(b) : 0xE0100 + UInt32(b) - 16
            out.unicodeScalars.append(Unicode.Scalar(code)!)
        }
        return out
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let count = level["words"]
        var words: [String] = []
        while words.count < count {
            // "the <adjective> <noun> <verb> the <noun>" chunks, cut to length.
            words += ["the", rng.pick(Self.adjectives), rng.pick(Self.nouns), rng.pick(Self.verbs), "the", rng.pick(Self.nouns)]
        }
        var sentence = words.prefix(count).joined(separator: " ")
        sentence = sentence.prefix(1).uppercased() + sentence.dropFirst()
        let carrier = rng.pick(Self.emoji)
        let question = """
            A sentence is hidden in this emoji: \(carrier)\(Self.encode(sentence))

            After the emoji come invisible variation selectors, one for each byte of the sentence's UTF-8 \
            encoding: byte b is written as the code point U+FE00 + b when b < 16, and as U+E0100 + (b - 16) \
            otherwise. What is the sentence? Give it as your final answer inside <<< and >>>.
            """
        return GeneratedItem(question: question, gold: sentence, metadata: ["sentence": .string(sentence),
                                                                            "carrier": .string(carrier + Self.encode(sentence))])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let sentence = metadata["sentence"]?.stringValue, !sentence.isEmpty else { return .wrong("item metadata has no sentence") }
        let said = answer.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return said == sentence ? .correct("the hidden sentence") : .wrong("the hidden sentence is \"\(sentence)\"")
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        text = \(RGC.py(metadata["carrier"]))
        data = bytearray()
        for ch in text:
            cp = ord(ch)
            if 0xFE00 <= cp <= 0xFE0F:
                data.append(cp - 0xFE00)
            elif 0xE0100 <= cp <= 0xE01EF:
                data.append(cp - 0xE0100 + 16)
        print(data.decode("utf-8"))
        """
    }
}
