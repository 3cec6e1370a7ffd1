// Logical deduction (BIG-Bench-Hard style): N objects stand in a hidden order
// (books on a shelf, birds on a wire, golfers in a tournament, fruits by
// price); clues about that order determine it completely, and the question
// asks which multiple-choice statement about one position is true.
//
// Generation: draw the hidden order, then add random true clues ("X is to
// the left of Y", "X is the second from the right") that rule out at least
// one remaining order, until exactly one order of the N! is consistent
// (checked by brute force over all permutations); clues that turn out to be
// redundant are then dropped, so every clue is needed.

public struct LogicalDeductionTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "logical_deduction",
        title: "Logical deduction",
        source: .bbh,
        category: "logic",
        description: "Work out the order of 3, 5 or 7 objects from clues about their relative and absolute "
            + "positions, then pick the true statement among multiple-choice options.",
        knobs: [Knob("objects", "how many objects are ordered (and how many options there are)")],
        levels: [
            Level("three", ["objects": 3]),
            Level("five", ["objects": 5]),
            Level("seven", ["objects": 7]),
        ],
        defaultLevel: 1
    )

    /// A setting: how the objects are introduced and how positions are said.
    /// Position 0 is the "start": leftmost, first, cheapest.
    struct Theme: Sendable {
        let intro: @Sendable (Int, String) -> String
        let pool: [String]
        /// The noun phrase for an object in a sentence ("the red book", "Mia").
        let phrase: @Sendable (String) -> String
        let verb: String
        let earlier: String
        let later: String
        /// The words after the verb for position k counted from the start (fromEnd false) or the end.
        let position: @Sendable (Int, Bool) -> String
    }

    static let ordinals = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh"]

    static let themes: [Theme] = [
        Theme(intro: { n, list in "A shelf holds \(n) books in a row: \(list)." },
              pool: ["red", "orange", "yellow", "green", "blue", "purple", "brown", "gray", "black", "white", "pink"],
              phrase: { "the \($0) book" }, verb: "is", earlier: "to the left of", later: "to the right of",
              position: { k, fromEnd in
                  k == 0 ? (fromEnd ? "the rightmost" : "the leftmost")
                      : "the \(ordinals[k]) from the \(fromEnd ? "right" : "left")" }),
        Theme(intro: { n, list in "\(n) birds sit in a row on a telephone wire: \(list)." },
              pool: ["robin", "crow", "owl", "hawk", "finch", "sparrow", "heron", "wren", "jay", "quail", "raven"],
              phrase: { "the \($0)" }, verb: "is", earlier: "to the left of", later: "to the right of",
              position: { k, fromEnd in
                  k == 0 ? (fromEnd ? "the rightmost" : "the leftmost")
                      : "the \(ordinals[k]) from the \(fromEnd ? "right" : "left")" }),
        Theme(intro: { n, list in "\(n) players finished a golf tournament, with no ties: \(list)." },
              pool: ["Mia", "Omar", "Lena", "Tariq", "Ines", "Bruno", "Keiko", "Dmitri", "Zara", "Felix", "Nadia"],
              phrase: { $0 }, verb: "finished", earlier: "above", later: "below",
              position: { k, fromEnd in
                  k == 0 ? (fromEnd ? "last" : "first")
                      : (fromEnd ? "\(ordinals[k])-to-last" : ordinals[k]) }),
        Theme(intro: { n, list in "A market stall sells \(n) fruits, no two at the same price: \(list)." },
              pool: ["apples", "pears", "plums", "mangoes", "kiwis", "peaches", "melons", "lemons", "figs", "limes", "cherries"],
              phrase: { "the \($0)" }, verb: "are", earlier: "cheaper than", later: "more expensive than",
              position: { k, fromEnd in
                  k == 0 ? (fromEnd ? "the most expensive" : "the cheapest")
                      : (fromEnd ? "the \(ordinals[k])-most expensive" : "the \(ordinals[k])-cheapest") }),
    ]

    /// A clue about the hidden order, by object index: `a` comes before `b`, or `a` is at position `pos`.
    enum Clue: Equatable {
        case before(Int, Int)
        case at(Int, Int)

        func holds(_ position: [Int]) -> Bool {
            switch self {
            case .before(let a, let b): return position[a] < position[b]
            case .at(let a, let k): return position[a] == k
            }
        }
    }

    /// All orders of n objects, each as a position-of-object array. Built once per n.
    static let permutations: [Int: [[Int]]] = {
        func all(_ n: Int) -> [[Int]] {
            var result: [[Int]] = []
            var current = Array(0..<n)
            func heap(_ k: Int) {
                if k == 1 { result.append(current); return }
                for i in 0..<k {
                    heap(k - 1)
                    current.swapAt(k % 2 == 0 ? i : 0, k - 1)
                }
            }
            heap(n)
            return result
        }
        return Dictionary(uniqueKeysWithValues: (1...7).map { ($0, all($0)) })
    }()

    /// A set of orders (indices into `permutations[n]`) as a bit set: the orders a
    /// clue allows, and intersections of those, are word-wise ANDs.
    struct OrderSet: Equatable, Sendable {
        var words: [UInt64]
        static func all(_ count: Int) -> OrderSet {
            var words = [UInt64](repeating: ~0, count: (count + 63) / 64)
            if count % 64 != 0 { words[words.count - 1] = (1 << UInt64(count % 64)) - 1 }
            return OrderSet(words: words)
        }
        var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }
        func intersection(_ other: OrderSet) -> OrderSet {
            OrderSet(words: zip(words, other.words).map { $0 & $1 })
        }
    }

    /// For each n, the orders every possible clue allows, computed once:
    /// `before[a * n + b]` for "a before b", `at[a * n + k]` for "a at position k".
    struct ClueTable: Sendable {
        let before: [OrderSet]
        let at: [OrderSet]
    }

    static let clueTables: [Int: ClueTable] = {
        var tables: [Int: ClueTable] = [:]
        for n in 1...7 {
            let perms = permutations[n]!
            let empty = OrderSet(words: [UInt64](repeating: 0, count: (perms.count + 63) / 64))
            var before = [OrderSet](repeating: empty, count: n * n), at = before
            for (i, position) in perms.enumerated() {
                let bit: UInt64 = 1 << UInt64(i & 63)
                for a in 0..<n {
                    at[a * n + position[a]].words[i >> 6] |= bit
                    for b in 0..<n where position[a] < position[b] { before[a * n + b].words[i >> 6] |= bit }
                }
            }
            tables[n] = ClueTable(before: before, at: at)
        }
        return tables
    }()

    static func orders(allowedBy clue: Clue, n: Int) -> OrderSet {
        let table = clueTables[n]!
        switch clue {
        case .before(let a, let b): return table.before[a * n + b]
        case .at(let a, let k): return table.at[a * n + k]
        }
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let n = max(2, min(level["objects"], 7))
        let theme = rng.pick(LogicalDeductionTask.themes)
        let names = rng.sample(theme.pool, count: n)
        // position[i] is where object i stands in the hidden order.
        let position = rng.shuffled(Array(0..<n))

        let everything = OrderSet.all(LogicalDeductionTask.permutations[n]!.count)
        var candidates = everything
        var clues: [Clue] = []
        var allowed: [OrderSet] = []  // allowed[i]: the orders clue i permits
        func add(_ clue: Clue) {
            let set = LogicalDeductionTask.orders(allowedBy: clue, n: n)
            let kept = candidates.intersection(set)
            if kept != candidates {  // keep only clues that rule something out
                clues.append(clue)
                allowed.append(set)
                candidates = kept
            }
        }
        var attempts = 0
        while candidates.count > 1 && attempts < 400 {
            attempts += 1
            if rng.chance(0.25) {
                let a = rng.int(0..<n)
                add(.at(a, position[a]))
            } else {
                let pair = rng.sample(Array(0..<n), count: 2)
                add(position[pair[0]] < position[pair[1]] ? .before(pair[0], pair[1]) : .before(pair[1], pair[0]))
            }
        }
        // Practically never needed: pin objects one by one until the order is forced.
        for a in 0..<n where candidates.count > 1 { add(.at(a, position[a])) }
        // Drop clues that the others make redundant (latest first).
        for i in clues.indices.reversed() {
            var others = everything
            for j in allowed.indices where j != i { others = others.intersection(allowed[j]) }
            if others.count == 1 {
                clues.remove(at: i)
                allowed.remove(at: i)
            }
        }
        clues = rng.shuffled(clues)

        // The question: which object is at position `asked`, counted from one end. Positions
        // that a clue states outright are not asked about (when another is left).
        let stated = Set(clues.compactMap { clue -> Int? in if case .at(_, let k) = clue { return k }; return nil })
        let open = (0..<n).filter { !stated.contains($0) }
        let asked = open.isEmpty ? rng.int(0..<n) : rng.pick(open)
        let fromEnd = rng.chance(0.5)
        /// Position k counted from one end, said the natural way ("the rightmost", not "the fifth from the left").
        func say(_ k: Int, fromEnd: Bool) -> String {
            k == n - 1 ? theme.position(0, !fromEnd) : theme.position(k, fromEnd)
        }
        func sentence(_ name: String, _ rest: String) -> String {
            let s = "\(theme.phrase(name)) \(theme.verb) \(rest)"
            return s.prefix(1).uppercased() + s.dropFirst()
        }
        let clueText = clues.map { clue -> String in
            switch clue {
            case .before(let a, let b):
                return rng.chance(0.5) ? sentence(names[a], "\(theme.earlier) \(theme.phrase(names[b])).")
                    : sentence(names[b], "\(theme.later) \(theme.phrase(names[a])).")
            case .at(let a, let k):
                let end = rng.chance(0.5)
                return sentence(names[a], say(end ? n - 1 - k : k, fromEnd: end) + ".")
            }
        }
        let options = names.map { sentence($0, say(fromEnd ? n - 1 - asked : asked, fromEnd: fromEnd)) }
        let answer = position.firstIndex(of: asked)!
        let letters = Array("ABCDEFG")
        let optionText = options.enumerated().map { "(\(letters[$0.offset])) \($0.element)" }.joined(separator: "\n")
        let listText = names.map(theme.phrase).joined(separator: ", ")
        let question = """
            \(theme.intro(n, listText)) The following statements are all true, and they fix the order completely.
            \(clueText.joined(separator: "\n"))

            Which of these statements is true?
            \(optionText)

            Give your final answer as the letter of the true option inside <<< and >>>, for example <<<(A)>>>.
            """
        let cluesJSON: [JSONValue] = clues.map {
            switch $0 {
            case .before(let a, let b): return ["kind": "before", "a": .int(a), "b": .int(b)]
            case .at(let a, let k): return ["kind": "at", "a": .int(a), "pos": .int(k)]
            }
        }
        return GeneratedItem(
            question: question,
            gold: "(\(letters[answer])) \(options[answer])",
            metadata: [
                "objects": JSONValue(names),
                "order": JSONValue((0..<n).map { p in names[position.firstIndex(of: p)!] }),
                "clues": .array(cluesJSON),
                "asked_position": .int(asked),
                "options": JSONValue(options),
                "answer_index": .int(answer),
            ])
    }

    /// Accepts the correct option as its letter — "B", "(B)", "B)", "B.", "option B",
    /// "answer: (B)" — or as its full text ("The red book is the leftmost"), or as
    /// the letter followed by its text. Case, spacing and a final period are ignored.
    /// A letter followed by some other option's text, several letters, or anything
    /// else scores 0.
    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let options = metadata["options"]?.stringArray, let correct = metadata["answer_index"]?.intValue,
              options.indices.contains(correct), options.count <= 26 else {
            return .wrong("item metadata is missing options or the answer")
        }
        func simplify<S: StringProtocol>(_ s: S) -> String {
            var t = s.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
            while let last = t.last, last == "." || last == "!" { t.removeLast() }
            return t
        }
        var s = simplify(answer)
        for prefix in ["the answer is", "answer:", "answer", "option", "choice"] where s.hasPrefix(prefix) {
            s = simplify(s.dropFirst(prefix.count).drop(while: { $0 == " " || $0 == ":" }))
        }
        let texts = options.map(simplify)
        // Letter, optionally in parentheses or followed by ")" "." ":", then optionally the option's text.
        var chosen: Int?
        var rest = Substring(s)
        let hadParen = rest.hasPrefix("(")
        if hadParen { rest = rest.dropFirst() }
        if let first = rest.first, first.isASCII, first.isLetter,
           let index = Int(exactly: first.asciiValue! - 97), index < options.count {
            let after = rest.dropFirst()
            if after.isEmpty && !hadParen {
                chosen = index
            } else if let mark = after.first, mark == ")" || (!hadParen && (mark == "." || mark == ":")) {
                let text = after.dropFirst().trimmingPrefix(" ")
                if text.isEmpty || simplify(text) == texts[index] { chosen = index } else {
                    return .wrong("option \(String(first).uppercased()) is not \"\(text)\"")
                }
            }
        }
        if chosen == nil { chosen = texts.firstIndex(of: s) }
        guard let choice = chosen else { return .wrong("not one of the options") }
        let letter = String(UnicodeScalar(UInt8(65 + choice)))
        return choice == correct ? .correct("option \(letter) is true") : .wrong("option \(letter) is false")
    }

    public func oracle(metadata: JSONValue) -> String {
        let objects = metadata["objects"]?.stringArray ?? []
        let clues = metadata["clues"]?.arrayValue ?? []
        let asked = metadata["asked_position"]?.intValue ?? 0
        let clueLines = clues.map { clue -> String in
            let a = clue["a"]?.intValue ?? 0
            if clue["kind"]?.stringValue == "before" {
                return "    (\"before\", \(a), \(clue["b"]?.intValue ?? 0)),"
            }
            return "    (\"at\", \(a), \(clue["pos"]?.intValue ?? 0)),"
        }.joined(separator: "\n")
        return """
            from itertools import permutations

            objects = [\(objects.map { "\"\($0)\"" }.joined(separator: ", "))]  # option i is about objects[i]
            # ("before", a, b): object a comes earlier than object b (position 0 is leftmost / first / cheapest)
            # ("at", a, k): object a is at position k
            clues = [
            \(clueLines)
            ]
            asked = \(asked)  # the options all claim that some object is at this position

            for order in permutations(range(len(objects))):
                pos = {obj: p for p, obj in enumerate(order)}
                if all(pos[c[1]] < pos[c[2]] if c[0] == "before" else pos[c[1]] == c[2] for c in clues):
                    print("(" + "ABCDEFG"[order[asked]] + ")")
                    break
            """
    }
}
