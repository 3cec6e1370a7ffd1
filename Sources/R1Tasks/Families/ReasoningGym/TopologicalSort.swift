// topological_sort (Reasoning Gym style, graphs): order the nodes of a directed
// acyclic graph so every edge points forward. Many orders are usually valid;
// the verifier accepts any permutation that respects every edge.

public struct TopologicalSortTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "topological_sort", title: "Topological order", source: .reasoningGym, category: "graphs",
        description: "List the nodes of a directed acyclic graph so that every edge goes from earlier to later.",
        knobs: [Knob("nodes", "number of nodes"), Knob("edges", "number of edges")],
        levels: [Level("easy", ["nodes": 5, "edges": 5]),
                 Level("medium", ["nodes": 8, "edges": 11]),
                 Level("hard", ["nodes": 12, "edges": 20]),
                 Level("expert", ["nodes": 18, "edges": 34])],
        defaultLevel: 1)

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let n = level["nodes"], m = min(level["edges"], n * (n - 1) / 2)
        let order = rng.shuffled(Array(0..<n))  // a hidden valid order
        var set = Set<[Int]>()
        while set.count < m {
            let i = rng.int(0..<n), j = rng.int(0..<n)
            if i != j { set.insert([order[min(i, j)], order[max(i, j)]]) }
        }
        let edges = rng.shuffled(set.sorted { ($0[0], $0[1]) < ($1[0], $1[1]) })
        let question = """
            A directed graph has nodes 0 to \(n - 1) and these edges (u->v is an edge from u to v):
            \(RGC.edgeText(edges, arrow: "->"))

            List all \(n) nodes in an order where every edge goes from an earlier node to a later one. Give the \
            order as your final answer inside <<< and >>>, numbers separated by commas, for example \
            <<<\((0..<min(n, 3)).map(String.init).joined(separator: ", "))>>>. Any valid order is accepted.
            """
        return GeneratedItem(question: question, gold: order.map(String.init).joined(separator: ", "),
                             metadata: ["nodes": .int(n), "edges": .array(edges.map { JSONValue($0) })])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let n = metadata["nodes"]?.intValue, n > 0, let edges = metadata["edges"]?.arrayValue else {
            return .wrong("item metadata has no graph")
        }
        guard let order = RGC.nodeList(answer, limit: n + 1), order.count == n, Set(order) == Set(0..<n) else {
            return .wrong("the answer must list each node 0…\(n - 1) exactly once")
        }
        var position = [Int](repeating: 0, count: n)
        for (i, v) in order.enumerated() { position[v] = i }
        for e in edges {
            guard let uv = e.intArray, uv.count == 2, uv.allSatisfy({ (0..<n).contains($0) }) else {
                return .wrong("item metadata has a bad edge")
            }
            if position[uv[0]] > position[uv[1]] { return .wrong("edge \(uv[0])->\(uv[1]) goes backwards") }
        }
        return .correct("every edge goes forward")
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        import heapq
        n = \(metadata["nodes"]?.intValue ?? 0)
        edges = \(RGC.py(metadata["edges"]))
        indegree = [0] * n
        for u, v in edges:
            indegree[v] += 1
        ready = [v for v in range(n) if indegree[v] == 0]
        heapq.heapify(ready)
        order = []
        while ready:
            u = heapq.heappop(ready)
            order.append(u)
            for a, b in edges:
                if a == u:
                    indegree[b] -= 1
                    if indegree[b] == 0:
                        heapq.heappush(ready, b)
        print(", ".join(map(str, order)))
        """
    }
}
