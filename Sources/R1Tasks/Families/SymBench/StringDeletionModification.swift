// String Deletion and Modification (SymBench): rewrite rules on strings of
// a, b, c, applied one at a time, always the first rule in the list that
// applies, until none applies. R1CI picks the rules per item from its own pool
// and keeps only items whose process ends. One answer: the final string.

struct RewriteRule: Sendable {
    let text: String
    /// The rewritten string, or nil when the rule does not apply.
    let apply: @Sendable ([Character]) -> [Character]?
    /// The same rule as a Python lambda returning the new string or None.
    let python: String
}

public struct StringDeletionModificationTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "string_deletion_modification",
        title: "String Deletion and Modification",
        source: .symbench,
        category: "string",
        description: "Apply prioritised rewrite rules to a string of a, b and c until none applies.",
        knobs: [
            Knob("min_length", "shortest starting string"),
            Knob("max_length", "longest starting string"),
            Knob("rules", "how many rules are in play"),
            Knob("min_steps", "fewest rule applications before the process ends"),
        ],
        levels: [
            Level("easy", ["min_length": 6, "max_length": 10, "rules": 4, "min_steps": 2]),
            Level("medium", ["min_length": 10, "max_length": 16, "rules": 6, "min_steps": 4]),
            Level("hard", ["min_length": 14, "max_length": 22, "rules": 8, "min_steps": 7]),
            Level("expert", ["min_length": 20, "max_length": 30, "rules": 10, "min_steps": 10]),
        ],
        defaultLevel: 1
    )

    static func starts(_ s: [Character], _ p: String) -> Bool { s.starts(with: Array(p)) }
    static func ends(_ s: [Character], _ p: String) -> Bool { s.count >= p.count && Array(s.suffix(p.count)) == Array(p) }
    static func find(_ s: [Character], _ p: String, from: Int = 0) -> Int? {
        let p = Array(p)
        guard s.count >= p.count + from else { return nil }
        for i in from...(s.count - p.count) where Array(s[i..<(i + p.count)]) == p { return i }
        return nil
    }

    static let pool: [RewriteRule] = [
        RewriteRule(text: "If the string starts with 'ab', replace that 'ab' with 'ca'.",
                    apply: { starts($0, "ab") ? Array("ca") + $0.dropFirst(2) : nil },
                    python: "lambda s: 'ca' + s[2:] if s.startswith('ab') else None"),
        RewriteRule(text: "If the string ends with 'ac', replace that 'ac' with 'cb'.",
                    apply: { ends($0, "ac") ? $0.dropLast(2) + Array("cb") : nil },
                    python: "lambda s: s[:-2] + 'cb' if s.endswith('ac') else None"),
        RewriteRule(text: "If the string starts with 'bc', remove those two characters and add 'aa' at the end.",
                    apply: { starts($0, "bc") ? $0.dropFirst(2) + Array("aa") : nil },
                    python: "lambda s: s[2:] + 'aa' if s.startswith('bc') else None"),
        RewriteRule(text: "If the string ends with 'bb', remove those two characters.",
                    apply: { ends($0, "bb") ? Array($0.dropLast(2)) : nil },
                    python: "lambda s: s[:-2] if s.endswith('bb') else None"),
        RewriteRule(text: "If the string starts with 'cb', replace that 'cb' with 'aa' and then remove the last character.",
                    apply: { starts($0, "cb") ? Array((Array("aa") + $0.dropFirst(2)).dropLast()) : nil },
                    python: "lambda s: ('aa' + s[2:])[:-1] if s.startswith('cb') else None"),
        RewriteRule(text: "If the string starts with 'ca', replace that 'ca' with 'bb' and add 'c' at the end.",
                    apply: { starts($0, "ca") ? Array("bb") + $0.dropFirst(2) + ["c"] : nil },
                    python: "lambda s: 'bb' + s[2:] + 'c' if s.startswith('ca') else None"),
        RewriteRule(text: "If the string ends with 'cc', replace that 'cc' with 'b' and add 'a' at the start.",
                    apply: { ends($0, "cc") ? ["a"] + $0.dropLast(2) + ["b"] : nil },
                    python: "lambda s: 'a' + s[:-2] + 'b' if s.endswith('cc') else None"),
        RewriteRule(text: "If the string starts with 'aa', remove the first character.",
                    apply: { starts($0, "aa") ? Array($0.dropFirst()) : nil },
                    python: "lambda s: s[1:] if s.startswith('aa') else None"),
        RewriteRule(text: "If the string contains 'abc', replace its first (leftmost) occurrence with 'cab'.",
                    apply: { s in find(s, "abc").map { Array(s[..<$0]) + Array("cab") + s[($0 + 3)...] } },
                    python: "lambda s: s.replace('abc', 'cab', 1) if 'abc' in s else None"),
        RewriteRule(text: "If the string contains 'bca', delete its first (leftmost) occurrence.",
                    apply: { s in find(s, "bca").map { Array(s[..<$0]) + s[($0 + 3)...] } },
                    python: "lambda s: s.replace('bca', '', 1) if 'bca' in s else None"),
        RewriteRule(text: "If the string ends with 'ba', replace that 'ba' with 'ab'.",
                    apply: { ends($0, "ba") ? $0.dropLast(2) + Array("ab") : nil },
                    python: "lambda s: s[:-2] + 'ab' if s.endswith('ba') else None"),
        RewriteRule(text: "If the string starts with 'cc', remove the first two characters.",
                    apply: { starts($0, "cc") ? Array($0.dropFirst(2)) : nil },
                    python: "lambda s: s[2:] if s.startswith('cc') else None"),
        RewriteRule(text: "If the string contains 'acb', replace its first (leftmost) occurrence with 'bca'.",
                    apply: { s in find(s, "acb").map { Array(s[..<$0]) + Array("bca") + s[($0 + 3)...] } },
                    python: "lambda s: s.replace('acb', 'bca', 1) if 'acb' in s else None"),
        RewriteRule(text: "If the string ends with 'ca', remove the last character.",
                    apply: { ends($0, "ca") ? Array($0.dropLast()) : nil },
                    python: "lambda s: s[:-1] if s.endswith('ca') else None"),
        RewriteRule(text: "If the string starts with 'bb', remove the second character.",
                    apply: { starts($0, "bb") ? [$0[0]] + $0.dropFirst(2) : nil },
                    python: "lambda s: s[0] + s[2:] if s.startswith('bb') else None"),
        RewriteRule(text: "If the string ends with 'aa', replace that 'aa' with 'cc'.",
                    apply: { ends($0, "aa") ? $0.dropLast(2) + Array("cc") : nil },
                    python: "lambda s: s[:-2] + 'cc' if s.endswith('aa') else None"),
        RewriteRule(text: "If 'ca' occurs somewhere other than at the very start, delete its first such occurrence.",
                    apply: { s in find(s, "ca", from: 1).map { Array(s[..<$0]) + s[($0 + 2)...] } },
                    python: "lambda s: s[:s.find('ca', 1)] + s[s.find('ca', 1) + 2:] if s.find('ca', 1) != -1 else None"),
        RewriteRule(text: "If the string contains 'aaa', replace its first (leftmost) occurrence with 'b'.",
                    apply: { s in find(s, "aaa").map { Array(s[..<$0]) + ["b"] + s[($0 + 3)...] } },
                    python: "lambda s: s.replace('aaa', 'b', 1) if 'aaa' in s else None"),
        RewriteRule(text: "If the string is longer than 15 characters, delete its middle character (the one at "
                        + "0-based index length // 2).",
                    apply: { s in s.count > 15 ? Array(s[..<(s.count / 2)]) + s[(s.count / 2 + 1)...] : nil },
                    python: "lambda s: s[:len(s) // 2] + s[len(s) // 2 + 1:] if len(s) > 15 else None"),
        RewriteRule(text: "If the string contains 'cbc', replace its first (leftmost) occurrence with 'a'.",
                    apply: { s in find(s, "cbc").map { Array(s[..<$0]) + ["a"] + s[($0 + 3)...] } },
                    python: "lambda s: s.replace('cbc', 'a', 1) if 'cbc' in s else None"),
    ]

    static func run(_ start: [Character], rules: [Int], maxSteps: Int = 200) -> (String, Int)? {
        var s = start
        var steps = 0
        outer: while true {
            for r in rules {
                if let next = pool[r].apply(s) {
                    s = next
                    steps += 1
                    if steps > maxSteps || s.count > 200 { return nil }
                    continue outer
                }
            }
            return (String(s), steps)
        }
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        while true {
            let rules = rng.sample(Array(Self.pool.indices), count: level["rules"])
            let start = (0..<rng.int(level["min_length"]...level["max_length"])).map { _ in rng.pick(Array("abc")) }
            guard let (final, steps) = Self.run(start, rules: rules), steps >= level["min_steps"], !final.isEmpty else { continue }
            let listing = rules.enumerated().map { "\($0.offset + 1). \(Self.pool[$0.element].text)" }.joined(separator: "\n")
            let question = """
                Rewrite a string with these rules:
                \(listing)

                At each step, take the first rule in the list (lowest number) that applies to the current string \
                and apply it once; then start again from rule 1. Stop when no rule applies.
                Starting from "\(String(start))", what is the final string? Give it in the form <<<string>>>, for \
                example <<<abca>>>.
                """
            return GeneratedItem(question: question, gold: final, metadata: [
                "start": .string(String(start)), "rules": JSONValue(rules), "final": .string(final), "steps": .int(steps),
            ])
        }
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let final = metadata["final"]?.stringValue else { return .wrong("item metadata is missing the final string") }
        let given = answer.filter { !$0.isWhitespace && $0 != "\"" && $0 != "'" }.lowercased()
        return given == final ? .correct("the final string is right") : .wrong("'\(given.prefix(60))' is not the final string")
    }

    public func oracle(metadata: JSONValue) -> String {
        let rules = (metadata["rules"]?.intArray ?? []).filter { Self.pool.indices.contains($0) }
        let start = metadata["start"]?.stringValue ?? ""
        let lambdas = rules.map { "    " + Self.pool[$0].python + "," }.joined(separator: "\n")
        return """
            rules = [  # in priority order; each returns the rewritten string or None
            \(lambdas)
            ]
            s = \(SymFormat.pyString(start))
            while True:
                for rule in rules:
                    t = rule(s)
                    if t is not None:
                        s = t
                        break
                else:
                    break
            print(s)
            """
    }
}
