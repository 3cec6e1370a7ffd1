// code_output (Reasoning Gym code, our take on codeio): what does a short
// generated Python program print? Programs are MiniPython (integer variables,
// arithmetic, if/else, for loops over range()); R1CI evaluates them with its
// own interpreter, never by running them; the oracle is the program itself,
// run by Python.

public struct CodeOutputTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "code_output", title: "Code output", source: .reasoningGym, category: "code",
        description: "Predict the integer a generated Python program (variables, arithmetic, if/else, for loops) prints.",
        knobs: [Knob("statements", "top-level statements after the first assignments"), Knob("depth", "deepest block nesting"),
                Knob("loop", "largest number of loop iterations")],
        levels: [Level("easy", ["statements": 3, "depth": 1, "loop": 3]),
                 Level("medium", ["statements": 4, "depth": 2, "loop": 4]),
                 Level("hard", ["statements": 6, "depth": 2, "loop": 6]),
                 Level("expert", ["statements": 8, "depth": 3, "loop": 8])],
        defaultLevel: 1)

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        while true {
            let names = rng.sample(["a", "b", "c", "x", "y", "n", "m", "total"], count: 3)
            var b = MiniPython.Builder(rng: rng, maxDepth: level["depth"], maxLoop: level["loop"], variables: names)
            var body: [MiniPython.Stmt] = names.map { .assign($0, "=", .constant(b.rng.int(0...12))) }
            for _ in 0..<level["statements"] { body.append(b.statement(names, depth: 0)) }
            // Print a variable the program changes after its first assignment.
            let changed = MiniPython.assignedNames(Array(body.dropFirst(names.count)))
            let candidates = names.filter(changed.contains)
            rng = b.rng
            guard !candidates.isEmpty else { continue }
            let shown = rng.pick(candidates)
            var env: [String: Int] = [:]
            guard MiniPython.run(body, &env), let output = env[shown] else { continue }
            var lines: [String] = []
            MiniPython.python(body, indent: "", into: &lines)
            lines.append("print(\(shown))")
            let program = lines.joined(separator: "\n")
            let question = """
                What does this Python program print?

                ```python
                \(program)
                ```

                Give the printed number inside <<< and >>>, e.g. <<<-7>>>.
                """
            return GeneratedItem(question: question, gold: String(output), metadata: [
                "program": .string(program), "ast": MiniPython.json(body), "printed": .string(shown), "answer": .int(output),
            ])
        }
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        // The printed value is recomputed from the program's syntax tree, not read from the metadata.
        guard let body = MiniPython.statements(metadata["ast"]), let shown = metadata["printed"]?.stringValue else {
            return .wrong("item metadata has no program")
        }
        var env: [String: Int] = [:]
        guard MiniPython.run(body, &env), let output = env[shown] else { return .wrong("item metadata has a failing program") }
        return RGGrids.verifyInteger(answer: answer, expected: output)
    }

    public func oracle(metadata: JSONValue) -> String {
        metadata["program"]?.stringValue ?? "raise SystemExit(1)"
    }
}
