// Logic Puzzle (SymBench 20): choose k numbers from a grid, no two in the same
// row or column, whose sum (or product) is a target; at the top level no two
// chosen cells may touch, not even diagonally. The generator hides a
// selection that meets every rule; the verifier accepts any selection that does.

struct LogicPuzzleTask: ReasoningTask {
    let info = TaskInfo(
        id: "logic_puzzle",
        title: "Logic Puzzle",
        source: .symbench,
        category: "puzzle",
        description: "Pick k grid numbers in distinct rows and columns whose sum or product hits a target.",
        knobs: [
            Knob("size", "grid rows and columns"),
            Knob("picks", "how many numbers to choose"),
            Knob("product", "1: the target is a product instead of a sum"),
            Knob("apart", "1: chosen cells may not touch, even at a corner"),
        ],
        levels: [
            Level("easy", ["size": 4, "picks": 2, "product": 0, "apart": 0]),
            Level("medium", ["size": 5, "picks": 3, "product": 0, "apart": 0]),
            Level("hard", ["size": 6, "picks": 4, "product": 1, "apart": 0]),
            Level("expert", ["size": 7, "picks": 4, "product": 0, "apart": 1]),
        ],
        defaultLevel: 1
    )

    static func touching(_ a: (Int, Int), _ b: (Int, Int)) -> Bool { abs(a.0 - b.0) <= 1 && abs(a.1 - b.1) <= 1 }

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let n = level["size"], k = level["picks"], product = level["product"] == 1, apart = level["apart"] == 1
        let maxValue = product ? 9 : 40
        let grid = (0..<n).map { _ in (0..<n).map { _ in rng.int(1...maxValue) } }
        var cells: [(Int, Int)] = []
        while cells.count != k {
            let rows = rng.sample(Array(0..<n), count: k), cols = rng.sample(Array(0..<n), count: k)
            cells = Array(zip(rows, cols))
            if apart, cells.indices.contains(where: { i in cells.indices.contains { j in j > i && LogicPuzzleTask.touching(cells[i], cells[j]) } }) {
                cells = []
            }
        }
        let values = cells.map { grid[$0.0][$0.1] }
        let target = product ? values.reduce(1, *) : values.reduce(0, +)
        let rules = [
            "choose exactly \(k) numbers",
            "no two chosen numbers may be in the same row or in the same column",
            product ? "the chosen numbers must multiply to exactly \(target)" : "the chosen numbers must add up to exactly \(target)",
        ] + (apart ? ["no two chosen numbers may be in neighbouring cells, diagonal neighbours included"] : [])
        let sorted = cells.sorted { $0 < $1 }
        let gold = "[" + sorted.map { "[\($0.0 + 1), \($0.1 + 1)]" }.joined(separator: ", ") + "]"
        let question = """
            Here is a \(n)×\(n) grid of numbers (rows numbered 1 to \(n) from the top, columns 1 to \(n) from the left):
            \(SymFormat.grid(grid))
            Choose cells so that: \(rules.joined(separator: "; ")).
            Give the chosen cells as [row, column] pairs as your final answer in the form <<<[[r1, c1], [r2, c2], ...]>>>, \
            for example <<<[[1, 3], [2, 1]]>>>.
            """
        return GeneratedItem(question: question, gold: gold, metadata: [
            "grid": JSONValue(grid), "picks": .int(k), "target": .int(target),
            "product": .bool(product), "apart": .bool(apart),
        ])
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let grid = metadata["grid"]?.intGrid, let k = metadata["picks"]?.intValue,
              let target = metadata["target"]?.intValue else { return .wrong("item metadata is missing the puzzle") }
        let product = metadata["product"]?.boolValue == true, apart = metadata["apart"]?.boolValue == true
        guard let numbers = SymParse.integers(answer), numbers.count % 2 == 0 else {
            return .wrong("expected [row, column] pairs of integers")
        }
        let cells = stride(from: 0, to: numbers.count, by: 2).map { (numbers[$0] - 1, numbers[$0 + 1] - 1) }
        guard cells.count == k else { return .wrong("\(cells.count) cells chosen, \(k) required") }
        guard cells.allSatisfy({ grid.indices.contains($0.0) && grid.indices.contains($0.1) }) else {
            return .wrong("a cell is outside the grid")
        }
        guard Set(cells.map(\.0)).count == k, Set(cells.map(\.1)).count == k else {
            return .wrong("two chosen cells share a row or a column")
        }
        if apart, cells.indices.contains(where: { i in cells.indices.contains { j in j > i && LogicPuzzleTask.touching(cells[i], cells[j]) } }) {
            return .wrong("two chosen cells touch")
        }
        let values = cells.map { grid[$0.0][$0.1] }
        let total = product ? values.reduce(1, *) : values.reduce(0, +)
        return total == target ? .correct("every rule holds")
            : .wrong("the chosen numbers \(product ? "multiply" : "add up") to \(total), not \(target)")
    }

    func oracle(metadata: JSONValue) -> String {
        """
        from itertools import combinations, permutations
        from math import prod
        grid = \(RG.py(metadata["grid"] ?? []))
        k, target = \(metadata["picks"]?.intValue ?? 0), \(metadata["target"]?.intValue ?? 0)
        use_product, apart = \(metadata["product"]?.boolValue == true ? "True" : "False"), \(metadata["apart"]?.boolValue == true ? "True" : "False")
        n = len(grid)
        def ok(cells):
            if apart and any(abs(a[0] - b[0]) <= 1 and abs(a[1] - b[1]) <= 1 for a, b in combinations(cells, 2)):
                return False
            values = [grid[r][c] for r, c in cells]
            return (prod(values) if use_product else sum(values)) == target
        answer = next(sorted(cells) for rows in combinations(range(n), k) for cols in permutations(range(n), k)
                      for cells in [list(zip(rows, cols))] if ok(cells))
        print([[r + 1, c + 1] for r, c in answer])
        """
    }
}
