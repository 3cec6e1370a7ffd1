// gsm_hard: the gsm_symbolic templates with large numbers, in the spirit of
// GSM-Hard (the same problems with numbers a model cannot do in its head).
// Quantities that scale are drawn from ranges `scale` times larger.

struct GSMHardTask: ReasoningTask {
    let info = TaskInfo(
        id: "gsm_hard",
        title: "Grade-school word problems with large numbers",
        source: .symbench,
        category: "arithmetic",
        description: "The grade-school templates with large numbers; exact whole-number answers.",
        knobs: [
            Knob("scale", "how many times larger the ranges of amounts are"),
            Knob("max_operations", "most arithmetic operations in the template's answer formula"),
            Knob("distractor", "1: an irrelevant fact with a number is added"),
        ],
        levels: [
            Level("easy", ["scale": 100, "max_operations": 4, "distractor": 0]),
            Level("medium", ["scale": 1_000, "max_operations": 99, "distractor": 0]),
            Level("hard", ["scale": 100_000, "max_operations": 99, "distractor": 0]),
            Level("expert", ["scale": 10_000_000, "max_operations": 99, "distractor": 1]),
        ],
        defaultLevel: 1
    )

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        WordProblems.generate(templates: WordProblems.templates, level: level, scale: level["scale"], rng: &rng)
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        WordProblems.verify(answer: answer, metadata: metadata)
    }

    func oracle(metadata: JSONValue) -> String {
        WordProblems.oracle(metadata: metadata)
    }
}
