// path_star (Reasoning Gym, graphs): a "path-star" graph is a centre with
// several arms, each a simple path. Given the edges in a shuffled order, give
// the path from the centre to a named end node. Only one path exists, so the
// verifier compares node lists; the oracle searches the graph breadth-first.

public struct PathStarTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "path_star", title: "Path in a path-star graph", source: .reasoningGym, category: "graphs",
        description: "Trace the arm of a star of paths from the centre to a given end node.",
        knobs: [Knob("arms", "number of arms"), Knob("arm_length", "nodes on each arm")],
        levels: [Level("easy", ["arms": 2, "arm_length": 3]),
                 Level("medium", ["arms": 3, "arm_length": 5]),
                 Level("hard", ["arms": 4, "arm_length": 6]),
                 Level("expert", ["arms": 5, "arm_length": 8])],
        defaultLevel: 1)

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let arms = level["arms"], length = level["arm_length"]
        let n = 1 + arms * length
        // Node labels are a random sample of 0…99 (more when the graph is larger).
        let labels = rng.sample(Array(0..<max(100, 2 * n)), count: n)
        let centre = labels[0]
        var edges: [[Int]] = []
        var ends: [Int] = []
        var paths: [[Int]] = []
        for a in 0..<arms {
            var previous = centre
            var path = [centre]
            for i in 0..<length {
                let v = labels[1 + a * length + i]
                edges.append(rng.chance(0.5) ? [previous, v] : [v, previous])
                path.append(v)
                previous = v
            }
            ends.append(previous)
            paths.append(path)
        }
        let which = rng.int(0..<arms)
        edges = rng.shuffled(edges)
        let question = """
            An undirected graph has these edges:
            \(RGC.edgeText(edges, arrow: "-"))

            Give the path from node \(centre) to node \(ends[which]) as the list of nodes it visits, both ends \
            included, as your final answer inside <<< and >>>, separated by commas, for example \
            <<<\(centre), 7, 12>>>.
            """
        return GeneratedItem(question: question, gold: paths[which].map(String.init).joined(separator: ", "),
                             metadata: ["edges": .array(edges.map { JSONValue($0) }), "start": .int(centre),
                                        "goal": .int(ends[which]), "path": JSONValue(paths[which])])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let path = metadata["path"]?.intArray, !path.isEmpty else { return .wrong("item metadata has no path") }
        guard let given = RGC.nodeList(answer, limit: path.count * 2 + 2) else {
            return .wrong("the answer is not a list of node numbers")
        }
        return given == path ? .correct("the path") : .wrong("the path is \(path.map(String.init).joined(separator: ", "))")
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        from collections import deque
        edges = \(RGC.py(metadata["edges"]))
        start, goal = \(metadata["start"]?.intValue ?? 0), \(metadata["goal"]?.intValue ?? 0)
        previous = {start: None}
        queue = deque([start])
        while queue:
            v = queue.popleft()
            for a, b in edges:
                for x, y in ((a, b), (b, a)):
                    if x == v and y not in previous:
                        previous[y] = v
                        queue.append(y)
        path = [goal]
        while previous[path[-1]] is not None:
            path.append(previous[path[-1]])
        print(", ".join(map(str, reversed(path))))
        """
    }
}
