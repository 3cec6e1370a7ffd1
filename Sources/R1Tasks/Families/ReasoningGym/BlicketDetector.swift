// blicket_detector (induction; our take on Reasoning Gym's acre): a machine
// lights up when at least one "blicket" is placed on it. From a record of
// trials, decide whether a new set of objects makes it light up, leaves it
// dark, or cannot be decided. The answer is computed by keeping every set of
// blickets that agrees with all trials (labels are balanced over the three).

public struct BlicketDetectorTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "blicket_detector", title: "Blicket detector", source: .reasoningGym, category: "induction",
        description: "From trials of a detector that lights when any blicket is on it, predict on, off or undetermined.",
        knobs: [Knob("objects", "distinct objects"), Knob("trials", "recorded trials")],
        levels: [Level("easy", ["objects": 4, "trials": 3]), Level("medium", ["objects": 5, "trials": 4]),
                 Level("hard", ["objects": 7, "trials": 5]), Level("expert", ["objects": 9, "trials": 6])],
        defaultLevel: 1)

    static let colours = ["red", "blue", "green", "yellow", "purple", "orange", "grey", "white", "black", "pink", "brown"]
    static let shapes = ["cube", "ball", "cone", "ring", "disc", "cylinder", "pyramid", "star"]
    static let labels = ["on", "off", "undetermined"]

    /// The label for `query` (a bit mask) given trials (mask, lit) over `n` objects.
    static func label(objects n: Int, trials: [(Int, Bool)], query: Int) -> String? {
        var sawOn = false, sawOff = false, any = false
        for blickets in 1..<(1 << n) where trials.allSatisfy({ (($0.0 & blickets) != 0) == $0.1 }) {
            any = true
            if (query & blickets) != 0 { sawOn = true } else { sawOff = true }
        }
        guard any else { return nil }
        return sawOn && sawOff ? "undetermined" : (sawOn ? "on" : "off")
    }

    static func describe(_ mask: Int, names: [String]) -> String {
        names.indices.filter { mask & (1 << $0) != 0 }.map { names[$0] }.joined(separator: ", ")
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let n = level["objects"]
        let want = rng.pick(BlicketDetectorTask.labels)
        var names: [String] = []
        while names.count < n {
            let name = rng.pick(BlicketDetectorTask.colours) + " " + rng.pick(BlicketDetectorTask.shapes)
            if !names.contains(name) { names.append(name) }
        }
        while true {
            var blickets = 0
            while blickets == 0 { blickets = (0..<n).reduce(0) { $0 | (rng.chance(0.35) ? 1 << $1 : 0) } }
            let trials = (0..<level["trials"]).map { _ -> (Int, Bool) in
                var m = 0
                while m == 0 { m = (0..<n).reduce(0) { $0 | (rng.chance(0.4) ? 1 << $1 : 0) } }
                return (m, (m & blickets) != 0)
            }
            var query = 0
            while query == 0 { query = (0..<n).reduce(0) { $0 | (rng.chance(0.4) ? 1 << $1 : 0) } }
            guard !trials.contains(where: { $0.0 == query }),
                  BlicketDetectorTask.label(objects: n, trials: trials, query: query) == want else { continue }
            let lines = trials.map { "\(BlicketDetectorTask.describe($0.0, names: names)) → the machine \($0.1 ? "lights up" : "stays dark")" }
            let question = """
                A machine lights up whenever at least one blicket is on it, and stays dark otherwise. Some of \
                these objects are blickets (at least one is): \(names.joined(separator: ", ")).

                Trials (the objects put on the machine together, and what happened):
                \(lines.joined(separator: "\n"))

                If \(BlicketDetectorTask.describe(query, names: names)) are put on the machine together, does \
                it light up? Answer <<<on>>> if it must light up, <<<off>>> if it must stay dark, or \
                <<<undetermined>>> if the trials do not decide it.
                """
            return GeneratedItem(question: question, gold: want, metadata: [
                "objects": JSONValue(names), "trials": .array(trials.map { .array([.int($0.0), .bool($0.1)]) }),
                "query": .int(query),
            ])
        }
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let names = metadata["objects"]?.stringArray, (1...12).contains(names.count),
              let trialList = metadata["trials"]?.arrayValue, let query = metadata["query"]?.intValue else {
            return .wrong("item metadata has no trials")
        }
        var trials: [(Int, Bool)] = []
        for t in trialList {
            guard let m = t.element(0)?.intValue, let lit = t.element(1)?.boolValue else { return .wrong("item metadata has a bad trial") }
            trials.append((m, lit))
        }
        guard let expected = BlicketDetectorTask.label(objects: names.count, trials: trials, query: query) else {
            return .wrong("item metadata has contradictory trials")
        }
        let said = answer.trimmed().lowercased().trimmingSuffix(".")
        guard BlicketDetectorTask.labels.contains(said) else { return .wrong("answer on, off or undetermined") }
        return said == expected ? .correct(expected) : .wrong("the answer is \(expected)")
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        from itertools import product
        n = \(metadata["objects"]?.arrayValue?.count ?? 0)
        trials = \(RGGrids.py(metadata["trials"] ?? .null))
        query = \(metadata["query"]?.intValue ?? 0)
        outcomes = set()
        for bits in product([0, 1], repeat=n):
            b = sum(bit << i for i, bit in enumerate(bits))
            if b and all(bool(m & b) == lit for m, lit in trials):
                outcomes.add(bool(query & b))
        print("undetermined" if len(outcomes) == 2 else ("on" if True in outcomes else "off"))
        """
    }
}
