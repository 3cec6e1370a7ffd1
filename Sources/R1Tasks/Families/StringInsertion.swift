// String insertion (SymBench): a set of rules "after the pattern P, insert the
// letter x", applied in one left-to-right pass over a string of letters A–E.
//
// The pass, exactly as the question states it: read the original string from
// left to right and copy each letter to the output; whenever the letters read
// so far end with a rule's pattern, write that rule's letter right after the
// copied letter. Matching looks only at the original string (inserted letters
// never take part in a match), matches may overlap, and since the patterns are
// distinct and of one length, at most one rule fires at any position.
// The answer is exact, so the verifier compares strings.

public struct StringInsertionTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "string_insertion",
        title: "String insertion",
        source: .symbench,
        category: "string",
        description: "Apply pattern-triggered letter insertions to a string in one left-to-right pass "
            + "and give the resulting string.",
        knobs: [
            Knob("length", "length of the input string"),
            Knob("rules", "number of insertion rules"),
            Knob("pattern_length", "length of every rule's pattern"),
        ],
        levels: [
            Level("easy", ["length": 12, "rules": 3, "pattern_length": 3]),
            Level("medium", ["length": 20, "rules": 4, "pattern_length": 4]),
            Level("hard", ["length": 40, "rules": 5, "pattern_length": 4]),
            Level("expert", ["length": 80, "rules": 6, "pattern_length": 5]),
        ],
        defaultLevel: 1
    )

    static let alphabet = Array("ABCDE".utf8)

    /// Letters are ASCII bytes.
    struct Rule {
        let pattern: [UInt8]
        let insert: UInt8
    }

    /// The result of the single pass described in the file comment.
    static func apply(_ rules: [Rule], to text: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count * 2)
        for i in text.indices {
            out.append(text[i])
            for rule in rules where i + 1 >= rule.pattern.count {
                if text[(i + 1 - rule.pattern.count)...i].elementsEqual(rule.pattern) {
                    out.append(rule.insert)
                    break
                }
            }
        }
        return out
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let patternLength = max(2, level["pattern_length"])
        let length = max(level["length"], patternLength)
        let ruleCount = max(1, level["rules"])
        var rules: [Rule] = []
        while rules.count < ruleCount {
            let pattern = (0..<patternLength).map { _ in rng.pick(StringInsertionTask.alphabet) }
            if rules.contains(where: { $0.pattern == pattern }) { continue }  // 5^L patterns: ends quickly
            rules.append(Rule(pattern: pattern, insert: rng.pick(StringInsertionTask.alphabet)))
        }
        // Random letters with rule patterns planted now and then, so that rules fire.
        var text: [UInt8] = []
        while text.count < length {
            if rng.chance(0.3) { text += rng.pick(rules).pattern } else { text.append(rng.pick(StringInsertionTask.alphabet)) }
        }
        text = Array(text.prefix(length))
        var result = StringInsertionTask.apply(rules, to: text)
        if result.count == text.count {  // no rule fired: plant one pattern
            let rule = rng.pick(rules)
            let at = rng.int(0...(length - patternLength))
            text.replaceSubrange(at..<(at + patternLength), with: rule.pattern)
            result = StringInsertionTask.apply(rules, to: text)
        }
        let ruleText = rules.enumerated().map { i, rule in
            "\(i + 1). After every occurrence of \(String(ascii: rule.pattern)), insert \(String(ascii: [rule.insert]))."
        }.joined(separator: "\n")
        let textString = String(ascii: text), resultString = String(ascii: result)
        let question = """
            Transform the string \(textString) with these insertion rules:
            \(ruleText)

            Apply them in a single pass from left to right: copy the letters of the original string one \
            by one, and whenever the letters copied so far end with one of the patterns, write that \
            rule's letter immediately after them. Patterns are looked for in the original string only \
            (inserted letters never count towards a match), and overlapping occurrences each trigger \
            their own insertion.

            Give the resulting string as your final answer inside <<< and >>>, for example <<<ABCDE>>>.
            """
        return GeneratedItem(
            question: question, gold: resultString,
            metadata: [
                "string": .string(textString),
                "rules": .array(rules.map { ["pattern": .string(String(ascii: $0.pattern)), "insert": .string(String(ascii: [$0.insert]))] }),
                "answer": .string(resultString),
            ])
    }

    /// Exact comparison with the stored result, after removing whitespace and
    /// ignoring letter case ("abc de" reads as "ABCDE"). Nothing else is accepted.
    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let expected = metadata["answer"]?.stringValue else { return .wrong("item metadata has no answer") }
        let given = String(answer.filter { !$0.isWhitespace }).uppercased()
        if given.isEmpty { return .wrong("empty answer") }
        if given == expected { return .correct("the transformed string is right") }
        if given.count != expected.count {
            return .wrong("the answer has \(given.count) letters; the result has \(expected.count)")
        }
        return .wrong("the answer differs from the result")
    }

    public func oracle(metadata: JSONValue) -> String {
        let text = metadata["string"]?.stringValue ?? ""
        let rules = (metadata["rules"]?.arrayValue ?? []).map {
            "(\"\($0["pattern"]?.stringValue ?? "")\", \"\($0["insert"]?.stringValue ?? "")\")"
        }
        return """
            text = "\(text)"
            rules = [\(rules.joined(separator: ", "))]  # (pattern, letter to insert after it)

            out = []
            for i, ch in enumerate(text):
                out.append(ch)
                for pattern, letter in rules:
                    if text[:i + 1].endswith(pattern):
                        out.append(letter)
                        break
            print("".join(out))
            """
    }
}
