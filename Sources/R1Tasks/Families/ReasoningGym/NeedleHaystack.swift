// needle_haystack (Reasoning Gym, cognition): a long list of "<person> <likes>
// <pastime>" statements in which exactly one statement mentions the asked-for
// pastime; who is it? The needle's pastime is drawn first and kept out of
// every other statement, so the answer is unique by construction.

public struct NeedleHaystackTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "needle_haystack", title: "Needle in a haystack", source: .reasoningGym, category: "cognition",
        description: "Find the one person, among many statements, who has a given pastime.",
        knobs: [Knob("statements", "number of statements")],
        levels: [Level("easy", ["statements": 10]), Level("medium", ["statements": 50]),
                 Level("hard", ["statements": 200]), Level("expert", ["statements": 600])],
        defaultLevel: 1)

    static let feelings = ["likes", "adores", "enjoys", "is fond of", "is keen on", "delights in", "loves",
                           "cannot resist", "is passionate about", "relishes"]
    static let activities = ["collecting", "painting", "restoring", "photographing", "sketching", "cataloguing",
                             "repairing", "building", "polishing", "sorting", "studying", "drawing"]
    static let objects = ["old maps", "tin soldiers", "seashells", "pocket watches", "kites", "teapots", "postcards",
                          "model trains", "bicycles", "lanterns", "fountain pens", "music boxes", "sailboats",
                          "garden gnomes", "typewriters", "snow globes", "chess sets", "clocks"]

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let n = level["statements"]
        let names = RGC.allNames
        let needle = (rng.pick(Self.activities), rng.pick(Self.objects))
        let who = rng.pick(names)
        let position = rng.int(0..<n)
        var lines: [String] = []
        for i in 0..<n {
            if i == position {
                lines.append("\(who) \(rng.pick(Self.feelings)) \(needle.0) \(needle.1).")
                continue
            }
            var pastime = needle
            while pastime == needle { pastime = (rng.pick(Self.activities), rng.pick(Self.objects)) }
            lines.append("\(rng.pick(names)) \(rng.pick(Self.feelings)) \(pastime.0) \(pastime.1).")
        }
        let question = """
            \(lines.joined(separator: "\n"))

            Who \(["likes", "enjoys"][rng.int(0...1)]) \(needle.0) \(needle.1)? Give the name as your final answer \
            inside <<< and >>>.
            """
        return GeneratedItem(question: question, gold: who, metadata: [
            "statements": JSONValue(lines), "pastime": .string("\(needle.0) \(needle.1)"), "answer": .string(who),
        ])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let who = metadata["answer"]?.stringValue, metadata["pastime"] != nil else { return .wrong("item metadata has no answer") }
        return BBH.tidy(answer).lowercased() == who.lowercased() ? .correct(who) : .wrong("it is \(who)")
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        statements = \(RGC.py(metadata["statements"]))
        pastime = \(RGC.py(metadata["pastime"]))
        hits = [s for s in statements if s.endswith(" " + pastime + ".")]
        print(hits[0].split(" ")[0])
        """
    }
}
