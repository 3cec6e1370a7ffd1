// minimum_spanning_tree (R1CI graphs task in the spirit of Reasoning Gym's
// graph family): the total weight of a minimum spanning tree of a connected,
// weighted, undirected graph. Kruskal's algorithm here; Prim's in the oracle.

public struct MinimumSpanningTreeTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "minimum_spanning_tree", title: "Minimum spanning tree weight", source: .reasoningGym, category: "graphs",
        description: "Give the total weight of a minimum spanning tree of a weighted undirected graph.",
        knobs: [Knob("nodes", "number of nodes"), Knob("extra_edges", "edges beyond a spanning tree"),
                Knob("max_weight", "largest edge weight")],
        levels: [Level("easy", ["nodes": 5, "extra_edges": 3, "max_weight": 20]),
                 Level("medium", ["nodes": 8, "extra_edges": 7, "max_weight": 50]),
                 Level("hard", ["nodes": 12, "extra_edges": 14, "max_weight": 99]),
                 Level("expert", ["nodes": 16, "extra_edges": 24, "max_weight": 999])],
        defaultLevel: 1)

    static func weight(n: Int, edges: [[Int]]) -> Int {
        var parent = Array(0..<n)
        func root(_ v: Int) -> Int { var v = v; while parent[v] != v { v = parent[v] }; return v }
        var total = 0
        for e in edges.sorted(by: { $0[2] < $1[2] }) {
            let a = root(e[0]), b = root(e[1])
            if a != b { parent[a] = b; total += e[2] }
        }
        return total
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let n = level["nodes"], top = level["max_weight"]
        var pairs = Set<[Int]>()
        let order = rng.shuffled(Array(0..<n))
        for i in 1..<n {
            let j = order[rng.int(0..<i)]
            pairs.insert([min(order[i], j), max(order[i], j)])
        }
        let target = min(pairs.count + level["extra_edges"], n * (n - 1) / 2)
        while pairs.count < target {
            let a = rng.int(0..<n), b = rng.int(0..<n)
            if a != b { pairs.insert([min(a, b), max(a, b)]) }
        }
        let edges = rng.shuffled(pairs.sorted { ($0[0], $0[1]) < ($1[0], $1[1]) }).map { $0 + [rng.int(1...top)] }
        let answer = Self.weight(n: n, edges: edges)
        let question = """
            A connected undirected graph has nodes 0 to \(n - 1). Each edge is written u-v:w, joining u and v with \
            weight w:
            \(edges.map { "\($0[0])-\($0[1]):\($0[2])" }.joined(separator: ", "))

            What is the total weight of a minimum spanning tree (a set of edges joining all nodes with the \
            smallest possible weight sum)? Give the number as your final answer inside <<< and >>>, for example \
            <<<42>>>.
            """
        return GeneratedItem(question: question, gold: String(answer), metadata: [
            "nodes": .int(n), "edges": .array(edges.map { JSONValue($0) }), "answer": .int(answer),
        ])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        RG.verifyInteger(answer: answer, metadata: metadata)
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        import heapq
        n = \(metadata["nodes"]?.intValue ?? 0)
        edges = \(RGC.py(metadata["edges"]))
        adjacent = {v: [] for v in range(n)}
        for a, b, w in edges:
            adjacent[a].append((w, b))
            adjacent[b].append((w, a))
        inside, total = {0}, 0
        frontier = list(adjacent[0])
        heapq.heapify(frontier)
        while len(inside) < n:
            w, v = heapq.heappop(frontier)
            if v in inside:
                continue
            inside.add(v)
            total += w
            for item in adjacent[v]:
                heapq.heappush(frontier, item)
        print(total)
        """
    }
}
