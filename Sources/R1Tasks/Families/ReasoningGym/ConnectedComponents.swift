// connected_components (R1CI graphs task in the spirit of Reasoning Gym's
// graph family): how many connected pieces does an undirected graph have?
// Built from a hidden partition (a random spanning tree inside each part plus
// extra edges inside parts), and recounted with union–find.

public struct ConnectedComponentsTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "connected_components", title: "Connected components", source: .reasoningGym, category: "graphs",
        description: "Count the connected components of an undirected graph given as an edge list.",
        knobs: [Knob("nodes", "number of nodes"), Knob("max_components", "largest number of components"),
                Knob("extra_edges", "edges added beyond the spanning trees")],
        levels: [Level("easy", ["nodes": 8, "max_components": 3, "extra_edges": 2]),
                 Level("medium", ["nodes": 12, "max_components": 5, "extra_edges": 4]),
                 Level("hard", ["nodes": 20, "max_components": 7, "extra_edges": 8]),
                 Level("expert", ["nodes": 30, "max_components": 10, "extra_edges": 14])],
        defaultLevel: 1)

    static func count(n: Int, edges: [[Int]]) -> Int {
        var parent = Array(0..<n)
        func root(_ v: Int) -> Int { var v = v; while parent[v] != v { parent[v] = parent[parent[v]]; v = parent[v] }; return v }
        var pieces = n
        for e in edges {
            let a = root(e[0]), b = root(e[1])
            if a != b { parent[a] = b; pieces -= 1 }
        }
        return pieces
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let n = level["nodes"], parts = rng.int(1...level["max_components"])
        // part[v]: which hidden part node v belongs to; every part non-empty.
        var part = (0..<n).map { $0 < parts ? $0 : rng.int(0..<parts) }
        rng.shuffle(&part)
        var set = Set<[Int]>()
        for p in 0..<parts {
            let members = rng.shuffled((0..<n).filter { part[$0] == p })
            for i in members.indices.dropFirst() {
                let j = members[rng.int(0..<i)]
                set.insert([min(members[i], j), max(members[i], j)])
            }
        }
        for _ in 0..<level["extra_edges"] {
            let a = rng.int(0..<n), b = rng.int(0..<n)
            if a != b && part[a] == part[b] { set.insert([min(a, b), max(a, b)]) }
        }
        let edges = rng.shuffled(set.sorted { ($0[0], $0[1]) < ($1[0], $1[1]) })
        let answer = Self.count(n: n, edges: edges)
        let question = """
            An undirected graph has nodes 0 to \(n - 1) and these edges:
            \(RGC.edgeText(edges, arrow: "-"))

            Nodes not named in any edge stand alone. How many connected components does the graph have? Give \
            the number as your final answer inside <<< and >>>, for example <<<2>>>.
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
        n = \(metadata["nodes"]?.intValue ?? 0)
        edges = \(RGC.py(metadata["edges"]))
        neighbours = {v: set() for v in range(n)}
        for a, b in edges:
            neighbours[a].add(b)
            neighbours[b].add(a)
        seen, pieces = set(), 0
        for v in range(n):
            if v in seen:
                continue
            pieces += 1
            todo = [v]
            seen.add(v)
            while todo:
                for w in neighbours[todo.pop()] - seen:
                    seen.add(w)
                    todo.append(w)
        print(pieces)
        """
    }
}
