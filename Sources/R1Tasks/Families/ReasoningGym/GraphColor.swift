// graph_color (Reasoning Gym, algorithmic): colour the vertices of a graph with
// at most k colours so that no edge joins two vertices of the same colour. The
// graph is built around a hidden colouring (so one exists); the verifier checks
// any colouring for validity and needs no gold.

public struct GraphColorTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "graph_color", title: "Graph colouring", source: .reasoningGym, category: "algorithmic",
        description: "Give a proper vertex colouring with at most k colours (any valid colouring is accepted).",
        knobs: [Knob("vertices", "vertices in the graph"), Knob("colours", "colours allowed"),
                Knob("edges_per_vertex_x10", "edges per vertex, times ten")],
        levels: [Level("easy", ["vertices": 9, "colours": 3, "edges_per_vertex_x10": 14]),
                 Level("medium", ["vertices": 12, "colours": 3, "edges_per_vertex_x10": 18]),
                 Level("hard", ["vertices": 18, "colours": 4, "edges_per_vertex_x10": 28]),
                 Level("expert", ["vertices": 26, "colours": 4, "edges_per_vertex_x10": 32])],
        defaultLevel: 1)

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let n = level["vertices"], k = level["colours"]
        let want = n * level["edges_per_vertex_x10"] / 10
        var hidden: [Int] = [], candidates: [[Int]] = []
        // Redraw lopsided colourings: too few possible edges would make many graphs alike.
        repeat {
            hidden = (0..<n).map { _ in rng.int(1...k) }
            candidates = []
            for a in 0..<n { for b in (a + 1)..<n where hidden[a] != hidden[b] { candidates.append([a, b]) } }
        } while candidates.count < want + 5 || Set(hidden).count < k
        let edges = rng.sample(candidates, count: want).sorted { ($0[0], $0[1]) < ($1[0], $1[1]) }
        let question = """
            A graph has vertices 0 to \(n - 1) and these edges:

            \(edges.map { "\($0[0])-\($0[1])" }.joined(separator: ", "))

            Colour every vertex with one of the colours 1 to \(k) so that the two ends of every edge have \
            different colours. Give your final answer inside <<< and >>> as a JSON list of \(n) colours, the \
            colour of vertex 0 first, e.g. <<<[1, 2, 1, ...]>>>. Any valid colouring is accepted.
            """
        return GeneratedItem(question: question, gold: "[" + hidden.joinedDecimal(separator: ", ") + "]",
                             metadata: ["vertices": .int(n), "colours": .int(k), "edges": JSONValue(edges)])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let n = metadata["vertices"]?.intValue, let k = metadata["colours"]?.intValue, n > 0,
              let edges = RGGrids.intGrid(metadata["edges"]) else { return .wrong("item metadata has no graph") }
        var colours: [Int] = []
        if let list = JSONValue.parse(answer)?.intArray {
            colours = list
        } else if let object = JSONValue.parse(answer)?.objectValue {
            // {"0": 1, "1": 2, ...} is accepted too.
            for v in 0..<n {
                guard let c = object[String(v)]?.intValue else { return .wrong("vertex \(v) has no colour") }
                colours.append(c)
            }
            guard object.count == n else { return .wrong("colour exactly the vertices 0 to \(n - 1)") }
        } else {
            return .wrong("the answer is not a JSON list of colours")
        }
        guard colours.count == n else { return .wrong("give \(n) colours, not \(colours.count)") }
        guard colours.allSatisfy({ (1...k).contains($0) }) else { return .wrong("colours must be 1 to \(k)") }
        for e in edges where e.count == 2 && e.allSatisfy({ (0..<n).contains($0) }) && colours[e[0]] == colours[e[1]] {
            return .wrong("edge \(e[0])-\(e[1]) joins two vertices of colour \(colours[e[0]])")
        }
        return .correct("a proper colouring")
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        n, k = \(metadata["vertices"]?.intValue ?? 0), \(metadata["colours"]?.intValue ?? 0)
        edges = \(RGGrids.py(metadata["edges"] ?? .null))
        nbrs = [set() for _ in range(n)]
        for a, b in edges:
            nbrs[a].add(b); nbrs[b].add(a)
        order = sorted(range(n), key=lambda v: -len(nbrs[v]))
        colour = [0] * n
        def place(i):
            if i == n:
                return True
            v = order[i]
            for c in range(1, k + 1):
                if all(colour[u] != c for u in nbrs[v]):
                    colour[v] = c
                    if place(i + 1):
                        return True
            colour[v] = 0
            return False
        place(0)
        print(colour)
        """
    }
}
