// code_input (Reasoning Gym code, the other direction of codeio): find an
// input for which a generated Python function returns a given value. Any
// input in the stated range that gives the value is accepted; the verifier
// runs R1CI's own interpreter (code_output's) on the answer, never Python.

public struct CodeInputTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "code_input", title: "Code input", source: .reasoningGym, category: "code",
        description: "Find an integer input for which a generated Python function returns a given value (any such input is accepted).",
        knobs: [Knob("statements", "statements after the first assignments"), Knob("depth", "deepest block nesting"),
                Knob("max_input", "inputs range over 0…max_input")],
        levels: [Level("easy", ["statements": 2, "depth": 1, "max_input": 20]),
                 Level("medium", ["statements": 3, "depth": 2, "max_input": 50]),
                 Level("hard", ["statements": 5, "depth": 2, "max_input": 100]),
                 Level("expert", ["statements": 7, "depth": 3, "max_input": 200])],
        defaultLevel: 1)

    typealias Stmt = MiniPython.Stmt

    /// f(n) for the parsed body: runs it with `n` set and returns the returned variable.
    static func call(_ body: [Stmt], result: String, n: Int) -> Int? {
        var env = ["n": n]
        guard MiniPython.run(body, &env) else { return nil }
        return env[result]
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let top = level["max_input"]
        while true {
            let names = rng.sample(["a", "b", "c", "x", "y", "total"], count: 2)
            var b = MiniPython.Builder(rng: rng, maxDepth: level["depth"], maxLoop: 4, variables: names)
            var body: [Stmt] = names.map { .assign($0, "=", b.expr(["n"], depth: 1)) }
            for _ in 0..<level["statements"] { body.append(b.statement(names + ["n"], depth: 0)) }
            let result = b.rng.pick(names)
            let chosen = b.rng.int(0...top)
            rng = b.rng
            let outputs = (0...top).map { CodeInputTask.call(body, result: result, n: $0) }
            guard !outputs.contains(where: { $0 == nil }), let target = outputs[chosen] else { continue }
            // The value must pin n down to a few inputs (at most one in ten of the range, and not every input).
            let solutions = outputs.filter { $0 == target }.count
            guard solutions * 10 <= top + 1 || solutions <= 2 else { continue }
            var lines = ["def f(n):"]
            MiniPython.python(body, indent: "    ", into: &lines)
            lines.append("    return \(result)")
            let program = lines.joined(separator: "\n")
            let question = """
                Here is a Python function:

                ```python
                \(program)
                ```

                Find an integer n with 0 <= n <= \(top) for which f(n) returns \(target). Give n inside <<< and >>>, \
                e.g. <<<12>>>. Any such n is accepted.
                """
            return GeneratedItem(question: question, gold: String(chosen), metadata: [
                "program": .string(program), "ast": MiniPython.json(body), "result": .string(result),
                "target": .int(target), "max_input": .int(top),
            ])
        }
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let program = metadata["program"]?.stringValue, let target = metadata["target"]?.intValue,
              let top = metadata["max_input"]?.intValue, (0...1000).contains(top), !program.isEmpty,
              let body = MiniPython.statements(metadata["ast"]), let result = metadata["result"]?.stringValue else {
            return .wrong("item metadata has no program")
        }
        guard let n = RGGrids.parseInteger(answer) else { return .wrong("the answer is not a whole number") }
        guard (0...top).contains(n) else { return .wrong("n must be between 0 and \(top)") }
        guard let value = CodeInputTask.call(body, result: result, n: n) else { return .wrong("f(\(n)) fails") }
        return value == target ? .correct("f(\(n)) = \(target)") : .wrong("f(\(n)) returns \(value), not \(target)")
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        \(metadata["program"]?.stringValue ?? "")

        print(next(n for n in range(\((metadata["max_input"]?.intValue ?? 0) + 1)) if f(n) == \(metadata["target"]?.intValue ?? 0)))
        """
    }
}
