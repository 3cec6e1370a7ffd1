// cycle_detection (R1CI graphs task in the spirit of Reasoning Gym's graph
// family): find a directed cycle, or say there is none. Unlike
// course_schedule's yes/no, the answer is a witness: any cycle of the graph is
// accepted, and the verifier follows its edges.

public struct CycleDetectionTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "cycle_detection", title: "Find a directed cycle", source: .reasoningGym, category: "graphs",
        description: "Name the nodes of a directed cycle in a graph, or answer none when it is acyclic.",
        knobs: [Knob("nodes", "number of nodes"), Knob("edges", "number of edges"),
                Knob("cycle_length", "length of the planted cycle")],
        levels: [Level("easy", ["nodes": 6, "edges": 7, "cycle_length": 3]),
                 Level("medium", ["nodes": 9, "edges": 12, "cycle_length": 4]),
                 Level("hard", ["nodes": 13, "edges": 19, "cycle_length": 5]),
                 Level("expert", ["nodes": 18, "edges": 28, "cycle_length": 7])],
        defaultLevel: 1)

    /// One directed cycle as a node list (first node not repeated), or nil when there is none.
    static func findCycle(n: Int, edges: [[Int]]) -> [Int]? {
        var out = [[Int]](repeating: [], count: n)
        for e in edges { out[e[0]].append(e[1]) }
        for v in 0..<n { out[v].sort() }
        var state = [Int](repeating: 0, count: n)  // 0 new, 1 on the stack, 2 finished
        var stack: [Int] = []
        func visit(_ v: Int) -> [Int]? {
            state[v] = 1; stack.append(v)
            for w in out[v] {
                if state[w] == 1, let at = stack.firstIndex(of: w) { return Array(stack[at...]) }
                if state[w] == 0, let c = visit(w) { return c }
            }
            state[v] = 2; stack.removeLast()
            return nil
        }
        for v in 0..<n where state[v] == 0 { if let c = visit(v) { return c } }
        return nil
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let n = level["nodes"], m = level["edges"], k = level["cycle_length"]
        let planted = rng.chance(0.75)
        // A hidden order makes every random edge point forward; a planted cycle adds one back edge.
        let order = rng.shuffled(Array(0..<n))
        var set = Set<[Int]>()
        if planted {
            let members = rng.sample(Array(0..<n), count: k)
            for i in 0..<k { set.insert([members[i], members[(i + 1) % k]]) }
        }
        while set.count < m {
            let i = rng.int(0..<n), j = rng.int(0..<n)
            if i != j { set.insert([order[min(i, j)], order[max(i, j)]]) }
        }
        let edges = rng.shuffled(set.sorted { ($0[0], $0[1]) < ($1[0], $1[1]) })
        let cycle = Self.findCycle(n: n, edges: edges)
        let question = """
            A directed graph has nodes 0 to \(n - 1) and these edges (u->v is an edge from u to v):
            \(RGC.edgeText(edges, arrow: "->"))

            Find a directed cycle: nodes v1, v2, …, vk, all different, with edges v1->v2, …, vk->v1. Give the \
            nodes in order as your final answer inside <<< and >>>, separated by commas, for example <<<4, 0, 2>>>; \
            if the graph has no directed cycle, answer <<<none>>>. Any cycle of the graph is accepted.
            """
        return GeneratedItem(question: question, gold: cycle.map { $0.map(String.init).joined(separator: ", ") } ?? "none",
                             metadata: ["nodes": .int(n), "edges": .array(edges.map { JSONValue($0) }),
                                        "has_cycle": .bool(cycle != nil)])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let n = metadata["nodes"]?.intValue, let hasCycle = metadata["has_cycle"]?.boolValue,
              let edgeList = metadata["edges"]?.arrayValue else { return .wrong("item metadata has no graph") }
        let edges = Set(edgeList.compactMap(\.intArray))
        if BBH.tidy(answer).lowercased() == "none" {
            return hasCycle ? .wrong("the graph has a directed cycle") : .correct("no cycle")
        }
        guard let nodes = RGC.nodeList(answer, limit: n + 2), !nodes.isEmpty else {
            return .wrong("the answer is neither none nor a list of nodes")
        }
        var cycle = nodes
        if cycle.count > 1, cycle.first == cycle.last { cycle.removeLast() }  // "1, 2, 3, 1" closes the loop
        guard cycle.count >= 2, Set(cycle).count == cycle.count else { return .wrong("a cycle lists two or more different nodes") }
        for i in cycle.indices where !edges.contains([cycle[i], cycle[(i + 1) % cycle.count]]) {
            return .wrong("there is no edge \(cycle[i])->\(cycle[(i + 1) % cycle.count])")
        }
        return .correct("a directed cycle")
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        import sys
        sys.setrecursionlimit(10000)
        n = \(metadata["nodes"]?.intValue ?? 0)
        edges = \(RGC.py(metadata["edges"]))
        succ = {v: sorted(b for a, b in edges if a == v) for v in range(n)}
        colour = [0] * n
        path = []
        def dfs(v):
            colour[v] = 1
            path.append(v)
            for w in succ[v]:
                if colour[w] == 1:
                    return path[path.index(w):]
                if colour[w] == 0:
                    found = dfs(w)
                    if found:
                        return found
            colour[v] = 2
            path.pop()
            return None
        answer = "none"
        for v in range(n):
            if colour[v] == 0:
                found = dfs(v)
                if found:
                    answer = ", ".join(map(str, found))
                    break
        print(answer)
        """
    }
}
