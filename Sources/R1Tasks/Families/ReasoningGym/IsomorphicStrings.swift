// isomorphic_strings (Reasoning Gym, algorithmic): can the characters of s be
// replaced (consistently, and no two by the same character) to give t?
// Balanced labels; "False" items differ from an isomorphic pair in one place.

public struct IsomorphicStringsTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "isomorphic_strings", title: "Isomorphic strings", source: .reasoningGym, category: "algorithmic",
        description: "Decide whether two strings are isomorphic (a one-to-one character mapping turns one into the other).",
        knobs: [Knob("length", "length of each string"), Knob("alphabet", "distinct letters the first string is drawn from")],
        levels: [Level("easy", ["length": 6, "alphabet": 4]), Level("medium", ["length": 12, "alphabet": 6]),
                 Level("hard", ["length": 20, "alphabet": 8]), Level("expert", ["length": 32, "alphabet": 12])],
        defaultLevel: 1)

    /// The same test over ASCII bytes, with lookup tables instead of dictionaries.
    static func isomorphic(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var f = [Int16](repeating: -1, count: 128), g = [Int16](repeating: -1, count: 128)
        for (x, y) in zip(a, b) {
            let (x, y) = (Int(x), Int(y))
            if f[x] >= 0, f[x] != Int16(y) { return false }
            if g[y] >= 0, g[y] != Int16(x) { return false }
            f[x] = Int16(y); g[y] = Int16(x)
        }
        return true
    }

    static func isomorphic(_ s: String, _ t: String) -> Bool {
        let a = Array(s), b = Array(t)
        guard a.count == b.count else { return false }
        var f: [Character: Character] = [:], g: [Character: Character] = [:]
        for (x, y) in zip(a, b) {
            if let m = f[x], m != y { return false }
            if let m = g[y], m != x { return false }
            f[x] = y; g[y] = x
        }
        return true
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        // Lowercase ASCII letters as bytes; `code` maps a letter to its image.
        let letters = Array("abcdefghijklmnopqrstuvwxyz".utf8)
        let n = level["length"], k = level["alphabet"]
        let want = rng.chance(0.5)
        var s = "", t = ""
        for attempt in 1... {
            let source = rng.sample(letters, count: k)
            let chars = (0..<n).map { _ in rng.pick(source) }
            let image = rng.sample(letters, count: k)
            var code = [UInt8](repeating: 0, count: 128)
            for (x, y) in zip(source, image) { code[Int(x)] = y }
            var out = chars.map { code[Int($0)] }
            if !want {
                let i = rng.int(0..<n)
                out[i] = rng.chance(0.5) ? rng.pick(out) : rng.pick(letters)
            }
            if IsomorphicStringsTask.isomorphic(chars, out) == want {
                s = String(ascii: chars); t = String(ascii: out)
                break
            }
            precondition(attempt < 1000, "isomorphic_strings: label not reached")
        }
        let question = """
            Two strings are isomorphic when the characters of the first can be replaced to get the second, \
            with every occurrence of a character replaced by the same character and no two different \
            characters replaced by the same one (a character may map to itself).

            s = "\(s)"
            t = "\(t)"

            Are s and t isomorphic? Answer <<<True>>> or <<<False>>>.
            """
        return GeneratedItem(question: question, gold: want ? "True" : "False",
                             metadata: ["s": .string(s), "t": .string(t), "isomorphic": .bool(want)])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let label = metadata["isomorphic"]?.boolValue else { return .wrong("item metadata has no label") }
        return BBH.verifyBinary(answer: answer, expected: label, trueWord: "True", falseWord: "False")
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        s, t = \(RGGrids.py(metadata["s"] ?? .null)), \(RGGrids.py(metadata["t"] ?? .null))
        print(len(set(s)) == len(set(t)) == len(set(zip(s, t))))
        """
    }
}
