// string_functions (induction, the string sibling of list_functions): infer a
// hidden word → word rule from examples and apply it to a new word. Rules come
// from a library (reversal, shifts, vowel removal, doubling, rotations, …), one
// or two applied in turn; items are redrawn when another rule or pair of rules
// fits every example but answers the new word differently.

public struct StringFunctionsTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "string_functions", title: "String functions", source: .r1ci, category: "induction",
        description: "Infer a word-to-word rule from examples and apply it to a new word (the examples determine the answer).",
        knobs: [Knob("depth", "functions composed in the rule"), Knob("examples", "examples shown")],
        levels: [Level("easy", ["depth": 1, "examples": 4]), Level("medium", ["depth": 1, "examples": 3]),
                 Level("hard", ["depth": 2, "examples": 4]), Level("expert", ["depth": 2, "examples": 3])],
        defaultLevel: 1)

    struct Rule: Hashable { let name: String; let k: Int }

    static let library: [Rule] = {
        var out: [Rule] = ["reverse", "sort_letters", "remove_vowels", "double_letters", "swap_ends", "every_other",
                           "append_first", "mirror", "drop_last", "vowels_to_front"].map { Rule(name: $0, k: 0) }
        out += (1...3).map { Rule(name: "rotate_left", k: $0) } + (1...3).map { Rule(name: "shift", k: $0) }
        out += [1, 25].map { Rule(name: "shift_vowels", k: $0) }
        return out
    }()

    static let vowels = Set("aeiou".utf8)
    /// Lexicon words of four to eight letters.
    static let words = WordSortingTask.lexicon.filter { (4...8).contains($0.utf8.count) }

    static func apply(_ r: Rule, _ w: [UInt8]) -> [UInt8] {
        switch r.name {
        case "reverse": return w.reversed()
        case "sort_letters": return w.sorted()
        case "remove_vowels": return w.filter { !vowels.contains($0) }
        case "double_letters": return w.flatMap { [$0, $0] }
        case "swap_ends":
            guard w.count > 1 else { return w }
            var out = w; out.swapAt(0, w.count - 1); return out
        case "every_other": return w.indices.filter { $0 % 2 == 0 }.map { w[$0] }
        case "append_first": return w + w.prefix(1)
        case "mirror": return w + w.reversed()
        case "drop_last": return Array(w.dropLast())
        case "vowels_to_front": return w.filter { vowels.contains($0) } + w.filter { !vowels.contains($0) }
        case "rotate_left":
            guard !w.isEmpty else { return w }
            let s = r.k % w.count
            return Array(w[s...] + w[..<s])
        case "shift": return w.map { 97 + ($0 - 97 + UInt8(r.k)) % 26 }
        case "shift_vowels":
            // Each vowel becomes the next (k = 1) or previous (k = 25) vowel in a, e, i, o, u.
            let order = Array("aeiou".utf8)
            return w.map { c in order.firstIndex(of: c).map { order[($0 + (r.k == 1 ? 1 : 4)) % 5] } ?? c }
        default: return w
        }
    }

    static func apply(_ rules: [Rule], _ w: [UInt8]) -> [UInt8] { rules.reduce(w) { apply($1, $0) } }

    static func ambiguous(examples: [([UInt8], [UInt8])], test: [UInt8], answer: [UInt8], depth: Int) -> Bool {
        for f in library {
            let afterF = examples.map { (apply(f, $0.0), $0.1) }
            if afterF.allSatisfy({ $0.0 == $0.1 }) && apply(f, test) != answer { return true }
            guard depth >= 2 else { continue }
            let testAfterF = apply(f, test)
            for g in library where afterF.allSatisfy({ apply(g, $0.0) == $0.1 }) && apply(g, testAfterF) != answer {
                return true
            }
        }
        return false
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let depth = level["depth"]
        let pool = StringFunctionsTask.words
        while true {
            let rules = (0..<depth).map { _ in rng.pick(StringFunctionsTask.library) }
            let words = (0...level["examples"]).map { _ in Array(rng.pick(pool).utf8) }
            let outputs = words.map { StringFunctionsTask.apply(rules, $0) }
            let examples = Array(zip(words, outputs).dropLast()), (test, answer) = (words.last!, outputs.last!)
            guard !answer.isEmpty, answer != test, Set(words.map { String(ascii: $0) }).count == words.count,
                  !StringFunctionsTask.ambiguous(examples: examples, test: test, answer: answer, depth: depth) else { continue }
            let shown = examples.map { "\(String(ascii: $0.0)) -> \(String(ascii: $0.1))" }
            let question = """
                The same hidden rule turns each word on the left into the string on the right:

                \(shown.joined(separator: "\n"))

                What does the rule turn "\(String(ascii: test))" into? Give the string inside <<< and >>>.
                """
            return GeneratedItem(question: question, gold: String(ascii: answer), metadata: [
                "examples": .array(examples.map { .array([.string(String(ascii: $0.0)), .string(String(ascii: $0.1))]) }),
                "test": .string(String(ascii: test)),
                "rule": .array(rules.map { .array([.string($0.name), .int($0.k)]) }),
            ])
        }
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let test = metadata["test"]?.stringValue, let ruleList = metadata["rule"]?.arrayValue, !ruleList.isEmpty,
              test.utf8.allSatisfy({ (97...122).contains($0) }) else { return .wrong("item metadata has no rule") }
        var rules: [Rule] = []
        for r in ruleList {
            guard let name = r.element(0)?.stringValue, let k = r.element(1)?.intValue, StringFunctionsTask.library.contains(Rule(name: name, k: k))
            else { return .wrong("item metadata has an unknown rule") }
            rules.append(Rule(name: name, k: k))
        }
        let expected = String(ascii: StringFunctionsTask.apply(rules, Array(test.utf8)))
        return answer.trimmed().lowercased() == expected ? .correct(expected) : .wrong("the answer is \(expected)")
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        examples = \(RGGrids.py(metadata["examples"] ?? .null))
        test = \(RGGrids.py(metadata["test"] ?? .null))
        V = "aeiou"
        lib = [lambda w: w[::-1], lambda w: "".join(sorted(w)), lambda w: "".join(c for c in w if c not in V),
               lambda w: "".join(c + c for c in w), lambda w: w[-1] + w[1:-1] + w[0] if len(w) > 1 else w,
               lambda w: w[::2], lambda w: w + w[:1], lambda w: w + w[::-1], lambda w: w[:-1],
               lambda w: "".join(c for c in w if c in V) + "".join(c for c in w if c not in V)]
        lib += [lambda w, k=k: w[k % len(w):] + w[:k % len(w)] if w else w for k in (1, 2, 3)]
        lib += [lambda w, k=k: "".join(chr(97 + (ord(c) - 97 + k) % 26) for c in w) for k in (1, 2, 3)]
        lib += [lambda w, s=s: "".join(V[(V.index(c) + s) % 5] if c in V else c for c in w) for s in (1, 4)]
        def search():
            for f in lib:
                if all(f(i) == o for i, o in examples):
                    return f(test)
            for f in lib:
                for g in lib:
                    if all(g(f(i)) == o for i, o in examples):
                        return g(f(test))
        print(search())
        """
    }
}
