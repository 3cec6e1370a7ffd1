// jugs (Reasoning Gym, algorithmic): measure an exact amount of water with jugs
// of given sizes, a tap and a drain. The verifier simulates the plan; any plan
// that leaves the amount in some jug is accepted, not only the shortest.
// Puzzles are redrawn until the shortest plan has at least `min_steps` steps.

public struct JugsTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "jugs", title: "Water jugs", source: .reasoningGym, category: "algorithmic",
        description: "Plan fill/empty/pour steps that leave an exact amount of water in one jug (simulated).",
        knobs: [Knob("jugs", "number of jugs"), Knob("max_capacity", "largest jug size"),
                Knob("min_steps", "fewest steps the shortest plan needs")],
        levels: [Level("easy", ["jugs": 2, "max_capacity": 60, "min_steps": 3]),
                 Level("medium", ["jugs": 3, "max_capacity": 30, "min_steps": 5]),
                 Level("hard", ["jugs": 3, "max_capacity": 40, "min_steps": 8]),
                 Level("expert", ["jugs": 3, "max_capacity": 50, "min_steps": 10])],
        defaultLevel: 1)

    static let maxPlanSteps = 500

    enum Step: Equatable { case fill(Int), empty(Int), pour(Int, Int) }

    static func apply(_ step: Step, to state: inout [Int], capacities: [Int]) {
        switch step {
        case .fill(let j): state[j] = capacities[j]
        case .empty(let j): state[j] = 0
        case .pour(let a, let b):
            let moved = min(state[a], capacities[b] - state[b])
            state[a] -= moved
            state[b] += moved
        }
    }

    static func name(_ j: Int) -> String { String(ascii: [UInt8(65 + j)]) }

    static func render(_ step: Step) -> String {
        switch step {
        case .fill(let j): return "fill \(name(j))"
        case .empty(let j): return "empty \(name(j))"
        case .pour(let a, let b): return "pour \(name(a))->\(name(b))"
        }
    }

    /// A shortest plan by breadth-first search over jug contents, or nil when the target cannot be reached.
    static func shortestPlan(capacities: [Int], target: Int) -> [Step]? {
        let n = capacities.count
        var steps: [Step] = []
        for j in 0..<n { steps.append(.fill(j)); steps.append(.empty(j)) }
        for a in 0..<n { for b in 0..<n where a != b { steps.append(.pour(a, b)) } }
        // State index: mixed radix over (capacity + 1).
        func index(_ s: [Int]) -> Int { s.indices.reduce(0) { $0 * (capacities[$1] + 1) + s[$1] } }
        let total = capacities.reduce(1) { $0 * ($1 + 1) }
        var previous = [Int32](repeating: -1, count: total), via = [Int16](repeating: -1, count: total)
        var states: [[Int]] = [[Int](repeating: 0, count: n)]
        previous[0] = 0
        var head = 0
        while head < states.count {
            let s = states[head]; head += 1
            if s.contains(target) {
                var plan: [Step] = []
                var i = index(s)
                while i != 0 { plan.append(steps[Int(via[i])]); i = Int(previous[i]) }
                return plan.reversed()
            }
            for (k, step) in steps.enumerated() {
                var t = s
                apply(step, to: &t, capacities: capacities)
                let ti = index(t)
                if previous[ti] < 0 { previous[ti] = Int32(index(s)); via[ti] = Int16(k); states.append(t) }
            }
        }
        return nil
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        var capacities: [Int] = [], target = 0, plan: [Step] = []
        while true {
            capacities = (0..<level["jugs"]).map { _ in rng.int(2...level["max_capacity"]) }
            target = rng.int(1...(capacities.max()! - 1))
            if let found = JugsTask.shortestPlan(capacities: capacities, target: target), found.count >= level["min_steps"] {
                plan = found
                break
            }
        }
        let names = capacities.indices.map(JugsTask.name)
        let question = """
            You have \(capacities.count) empty jugs: \(zip(names, capacities).map { "\($0) holds \($1) litres" }.joined(separator: ", ")). \
            There is a tap and a drain. Each step is one of:
              fill X      (fill jug X to the top from the tap)
              empty X     (pour all of jug X down the drain)
              pour X->Y   (pour from X into Y until X is empty or Y is full)
            Jugs have no markings. Give a plan that leaves exactly \(target) litres in one of the jugs.

            Give your final answer inside <<< and >>>, the steps separated by commas, e.g. \
            <<<fill A, pour A->B, empty B>>>.
            """
        return GeneratedItem(question: question, gold: plan.map(JugsTask.render).joined(separator: ", "),
                             metadata: ["capacities": JSONValue(capacities), "target": .int(target),
                                        "shortest": .int(plan.count)])
    }

    /// Steps from "fill A, pour A->B" (also one per line, "pour A to B", "pour A into B").
    static func parsePlan(_ answer: String, jugs: Int) -> [Step]? {
        let pieces = answer.split(whereSeparator: { $0 == "," || $0 == ";" || $0.isNewline }).map { $0.trimmed() }
        guard !pieces.isEmpty, pieces.count <= maxPlanSteps else { return nil }
        func jug(_ s: Substring) -> Int? {
            guard s.count == 1, let b = s.uppercased().utf8.first, b >= 65, Int(b) - 65 < jugs else { return nil }
            return Int(b) - 65
        }
        var plan: [Step] = []
        for piece in pieces where !piece.isEmpty {
            let words = piece.lowercased().replacing("->", with: " ").split(separator: " ").filter { $0 != "to" && $0 != "into" }
            switch (words.first.map(String.init) ?? "", words.count) {
            case ("fill", 2): guard let j = jug(words[1]) else { return nil }; plan.append(.fill(j))
            case ("empty", 2): guard let j = jug(words[1]) else { return nil }; plan.append(.empty(j))
            case ("pour", 3):
                guard let a = jug(words[1]), let b = jug(words[2]), a != b else { return nil }
                plan.append(.pour(a, b))
            default: return nil
            }
        }
        return plan.isEmpty ? nil : plan
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let capacities = metadata["capacities"]?.intArray, !capacities.isEmpty, capacities.count <= 26,
              capacities.allSatisfy({ $0 > 0 }), let target = metadata["target"]?.intValue else {
            return .wrong("item metadata has no jugs")
        }
        guard let plan = JugsTask.parsePlan(answer, jugs: capacities.count) else {
            return .wrong("the answer is not a list of fill/empty/pour steps for jugs A–\(JugsTask.name(capacities.count - 1))")
        }
        var state = [Int](repeating: 0, count: capacities.count)
        for step in plan { JugsTask.apply(step, to: &state, capacities: capacities) }
        return state.contains(target) ? .correct("\(plan.count) steps leave \(target) litres")
            : .wrong("after the plan the jugs hold \(state), none \(target)")
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        from collections import deque
        caps, target = \(RGGrids.py(metadata["capacities"] ?? .null)), \(metadata["target"]?.intValue ?? 0)
        names = "ABCDEFGHIJ"
        n = len(caps)
        def moves(s):
            for j in range(n):
                t = list(s); t[j] = caps[j]; yield f"fill {names[j]}", tuple(t)
                t = list(s); t[j] = 0; yield f"empty {names[j]}", tuple(t)
            for a in range(n):
                for b in range(n):
                    if a != b:
                        m = min(s[a], caps[b] - s[b]); t = list(s); t[a] -= m; t[b] += m
                        yield f"pour {names[a]}->{names[b]}", tuple(t)
        start = (0,) * n
        back = {start: None}
        queue = deque([start])
        while queue:
            s = queue.popleft()
            if target in s:
                break
            for name, t in moves(s):
                if t not in back:
                    back[t] = (s, name); queue.append(t)
        plan = []
        while back[s]:
            s, name = back[s]; plan.append(name)
        print(", ".join(reversed(plan)))
        """
    }
}
