// kakurasu (Reasoning Gym, games): shade cells of an n×n grid. A shaded cell
// in column c (counting from 1) adds c to its row's total and a shaded cell in
// row r adds r to its column's total; every row and column total is given.
// Built from a random shading; several shadings can fit the totals, and the
// verifier accepts any of them.

public struct KakurasuTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "kakurasu", title: "Kakurasu", source: .reasoningGym, category: "games",
        description: "Shade grid cells so each row and column reaches its weighted total.",
        knobs: [Knob("size", "grid side"), Knob("shade_percent", "share of shaded cells in the hidden grid")],
        levels: [Level("easy", ["size": 5, "shade_percent": 40]),
                 Level("medium", ["size": 6, "shade_percent": 45]),
                 Level("hard", ["size": 7, "shade_percent": 45]),
                 Level("expert", ["size": 8, "shade_percent": 50])],
        defaultLevel: 1)

    static func totals(_ g: [[Int]]) -> (rows: [Int], cols: [Int]) {
        let n = g.count
        let rows = g.map { row in row.indices.reduce(0) { $0 + row[$1] * ($1 + 1) } }
        let cols = (0..<n).map { c in (0..<n).reduce(0) { $0 + g[$1][c] * ($1 + 1) } }
        return (rows, cols)
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let n = level["size"]
        let g = RGGrids.binaryGrid(rows: n, cols: n, p: Double(level["shade_percent"]) / 100, rng: &rng)
        let (rows, cols) = Self.totals(g)
        let question = """
            Shade some cells of a \(n)×\(n) grid. Rows and columns are numbered 1 to \(n). A shaded cell in \
            column c adds c to its row's total, and a shaded cell in row r adds r to its column's total.
            Row totals, top to bottom: \(rows.map(String.init).joined(separator: ", "))
            Column totals, left to right: \(cols.map(String.init).joined(separator: ", "))

            Give the grid as your final answer inside <<< and >>>, one row a line, 1 for shaded and 0 for \
            blank, numbers separated by spaces. Any grid that meets every total is accepted.
            """
        return GeneratedItem(question: question, gold: RGGrids.render(g), metadata: [
            "row_totals": JSONValue(rows), "column_totals": JSONValue(cols),
        ])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let rows = metadata["row_totals"]?.intArray, let cols = metadata["column_totals"]?.intArray,
              rows.count == cols.count, !rows.isEmpty else { return .wrong("item metadata has no totals") }
        let n = rows.count
        guard let g = RGGrids.parseGrid(answer, rows: n, cols: n), g.allSatisfy({ $0.allSatisfy { $0 == 0 || $0 == 1 } }) else {
            return .wrong("the answer must be \(n) rows of \(n) zeros and ones")
        }
        let got = Self.totals(g)
        if let r = (0..<n).first(where: { got.rows[$0] != rows[$0] }) { return .wrong("row \(r + 1) totals \(got.rows[r]), not \(rows[r])") }
        if let c = (0..<n).first(where: { got.cols[$0] != cols[$0] }) { return .wrong("column \(c + 1) totals \(got.cols[c]), not \(cols[c])") }
        return .correct("every total is met")
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        from itertools import product
        rows = \(RGC.py(metadata["row_totals"]))
        cols = \(RGC.py(metadata["column_totals"]))
        n = len(rows)
        # Candidate shadings of each row that meet its total.
        fits = [[bits for bits in product([0, 1], repeat=n) if sum((c + 1) * b for c, b in enumerate(bits)) == t]
                for t in rows]
        def search(r, sums, chosen):
            if r == n:
                return chosen if sums == cols else None
            for bits in fits[r]:
                new = [s + (r + 1) * b for s, b in zip(sums, bits)]
                # Each column must stay within reach of its total: not over it, and not so far
                # under it that the rows below (worth r + 2 … n) cannot make up the difference.
                below = sum(range(r + 2, n + 1))
                if all(x <= y <= x + below for x, y in zip(new, cols)):
                    found = search(r + 1, new, chosen + [bits])
                    if found:
                        return found
            return None
        grid = search(0, [0] * n, [])
        print("\\n".join(" ".join(map(str, row)) for row in grid))
        """
    }
}
