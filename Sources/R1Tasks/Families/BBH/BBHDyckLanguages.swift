// dyck_languages: given a prefix of a bracket sequence, write the shortest
// continuation that closes every open bracket. The shortest continuation is
// unique (the open brackets closed innermost first); the verifier checks it by
// running the prefix and the answer through a stack.

struct BBHDyckLanguagesTask: ReasoningTask {
    let info = TaskInfo(
        id: "dyck_languages",
        title: "Dyck language completion",
        source: .bbh,
        category: "string",
        description: "Complete a sequence of brackets of several kinds so that every bracket is closed in the "
            + "right order, with the shortest possible continuation.",
        knobs: [
            Knob("length", "tokens in the given prefix"),
            Knob("kinds", "how many bracket kinds appear: (), [], {}, <>"),
            Knob("min_open", "fewest brackets left open at the end of the prefix"),
        ],
        levels: [
            Level("easy", ["length": 12, "kinds": 3, "min_open": 2]),
            Level("medium", ["length": 20, "kinds": 4, "min_open": 3]),
            Level("hard", ["length": 32, "kinds": 4, "min_open": 4]),
            Level("expert", ["length": 48, "kinds": 4, "min_open": 6]),
        ],
        defaultLevel: 1
    )

    static let pairs: [(Character, Character)] = [("(", ")"), ("[", "]"), ("{", "}"), ("<", ">")]

    /// The shortest closing continuation of `tokens`, or nil when the prefix is not a valid Dyck prefix.
    static func closing(of tokens: [Character]) -> [Character]? {
        var stack: [Character] = []
        for t in tokens {
            if let pair = pairs.first(where: { $0.0 == t }) {
                stack.append(pair.1)
            } else if pairs.contains(where: { $0.1 == t }) {
                guard stack.last == t else { return nil }
                stack.removeLast()
            } else {
                return nil
            }
        }
        return stack.reversed()
    }

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let length = level["length"], kinds = level["kinds"], minOpen = level["min_open"]
        // A random walk on the stack depth that ends with at least minOpen open brackets:
        // close only while the walk can still get back up to minOpen.
        var tokens: [Character] = []
        var stack: [Character] = []
        for step in 0..<length {
            let remaining = length - step
            let mustOpen = stack.isEmpty || stack.count - 1 < minOpen - (remaining - 1)
            let close = !mustOpen && rng.chance(stack.count > minOpen + 2 ? 0.6 : 0.45)
            if close {
                tokens.append(stack.removeLast())
            } else {
                let pair = Self.pairs[rng.int(0..<kinds)]
                tokens.append(pair.0)
                stack.append(pair.1)
            }
        }
        let answer = Array(stack.reversed())
        let prefix = tokens.map(String.init).joined(separator: " ")
        let gold = answer.map(String.init).joined(separator: " ")
        let question = """
            Complete the following sequence of brackets so that every bracket is closed properly, \
            innermost first. Write only the brackets that must follow, as few as possible, separated \
            by spaces.

            Input: \(prefix)

            Give the continuation as your final answer, for example <<<] ) }>>>.
            """
        return GeneratedItem(question: question, gold: gold,
                             metadata: ["prefix": .string(prefix), "open": .int(answer.count)])
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let prefix = metadata["prefix"]?.stringValue,
              let expected = Self.closing(of: prefix.filter { !$0.isWhitespace }.map { $0 })
        else { return .wrong("item metadata is missing a valid prefix") }
        let given = answer.filter { !$0.isWhitespace && $0 != "," }.map { $0 }  // spaces or commas between
        guard given.allSatisfy({ c in Self.pairs.contains { $0.1 == c } }) else {
            return .wrong("the answer must consist of closing brackets only")
        }
        guard let rest = Self.closing(of: prefix.filter { !$0.isWhitespace }.map { $0 } + given) else {
            return .wrong("a closing bracket does not match the bracket it would close")
        }
        guard rest.isEmpty else { return .wrong("\(rest.count) bracket(s) are still open") }
        guard given.count == expected.count else { return .wrong("not the shortest continuation") }
        return .correct("every bracket is closed")
    }

    func oracle(metadata: JSONValue) -> String {
        """
        prefix = \(BBH.py(metadata["prefix"] ?? ""))
        pairs = {"(": ")", "[": "]", "{": "}", "<": ">"}
        stack = []
        for token in prefix.split():
            if token in pairs:
                stack.append(pairs[token])
            else:
                stack.pop()
        print(" ".join(reversed(stack)))
        """
    }
}
