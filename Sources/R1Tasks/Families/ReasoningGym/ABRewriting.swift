// ab (Reasoning Gym, algorithmic): a program of tokens A#, #A, B#, #B is
// rewritten wherever two neighbours face each other with their # marks:
//   A# #A → nothing      B# #B → nothing
//   A# #B → #B A#        B# #A → #A B#
// until no pair faces; the answer is the final program. The system is
// confluent, so the final program is the same whichever pair goes first.
// Programs that vanish completely are redrawn (an empty answer is not asked).

public struct ABRewritingTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "ab", title: "A::B rewriting", source: .reasoningGym, category: "algorithmic",
        description: "Rewrite a program of A#, #A, B#, #B tokens by the facing-pair rules until it stops changing.",
        knobs: [Knob("length", "tokens in the program")],
        levels: [Level("easy", ["length": 10]), Level("medium", ["length": 16]),
                 Level("hard", ["length": 28]), Level("expert", ["length": 50])],
        defaultLevel: 1)

    static let tokens = ["A#", "#A", "B#", "#B"]

    /// The final program. Tokens pointing left (#X) travel left through the
    /// right-pointing ones (X#) kept on a stack, vanishing with the first of the same letter.
    static func normalForm(_ program: [String]) -> [String] {
        var settled: [String] = []  // left-pointing tokens that met nothing more
        var stack: [String] = []    // right-pointing tokens, nearest last
        for token in program {
            if token.hasSuffix("#") { stack.append(token); continue }
            let letter = token.last!
            if let i = stack.lastIndex(where: { $0.first! == letter }) {
                stack.remove(at: i)  // it passed every token after i (other letter), then met its twin
            } else {
                settled.append(token)  // it passed the whole stack
            }
        }
        return settled + stack
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        var program: [String] = [], result: [String] = []
        repeat {
            program = (0..<level["length"]).map { _ in rng.pick(ABRewritingTask.tokens) }
            result = ABRewritingTask.normalForm(program)
        } while result.isEmpty
        let question = """
            A program is a sequence of the tokens A#, #A, B# and #B. Whenever two neighbouring tokens have \
            their # marks facing each other, they are rewritten:
              A# #A becomes nothing
              B# #B becomes nothing
              A# #B becomes #B A#
              B# #A becomes #A B#
            Rewriting continues until no two neighbours face each other.

            Program: \(program.joined(separator: " "))

            Give the final program inside <<< and >>>, tokens separated by spaces, e.g. <<<#A #B B#>>>.
            """
        return GeneratedItem(question: question, gold: result.joined(separator: " "), metadata: ["program": JSONValue(program)])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let program = metadata["program"]?.stringArray, program.allSatisfy(ABRewritingTask.tokens.contains),
              !program.isEmpty else { return .wrong("item metadata has no program") }
        let got = answer.uppercased().split(whereSeparator: { $0.isWhitespace || $0 == "," }).map(String.init)
        guard !got.isEmpty, got.allSatisfy(ABRewritingTask.tokens.contains) else {
            return .wrong("the answer is not a list of A#, #A, B#, #B tokens")
        }
        let expected = ABRewritingTask.normalForm(program)
        return got == expected ? .correct("the final program") : .wrong("the final program is \(expected.joined(separator: " "))")
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        prog = \(RGGrids.py(metadata["program"] ?? .null))
        changed = True
        while changed:
            changed = False
            for i in range(len(prog) - 1):
                a, b = prog[i], prog[i + 1]
                if a.endswith("#") and b.startswith("#"):
                    prog[i:i + 2] = [] if a[0] == b[1] else [b, a]
                    changed = True
                    break
        print(" ".join(prog))
        """
    }
}
