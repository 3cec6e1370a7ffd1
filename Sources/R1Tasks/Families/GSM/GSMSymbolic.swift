// gsm_symbolic: grade-school word problems from R1CI's templates with small
// numbers drawn so the answer is a positive whole number. Reasoning Gym takes
// the first number in the answer; R1CI needs the answer to be that number.

struct GSMSymbolicTask: ReasoningTask {
    let info = TaskInfo(
        id: "gsm_symbolic",
        title: "Grade-school word problems",
        source: .reasoningGym,
        category: "arithmetic",
        description: "Templated grade-school word problems with exact whole-number answers.",
        knobs: [
            Knob("max_operations", "most arithmetic operations in the template's answer formula"),
            Knob("distractor", "1: an irrelevant fact with a number is added"),
        ],
        levels: [
            Level("easy", ["max_operations": 2, "distractor": 0]),
            Level("medium", ["max_operations": 4, "distractor": 0]),
            Level("hard", ["max_operations": 99, "distractor": 0]),
            Level("expert", ["max_operations": 99, "distractor": 1]),
        ],
        defaultLevel: 1
    )

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        WordProblems.generate(templates: WordProblems.templates, level: level, scale: 1, rng: &rng)
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        WordProblems.verify(answer: answer, metadata: metadata)
    }

    func oracle(metadata: JSONValue) -> String {
        WordProblems.oracle(metadata: metadata)
    }
}
