// run_length_encoding (R1CI, algorithmic): compress a string by writing each
// run of equal letters as its length followed by the letter ("aaab" → "3a1b"),
// or, in the other direction, expand such a code back into the string.

public struct RunLengthEncodingTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "run_length_encoding", title: "Run-length encoding", source: .r1ci, category: "algorithmic",
        description: "Encode a string as run lengths and letters, or decode such a code.",
        knobs: [Knob("runs", "runs of equal letters"), Knob("max_run", "longest run")],
        levels: [Level("easy", ["runs": 5, "max_run": 4]), Level("medium", ["runs": 9, "max_run": 7]),
                 Level("hard", ["runs": 15, "max_run": 12]), Level("expert", ["runs": 25, "max_run": 20])],
        defaultLevel: 1)

    static func encode(_ s: String) -> String {
        var out = "", previous: Character? = nil, count = 0
        for ch in s {
            if ch == previous { count += 1; continue }
            if let p = previous { out += "\(count)\(p)" }
            previous = ch
            count = 1
        }
        if let p = previous { out += "\(count)\(p)" }
        return out
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let letters = Array("abcdefghijklmnopqrstuvwxyz".utf8)
        var bytes: [UInt8] = []
        var last: UInt8 = 0
        for _ in 0..<level["runs"] {
            var letter = rng.pick(letters)
            while letter == last { letter = rng.pick(letters) }
            bytes += [UInt8](repeating: letter, count: rng.int(1...level["max_run"]))
            last = letter
        }
        let plain = String(ascii: bytes), code = RunLengthEncodingTask.encode(plain)
        let encoding = rng.chance(0.5)
        let rule = "Run-length encoding writes each run of equal letters as the run's length followed by the letter, " +
            "e.g. \"aaabcc\" is \"3a1b2c\" (a single letter gets a 1)."
        let question = encoding ? """
            \(rule)

            Encode: \(plain)

            Give the code inside <<< and >>>, e.g. <<<3a1b2c>>>.
            """ : """
            \(rule)

            Decode: \(code)

            Give the decoded string inside <<< and >>>, e.g. <<<aaabcc>>>.
            """
        return GeneratedItem(question: question, gold: encoding ? code : plain,
                             metadata: ["plain": .string(plain), "code": .string(code), "encode": .bool(encoding)])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let plain = metadata["plain"]?.stringValue, !plain.isEmpty, let encoding = metadata["encode"]?.boolValue else {
            return .wrong("item metadata has no string")
        }
        let expected = encoding ? RunLengthEncodingTask.encode(plain) : plain
        let got = answer.filter { !$0.isWhitespace }.lowercased()
        return got == expected ? .correct(expected) : .wrong("the answer is \(expected)")
    }

    public func oracle(metadata: JSONValue) -> String {
        if metadata["encode"]?.boolValue ?? true {
            return """
            from itertools import groupby
            plain = \(RGGrids.py(metadata["plain"] ?? .null))
            print("".join(f"{len(list(g))}{k}" for k, g in groupby(plain)))
            """
        }
        return """
        import re
        code = \(RGGrids.py(metadata["code"] ?? .null))
        print("".join(c * int(n) for n, c in re.findall(r"(\\d+)([a-z])", code)))
        """
    }
}
