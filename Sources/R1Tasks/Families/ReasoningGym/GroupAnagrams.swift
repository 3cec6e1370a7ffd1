// group_anagrams (Reasoning Gym, algorithmic): sort a list of letter strings
// into groups of anagrams. Groups and the words inside them may come in any
// order; every word must be placed exactly once.
//
// The strings are a common word and rearrangements of its letters (not all
// English words): grouping only needs letter counts.

import Foundation

public struct GroupAnagramsTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "group_anagrams", title: "Group anagrams", source: .reasoningGym, category: "algorithmic",
        description: "Group strings that are anagrams of each other (order of groups and members is free).",
        knobs: [Knob("groups", "number of anagram groups"), Knob("max_group_size", "largest group")],
        levels: [Level("easy", ["groups": 3, "max_group_size": 2]), Level("medium", ["groups": 5, "max_group_size": 3]),
                 Level("hard", ["groups": 8, "max_group_size": 4]), Level("expert", ["groups": 12, "max_group_size": 5])],
        defaultLevel: 1)

    static func key(_ w: String) -> String { String(w.sorted()) }
    /// The same key for the lexicon's ASCII words, sorting bytes instead of Characters.
    static func asciiKey(_ w: String) -> String { String(ascii: w.utf8.sorted()) }

    /// Lexicon words with at least four different letters (enough rearrangements).
    static let candidates = WordSortingTask.lexicon.filter { Set($0).count >= 4 }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let candidates = GroupAnagramsTask.candidates
        var groups: [[String]] = []
        var usedKeys = Set<String>()
        while groups.count < level["groups"] {
            let base = rng.pick(candidates)
            // Letter multisets must differ between groups (one key per group).
            guard usedKeys.insert(GroupAnagramsTask.asciiKey(base)).inserted else { continue }
            let size = rng.int(2...max(2, level["max_group_size"]))
            var members: [String] = [base]
            var tries = 0
            while members.count < size && tries < 100 {
                tries += 1
                let w = String(ascii: rng.shuffled(Array(base.utf8)))
                if !members.contains(w) { members.append(w) }
            }
            groups.append(members)
        }
        let words = rng.shuffled(groups.flatMap { $0 })
        let question = """
            Group these strings so that strings made of exactly the same letters (anagrams of each other) \
            are in the same group:

            \(words.joined(separator: ", "))

            Give your final answer inside <<< and >>> as a JSON list of groups, each a list of strings, \
            e.g. <<<[["abc", "cab"], ["xyz", "zyx", "yxz"]]>>>. The order of the groups and of the \
            strings in a group does not matter; use every string exactly once.
            """
        let gold = "[" + groups.map { "[" + $0.map { "\"\($0)\"" }.joined(separator: ", ") + "]" }.joined(separator: ", ") + "]"
        return GeneratedItem(question: question, gold: gold, metadata: ["words": JSONValue(words)])
    }

    /// Groups from a JSON list of lists, or else one group per line (words split by commas/spaces).
    static func parseGroups(_ answer: String) -> [[String]]? {
        if let json = JSONValue.parse(answer), let outer = json.arrayValue {
            var out: [[String]] = []
            for g in outer {
                guard let words = g.stringArray else { return nil }
                out.append(words.map { $0.trimmedSpaces().lowercased() })
            }
            return out
        }
        let lines = answer.split(whereSeparator: \.isNewline).map(String.init)
        guard lines.count > 1 else { return nil }
        return lines.map { line in
            line.split(whereSeparator: { !$0.isLetter }).map { $0.lowercased() }
        }.filter { !$0.isEmpty }
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let words = metadata["words"]?.stringArray else { return .wrong("item metadata has no words") }
        guard let groups = GroupAnagramsTask.parseGroups(answer) else { return .wrong("the answer is not a list of groups") }
        guard groups.flatMap({ $0 }).sorted() == words.sorted() else {
            return .wrong("the groups must use every given string exactly once")
        }
        let expected = Set(Dictionary(grouping: words, by: GroupAnagramsTask.key).values.map { Set($0) })
        let got = Set(groups.map { Set($0) })
        return got == expected && got.count == groups.count ? .correct("the anagram groups") : .wrong("the grouping is not right")
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        import json
        words = \(RGGrids.py(metadata["words"] ?? .null))
        groups = {}
        for w in words:
            groups.setdefault("".join(sorted(w)), []).append(w)
        print(json.dumps(list(groups.values())))
        """
    }
}
