// BoxLift (SymBench): lifters with capacities, boxes with weights; in each
// step lifters (alone or in teams) each lift one box whose weight their
// capacities cover. Lift every box within a step budget, set by the
// generator's greedy plan. Many plans are valid: the verifier simulates them.

public struct BoxLiftTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "boxlift",
        title: "BoxLift",
        source: .symbench,
        category: "planning",
        description: "Plan which lifters (alone or in teams) lift which boxes in each step to lift all boxes in time.",
        knobs: [
            Knob("boxes", "how many boxes"),
            Knob("lifters", "how many lifters"),
        ],
        levels: [
            Level("easy", ["boxes": 5, "lifters": 3]),
            Level("medium", ["boxes": 7, "lifters": 3]),
            Level("hard", ["boxes": 11, "lifters": 4]),
            Level("expert", ["boxes": 16, "lifters": 5]),
        ],
        defaultLevel: 1
    )

    /// The generator's plan: per step, (box, lifters) pairs, 0-based. Heaviest box first; a box
    /// takes the weakest single lifter that can carry it, else the strongest lifters until enough.
    static func greedy(weights: [Int], capacities: [Int]) -> [[(Int, [Int])]] {
        var remaining = weights.indices.sorted { (weights[$0], -$0) > (weights[$1], -$1) }
        var steps: [[(Int, [Int])]] = []
        while !remaining.isEmpty && steps.count < 100 {
            var free = capacities.indices.sorted { (capacities[$0], -$0) > (capacities[$1], -$1) }
            var step: [(Int, [Int])] = []
            var left: [Int] = []
            for box in remaining {
                let w = weights[box]
                if let single = free.last(where: { capacities[$0] >= w }) {
                    step.append((box, [single]))
                    free.removeAll { $0 == single }
                } else if free.reduce(0, { $0 + capacities[$1] }) >= w {
                    var team: [Int] = [], total = 0
                    for l in free where total < w { team.append(l); total += capacities[l] }
                    step.append((box, team.sorted()))
                    free.removeAll { team.contains($0) }
                } else {
                    left.append(box)
                }
            }
            steps.append(step)
            remaining = left
        }
        return steps
    }

    static func format(_ plan: [[(Int, [Int])]]) -> String {
        plan.enumerated().map { i, step in
            "Step \(i + 1): [" + step.map { "(\($0.0 + 1), [\($0.1.map { String($0 + 1) }.joined(separator: ", "))])" }
                .joined(separator: ", ") + "]"
        }.joined(separator: "\n")
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let capacities = (0..<level["lifters"]).map { _ in rng.int(8...30) * 5 }
        let total = capacities.reduce(0, +)
        let weights = (0..<level["boxes"]).map { _ in rng.int(4...(total * 9 / 10 / 5)) * 5 }
        let plan = Self.greedy(weights: weights, capacities: capacities)
        let question = """
            There are \(weights.count) boxes and \(capacities.count) lifters.
            Box weights: \(weights.enumerated().map { "box \($0.offset + 1) = \($0.element)" }.joined(separator: ", ")).
            Lifter capacities: \(capacities.enumerated().map { "lifter \($0.offset + 1) = \($0.element)" }.joined(separator: ", ")).
            In each step, every lifter can work on at most one box, and several lifters can team up on one box; a \
            box is lifted (and removed) in a step when the capacities of the lifters assigned to it add up to at \
            least its weight. Each box must be lifted exactly once.
            Lift all the boxes in at most \(plan.count) step\(plan.count == 1 ? "" : "s"). Give the plan with one \
            line per step, listing (box, [lifters]) pairs with 1-based numbers, in the form
            <<<
            Step 1: [(2, [1, 3]), (5, [2])]
            Step 2: [(1, [1, 2, 3])]
            >>>
            """
        return GeneratedItem(question: question, gold: Self.format(plan), metadata: [
            "weights": JSONValue(weights), "capacities": JSONValue(capacities), "max_steps": .int(plan.count),
        ])
    }

    /// Reads "Step k: [(box, [lifters]), ...]" lines; nil when the text has no such structure.
    static func parse(_ text: String) -> [[(Int, [Int])]]? {
        let chunks = text.lowercased().components(separatedBy: "step").dropFirst()
        guard !chunks.isEmpty, chunks.count <= 1000 else { return nil }
        var plan: [[(Int, [Int])]] = []
        for chunk in chunks {
            // Drop the step number and colon, then read each parenthesised group.
            var rest = chunk.drop { $0.isWhitespace || $0.isNumber }
            if rest.first == ":" || rest.first == "-" { rest = rest.dropFirst() }
            guard chunk.first(where: { !$0.isWhitespace })?.isNumber == true else { return nil }
            var step: [(Int, [Int])] = []
            while let open = rest.firstIndex(of: "(") {
                guard let close = rest[open...].firstIndex(of: ")") else { return nil }
                guard let numbers = SymParse.integers(String(rest[rest.index(after: open)..<close])), numbers.count >= 2 else {
                    return nil
                }
                step.append((numbers[0] - 1, numbers.dropFirst().map { $0 - 1 }))
                rest = rest[rest.index(after: close)...]
            }
            let leftover = rest.filter { !$0.isWhitespace && $0 != "]" && $0 != "[" && $0 != "," && $0 != ";" && $0 != "." }
            guard leftover.isEmpty else { return nil }
            plan.append(step)
        }
        return plan
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let weights = metadata["weights"]?.intArray, let capacities = metadata["capacities"]?.intArray,
              let limit = metadata["max_steps"]?.intValue, !weights.isEmpty else { return .wrong("item metadata is incomplete") }
        guard let plan = Self.parse(answer) else { return .wrong("expected lines 'Step k: [(box, [lifters]), ...]'") }
        guard plan.count <= limit else { return .wrong("\(plan.count) steps, at most \(limit) allowed") }
        var lifted = Set<Int>()
        for (s, step) in plan.enumerated() {
            var busy = Set<Int>()
            for (box, team) in step {
                guard weights.indices.contains(box) else { return .wrong("step \(s + 1): there is no box \(box + 1)") }
                guard !lifted.contains(box) else { return .wrong("step \(s + 1): box \(box + 1) is already lifted") }
                guard team.allSatisfy({ capacities.indices.contains($0) }) else { return .wrong("step \(s + 1): unknown lifter") }
                guard Set(team).count == team.count, busy.isDisjoint(with: team) else {
                    return .wrong("step \(s + 1): a lifter works on two boxes")
                }
                let power = team.reduce(0) { $0 + capacities[$1] }
                guard power >= weights[box] else {
                    return .wrong("step \(s + 1): lifters with capacity \(power) cannot lift box \(box + 1) (\(weights[box]))")
                }
                busy.formUnion(team)
                lifted.insert(box)
            }
        }
        guard lifted.count == weights.count else { return .wrong("\(weights.count - lifted.count) boxes are never lifted") }
        return .correct("every box lifted in \(plan.count) steps")
    }

    public func oracle(metadata: JSONValue) -> String {
        let weights = metadata["weights"]?.intArray ?? []
        let capacities = metadata["capacities"]?.intArray ?? []
        return """
            weights = \(weights)
            capacities = \(capacities)
            remaining = sorted(range(len(weights)), key=lambda b: (-weights[b], b))
            steps = []
            while remaining:
                free = sorted(range(len(capacities)), key=lambda l: (-capacities[l], l))
                step, left = [], []
                for box in remaining:
                    w = weights[box]
                    singles = [l for l in free if capacities[l] >= w]
                    if singles:
                        team = [singles[-1]]  # the weakest lifter that can carry it alone
                    elif sum(capacities[l] for l in free) >= w:
                        team, total = [], 0
                        for l in free:
                            if total >= w:
                                break
                            team.append(l)
                            total += capacities[l]
                    else:
                        left.append(box)
                        continue
                    step.append((box, sorted(team)))
                    free = [l for l in free if l not in team]
                steps.append(step)
                remaining = left
            for i, step in enumerate(steps, 1):
                pairs = ", ".join(f"({b + 1}, [{', '.join(str(l + 1) for l in team)}])" for b, team in step)
                print(f"Step {i}: [{pairs}]")
            """
    }
}
