// Cryptanalysis (SymBench): deduce a secret code of distinct digits followed by
// distinct letters from guesses and their feedback, Mastermind style. The
// generator picks informative guesses until exactly one code fits all the
// feedback, so the answer is unique and compared exactly.

public struct CryptanalysisTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "cryptanalysis",
        title: "Cryptanalysis",
        source: .symbench,
        category: "logic",
        description: "Deduce a secret code of digits and letters from guesses with Mastermind-style feedback.",
        knobs: [
            Knob("digits", "distinct digits at the start of the code"),
            Knob("letters", "distinct letters at the end of the code"),
            Knob("alphabet", "letters come from the first this many letters of the alphabet"),
            Knob("hints", "1: feedback also says how many wrong symbols are too large or too small"),
        ],
        levels: [
            Level("easy", ["digits": 2, "letters": 1, "alphabet": 8, "hints": 1]),
            Level("medium", ["digits": 2, "letters": 2, "alphabet": 10, "hints": 1]),
            Level("hard", ["digits": 3, "letters": 2, "alphabet": 12, "hints": 1]),
            Level("expert", ["digits": 3, "letters": 3, "alphabet": 12, "hints": 0]),
        ],
        defaultLevel: 1
    )

    /// (right place, wrong place, too large, too small): a wrong symbol is one not in the code;
    /// it is too large when above every symbol of the code, too small when below every one.
    static func feedback(_ guess: [Int], _ code: [Int], hints: Bool) -> [Int] {
        let f = feedbackCode(guess, code, hints: hints)
        return [f / 1000, f / 100 % 10, f / 10 % 10, f % 10]
    }

    /// The feedback packed as one number (exact·1000 + misplaced·100 + large·10 + small): no allocation.
    static func feedbackCode(_ guess: [Int], _ code: [Int], hints: Bool) -> Int {
        var exact = 0, misplaced = 0, large = 0, small = 0
        var high = code[0], low = code[0]
        for v in code { if v > high { high = v }; if v < low { low = v } }
        for i in 0..<guess.count {
            let g = guess[i]
            if code[i] == g { exact += 1; continue }
            var inCode = false
            for v in code where v == g { inCode = true; break }
            if inCode { misplaced += 1 } else if hints {
                if g > high { large += 1 } else if g < low { small += 1 }
            }
        }
        return exact * 1000 + misplaced * 100 + large * 10 + small
    }

    /// How many candidates give the same feedback to `guess` as the secret does.
    static func consistent(_ guess: [Int], _ secret: [Int], _ candidates: [[Int]], hints: Bool) -> Int {
        let target = feedbackCode(guess, secret, hints: hints)
        var n = 0
        for c in candidates where feedbackCode(guess, c, hints: hints) == target { n += 1 }
        return n
    }

    /// Ordered selections of `k` distinct values from `pool`.
    static func arrangements(_ pool: [Int], _ k: Int) -> [[Int]] {
        if k == 0 { return [[]] }
        var out: [[Int]] = []
        for v in pool { for rest in arrangements(pool.filter { $0 != v }, k - 1) { out.append([v] + rest) } }
        return out
    }

    static func describe(_ f: [Int], kind: String, hints: Bool) -> String {
        func count(_ n: Int) -> String { n == 1 ? "one \(kind)" : "\(n) \(kind)s" }
        var parts = ["\(count(f[0])) correct and in the right place", "\(count(f[1])) correct but in the wrong place"]
        if hints { parts.append("\(count(f[2])) wrong and too large"); parts.append("\(count(f[3])) wrong and too small") }
        return parts.joined(separator: "; ")
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let d = level["digits"], l = level["letters"], hints = level["hints"] == 1
        let digitPool = Array(0...9), letterPool = Array(0..<level["alphabet"])
        let allDigits = Self.arrangements(digitPool, d), allLetters = Self.arrangements(letterPool, l)
        while true {
            let secretD = rng.sample(digitPool, count: d), secretL = rng.sample(letterPool, count: l)
            var candD = allDigits, candL = allLetters
            var guesses: [([Int], [Int])] = []
            while (candD.count > 1 || candL.count > 1) && guesses.count < 14 {
                // The most informative of a few random guesses; a solved part keeps its candidates.
                var best: ([Int], [Int], Int)? = nil
                for _ in 0..<3 {
                    let gd = rng.sample(digitPool, count: d), gl = rng.sample(letterPool, count: l)
                    let nd = candD.count == 1 ? 1 : Self.consistent(gd, secretD, candD, hints: hints)
                    let nl = candL.count == 1 ? 1 : Self.consistent(gl, secretL, candL, hints: hints)
                    if best == nil || nd * nl < best!.2 { best = (gd, gl, nd * nl) }
                }
                guard let (gd, gl, remaining) = best, remaining < candD.count * candL.count else { continue }
                guesses.append((gd, gl))
                let fd = Self.feedbackCode(gd, secretD, hints: hints), fl = Self.feedbackCode(gl, secretL, hints: hints)
                if candD.count > 1 { candD = candD.filter { Self.feedbackCode(gd, $0, hints: hints) == fd } }
                if candL.count > 1 { candL = candL.filter { Self.feedbackCode(gl, $0, hints: hints) == fl } }
            }
            guard candD.count == 1, candL.count == 1 else { continue }
            func letter(_ v: Int) -> String { String(UnicodeScalar(UInt8(65 + v))) }
            func show(_ gd: [Int], _ gl: [Int]) -> String { (gd.map(String.init) + gl.map(letter)).joined(separator: " ") }
            let lines = guesses.enumerated().map { i, g in
                "Guess \(i + 1): \(show(g.0, g.1)). Digits: \(Self.describe(Self.feedback(g.0, secretD, hints: hints), kind: "digit", hints: hints)). "
                    + "Letters: \(Self.describe(Self.feedback(g.1, secretL, hints: hints), kind: "letter", hints: hints))."
            }.joined(separator: "\n")
            let hintRule = hints ? " A wrong symbol (one that is not in the code at all) is called too large when it is larger than "
                + "every symbol of its kind in the code and too small when it is smaller than all of them (letters compare in "
                + "alphabetical order); a wrong symbol between them is neither." : ""
            let code = secretD.map(String.init) + secretL.map(letter)
            let question = """
                A secret code has \(d) different digits (0-9) followed by \(l) different letter\(l == 1 ? "" : "s") \
                (from A to \(letter(level["alphabet"] - 1))). Each guess below has the same shape, and the feedback \
                compares its digits with the code's digits and its letters with the code's letters.\(hintRule)
                \(lines)

                What is the code? Give its \(d + l) symbols in order, in the form \
                <<<[\((0..<(d + l)).map { $0 < d ? "\"\($0 + 1)\"" : "\"\(letter($0 - d))\"" }.joined(separator: ", "))]>>>.
                """
            return GeneratedItem(question: question,
                                 gold: "[" + code.map { "\"\($0)\"" }.joined(separator: ", ") + "]", metadata: [
                "code": JSONValue(code), "hints": .bool(hints),
                "guesses": .array(guesses.map { JSONValue($0.0.map(String.init) + $0.1.map(letter)) }),
                "digits": .int(d), "alphabet": .int(level["alphabet"]),
            ])
        }
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let code = metadata["code"]?.stringArray, !code.isEmpty else { return .wrong("item metadata is missing the code") }
        guard let given = SymParse.cells(answer.uppercased(), count: code.count) else {
            return .wrong("expected \(code.count) symbols")
        }
        let wrong = zip(given, code).filter { $0.0 != $0.1 }.count
        return wrong == 0 ? .correct("the code is right") : .wrong("\(wrong) symbols are wrong")
    }

    public func oracle(metadata: JSONValue) -> String {
        let code = metadata["code"]?.stringArray ?? []
        let d = metadata["digits"]?.intValue ?? 0
        let hints = metadata["hints"]?.boolValue ?? false
        let alphabet = metadata["alphabet"]?.intValue ?? 26
        let guesses = (metadata["guesses"]?.arrayValue ?? []).compactMap(\.stringArray)
        // The oracle re-derives the feedback from the question's guesses and searches every code.
        return """
            from itertools import permutations
            d, hints = \(d), \(hints ? "True" : "False")
            guesses = [\(guesses.map(SymFormat.pyStrings).joined(separator: ", "))]
            feedback = [\(guesses.map { "[" + Self.pyFeedback($0, code, d: d, hints: hints) + "]" }.joined(separator: ", "))]

            def score(guess, code):
                out = [0, 0, 0, 0]
                for g, c in zip(guess, code):
                    if g == c: out[0] += 1
                    elif g in code: out[1] += 1
                    elif hints and g > max(code): out[2] += 1
                    elif hints and g < min(code): out[3] += 1
                return out

            letters = [chr(65 + i) for i in range(\(alphabet))]
            for digits in permutations("0123456789", d):
                if all(score(g[:d], digits) == f[0] for g, f in zip(guesses, feedback)):
                    break
            for word in permutations(letters, len(guesses[0]) - d):
                if all(score(g[d:], word) == f[1] for g, f in zip(guesses, feedback)):
                    break
            print(list(digits) + list(word))
            """
    }

    static func pyFeedback(_ guess: [String], _ code: [String], d: Int, hints: Bool) -> String {
        func values(_ s: [String]) -> [Int] { s.map { Int($0) ?? Int($0.unicodeScalars.first!.value) } }
        let g = values(guess), c = values(code)
        return "\(feedback(Array(g[..<d]), Array(c[..<d]), hints: hints)), \(feedback(Array(g[d...]), Array(c[d...]), hints: hints))"
    }
}
