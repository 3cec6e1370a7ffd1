// Dyck languages (BIG-Bench-Hard dyck_languages style): a sequence of four
// kinds of brackets is cut off before it is balanced; give the brackets that
// close it. The closing part is unique (close the open brackets innermost
// first), so the answer is exact.

public struct DyckLanguagesTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "dyck_languages",
        title: "Dyck languages",
        source: .bbh,
        category: "string",
        description: "Close an unfinished sequence of (), [], {} and <> brackets properly.",
        knobs: [
            Knob("length", "brackets in the unfinished sequence"),
            Knob("min_open", "fewest brackets still open at the cut"),
        ],
        levels: [
            // At least 3 open brackets: shorter closings repeat across items too often.
            Level("easy", ["length": 10, "min_open": 3]),
            Level("medium", ["length": 16, "min_open": 4]),
            Level("hard", ["length": 28, "min_open": 5]),
            Level("expert", ["length": 44, "min_open": 6]),
        ],
        defaultLevel: 1
    )

    static let pairs: [(Character, Character)] = [("(", ")"), ("[", "]"), ("{", "}"), ("<", ">")]

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let length = max(2, level["length"]), minOpen = max(1, min(level["min_open"], length))
        var sequence: [Character] = []
        var open: [Int] = []  // kinds of the brackets still open, innermost last
        for step in 0..<length {
            let left = length - step
            // Open when we must (to end with at least minOpen open), close when the stack
            // is deep enough to afford it, otherwise choose at random.
            let mustOpen = open.isEmpty || open.count - 1 + (left - 1) < minOpen
            if mustOpen || rng.chance(0.55) {
                let kind = rng.int(0..<4)
                open.append(kind)
                sequence.append(DyckLanguagesTask.pairs[kind].0)
            } else {
                sequence.append(DyckLanguagesTask.pairs[open.removeLast()].1)
            }
        }
        let closing = open.reversed().map { DyckLanguagesTask.pairs[$0].1 }
        let spaced = { (chars: [Character]) in chars.map(String.init).joined(separator: " ") }
        let question = """
            Here is the beginning of a sequence of brackets of four kinds — ( ), [ ], { } and < >:

            \(spaced(sequence))

            Finish it: give the brackets that must follow so that every bracket is closed by the \
            matching kind, in the right nesting order, and nothing else is added. Give only the \
            closing brackets, separated by spaces, inside <<< and >>>, for example <<<] ) }>>>.
            """
        return GeneratedItem(question: question, gold: spaced(closing),
                             metadata: ["sequence": .string(String(sequence)), "closing": .string(String(closing))])
    }

    /// Compares the bracket characters of the answer with the unique closing
    /// sequence; spaces and commas between brackets are ignored. Repeating the whole
    /// sequence followed by its closing part is also accepted. Any other character,
    /// or any other bracket sequence, scores 0.
    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let sequence = metadata["sequence"]?.stringValue, let closing = metadata["closing"]?.stringValue else {
            return .wrong("item metadata is missing the sequence")
        }
        let given = String(answer.filter { !$0.isWhitespace && $0 != "," })
        guard !given.isEmpty else { return .wrong("empty answer") }
        guard given.allSatisfy({ "()[]{}<>".contains($0) }) else { return .wrong("the answer has characters that are not brackets") }
        if given == closing || given == sequence + closing { return .correct("the sequence is closed properly") }
        return .wrong("that does not close the sequence properly")
    }

    public func oracle(metadata: JSONValue) -> String {
        let sequence = metadata["sequence"]?.stringValue ?? ""
        return """
            sequence = "\(sequence)"
            pairs = {"(": ")", "[": "]", "{": "}", "<": ">"}

            stack = []
            for ch in sequence:
                if ch in pairs:
                    stack.append(pairs[ch])
                else:
                    assert stack.pop() == ch
            print(" ".join(reversed(stack)))
            """
    }
}
