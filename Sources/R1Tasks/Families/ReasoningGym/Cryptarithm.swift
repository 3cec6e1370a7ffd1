// cryptarithm (Reasoning Gym, algorithmic): an addition of words where each
// letter stands for a digit. Any assignment that makes the sum true is
// accepted (distinct letters get distinct digits, no word of two or more
// letters starts with 0), not only the one the generator started from.

public struct CryptarithmTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "cryptarithm", title: "Cryptarithm", source: .reasoningGym, category: "algorithmic",
        description: "Find digits for the letters of a word addition (any valid assignment is accepted).",
        knobs: [Knob("addends", "words added together"), Knob("digits", "letters in each added word")],
        levels: [Level("easy", ["addends": 2, "digits": 3]), Level("medium", ["addends": 2, "digits": 4]),
                 Level("hard", ["addends": 3, "digits": 4]), Level("expert", ["addends": 4, "digits": 5])],
        defaultLevel: 1)

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let letters = rng.sample(Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8), count: 10)  // letters[d] stands for digit d
        let numbers = (0..<level["addends"]).map { _ in RG.number(digits: level["digits"], rng: &rng) }
        let sum = numbers.reduce(0, +)
        func spell(_ n: Int) -> String { String(ascii: String(n).utf8.map { letters[Int($0 - 48)] }) }
        let words = numbers.map(spell), result = spell(sum)
        let used = Set((words + [result]).joined().utf8)
        let gold = (0..<10).filter { used.contains(letters[$0]) }.sorted { letters[$0] < letters[$1] }
            .map { "\(String(ascii: [letters[$0]]))=\($0)" }.joined(separator: ", ")
        let question = """
            In this addition every letter stands for a different digit (the same letter always for the same \
            digit), and no word starts with the digit 0:

            \(words.joined(separator: " + ")) = \(result)

            Find digits for the letters. Give your final answer inside <<< and >>> as letter=digit pairs \
            separated by commas, one for every letter, e.g. <<<A=1, B=2, C=3>>>. Any assignment that makes \
            the addition true is accepted.
            """
        return GeneratedItem(question: question, gold: gold, metadata: ["addends": JSONValue(words), "result": .string(result)])
    }

    /// Letter → digit from "A=1, B=2" (also "A: 1"); nil on anything else or a letter given twice.
    static func parseAssignment(_ answer: String) -> [Character: Int]? {
        var out: [Character: Int] = [:]
        for pair in answer.split(whereSeparator: { $0 == "," || $0 == ";" || $0.isNewline }) {
            let sides = pair.split(whereSeparator: { $0 == "=" || $0 == ":" }).map { $0.trimmed() }
            guard sides.count == 2, sides[0].count == 1, let letter = sides[0].uppercased().first, letter.isLetter,
                  sides[1].count == 1, let digit = Int(sides[1]), out[letter] == nil else { return nil }
            out[letter] = digit
        }
        return out
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let words = metadata["addends"]?.stringArray, let result = metadata["result"]?.stringValue,
              !words.isEmpty, !result.isEmpty, result.count <= 18 else { return .wrong("item metadata has no puzzle") }
        guard let map = CryptarithmTask.parseAssignment(answer) else { return .wrong("the answer is not letter=digit pairs") }
        let letters = Set((words + [result]).joined())
        guard Set(map.keys) == letters else { return .wrong("give a digit for exactly the letters \(String(letters.sorted()))") }
        guard Set(map.values).count == map.count else { return .wrong("two letters have the same digit") }
        func value(_ w: String) -> Int { w.reduce(0) { $0 * 10 + map[$1]! } }
        for w in words + [result] where w.count > 1 && map[w.first!] == 0 {
            return .wrong("\(w) starts with 0")
        }
        return words.map(value).reduce(0, +) == value(result) ? .correct("the addition holds") : .wrong("the addition does not hold")
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        words = \(RGGrids.py(metadata["addends"] ?? .null))
        result = \(RGGrids.py(metadata["result"] ?? .null))
        leading = {w[0] for w in words + [result] if len(w) > 1}
        width = max(len(w) for w in words + [result])
        # Column by column from the right, assigning the column's new letters, checking its digit.
        def solve(col, carry, digit_of):
            if col == width:
                return digit_of if carry == 0 else None
            column = [w[-1 - col] for w in words if col < len(w)]
            target = result[-1 - col] if col < len(result) else None
            todo = [c for c in dict.fromkeys(column + ([target] if target else [])) if c not in digit_of]
            def assign(k):
                if k == len(todo):
                    total = carry + sum(digit_of[c] for c in column)
                    if target is None:
                        return solve(col + 1, total // 10, digit_of) if total % 10 == 0 else None
                    if total % 10 != digit_of[target]:
                        return None
                    return solve(col + 1, total // 10, digit_of)
                used = set(digit_of.values())
                for d in range(10):
                    if d in used or (d == 0 and todo[k] in leading):
                        continue
                    digit_of[todo[k]] = d
                    found = assign(k + 1)
                    if found:
                        return found
                    del digit_of[todo[k]]
                return None
            return assign(0)
        found = solve(0, 0, {})
        print(", ".join(f"{c}={d}" for c, d in sorted(found.items())))
        """
    }
}
