// course_schedule (Reasoning Gym, graphs): can every course be finished given
// prerequisite pairs? True exactly when the prerequisite graph has no cycle.
// Labels are balanced: "False" items get a planted cycle, "True" items are
// built on a random topological order, and the label is re-checked by Kahn's
// algorithm either way.

public struct CourseScheduleTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "course_schedule", title: "Course schedule", source: .reasoningGym, category: "graphs",
        description: "Decide whether all courses can be taken given prerequisite pairs (is the graph acyclic?).",
        knobs: [Knob("courses", "number of courses"), Knob("prerequisites", "number of prerequisite pairs"),
                Knob("cycle_length", "length of the planted cycle in impossible items")],
        levels: [Level("easy", ["courses": 5, "prerequisites": 5, "cycle_length": 3]),
                 Level("medium", ["courses": 8, "prerequisites": 10, "cycle_length": 4]),
                 Level("hard", ["courses": 12, "prerequisites": 18, "cycle_length": 5]),
                 Level("expert", ["courses": 16, "prerequisites": 26, "cycle_length": 6])],
        defaultLevel: 1)

    static func acyclic(_ n: Int, _ pairs: [[Int]]) -> Bool {
        var indeg = [Int](repeating: 0, count: n)
        var out = [[Int]](repeating: [], count: n)
        for p in pairs where p.count == 2 && (0..<n).contains(p[0]) && (0..<n).contains(p[1]) {
            out[p[1]].append(p[0]); indeg[p[0]] += 1
        }
        var ready = (0..<n).filter { indeg[$0] == 0 }
        var done = 0
        while let v = ready.popLast() {
            done += 1
            for u in out[v] { indeg[u] -= 1; if indeg[u] == 0 { ready.append(u) } }
        }
        return done == n
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let n = level["courses"], m = level["prerequisites"], k = min(level["cycle_length"], level["courses"])
        let possible = rng.chance(0.5)
        var pairs: [[Int]] = []
        for attempt in 1... {
            let order = rng.shuffled(Array(0..<n))  // courses in a valid order
            var set = Set<[Int]>()
            // Pair [a, b]: to take a you must first take b; b comes earlier in `order`.
            if !possible {
                let cyc = rng.sample(Array(0..<n), count: k)
                for i in 0..<k { set.insert([cyc[i], cyc[(i + 1) % k]]) }
            }
            var guardCount = 0
            while set.count < m && guardCount < 1000 {
                guardCount += 1
                let i = rng.int(0..<n), j = rng.int(0..<n)
                guard i != j else { continue }
                let (early, late) = (min(i, j), max(i, j))
                set.insert([order[late], order[early]])
            }
            pairs = rng.shuffled(Array(set).sorted { ($0[0], $0[1]) < ($1[0], $1[1]) })
            if CourseScheduleTask.acyclic(n, pairs) == possible { break }
            precondition(attempt < 500, "course_schedule: could not build the wanted label")
        }
        let listed = pairs.map { "(\($0[0]), \($0[1]))" }.joined(separator: ", ")
        let question = """
            There are \(n) courses, numbered 0 to \(n - 1). Each pair (a, b) below means that course b \
            must be finished before course a can be taken:
            \(listed)

            Is it possible to finish all \(n) courses? Answer <<<True>>> or <<<False>>>.
            """
        return GeneratedItem(question: question, gold: possible ? "True" : "False",
                             metadata: ["courses": .int(n), "prerequisites": .array(pairs.map { JSONValue($0) }),
                                        "possible": .bool(possible)])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let possible = metadata["possible"]?.boolValue else { return .wrong("item metadata has no label") }
        return BBH.verifyBinary(answer: answer, expected: possible, trueWord: "True", falseWord: "False")
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        n = \(metadata["courses"]?.intValue ?? 0)
        pairs = \(RGGrids.py(metadata["prerequisites"] ?? .null))
        need = {c: {b for a, b in pairs if a == c} for c in range(n)}
        done = set()
        while True:
            ready = [c for c in range(n) if c not in done and need[c] <= done]
            if not ready:
                break
            done.update(ready)
        print(len(done) == n)
        """
    }
}
