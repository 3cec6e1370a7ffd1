// 2048 (SymBench): slide every tile of a grid up, down, left or right, merging
// equal neighbours as in the game 2048, for a given sequence of moves with no
// new tiles appearing. One answer: the final grid, compared exactly.

public struct Game2048Task: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "game2048",
        title: "2048",
        source: .symbench,
        category: "spatial",
        description: "Apply a sequence of 2048 slides (with merges, no new tiles) to a grid of numbers.",
        knobs: [
            Knob("size", "grid side"),
            Knob("moves", "how many slides"),
            Knob("max_exponent", "largest starting tile is 2^max_exponent"),
        ],
        levels: [
            Level("easy", ["size": 3, "moves": 2, "max_exponent": 4]),
            Level("medium", ["size": 4, "moves": 3, "max_exponent": 5]),
            Level("hard", ["size": 4, "moves": 6, "max_exponent": 6]),
            Level("expert", ["size": 5, "moves": 10, "max_exponent": 7]),
        ],
        defaultLevel: 1
    )

    /// One row slid towards index 0: tiles pack, equal pairs merge once, from the front.
    static func slide(_ line: [Int]) -> [Int] {
        let tiles = line.filter { $0 != 0 }
        var out: [Int] = []
        var i = 0
        while i < tiles.count {
            if i + 1 < tiles.count && tiles[i] == tiles[i + 1] {
                out.append(tiles[i] * 2)
                i += 2
            } else {
                out.append(tiles[i])
                i += 1
            }
        }
        return out + Array(repeating: 0, count: line.count - out.count)
    }

    static func move(_ g: [[Int]], _ direction: Character) -> [[Int]] {
        let n = g.count
        switch direction {
        case "l": return g.map(slide)
        case "r": return g.map { Array(slide($0.reversed()).reversed()) }
        case "u":
            let cols = (0..<n).map { j in slide((0..<n).map { g[$0][j] }) }
            return (0..<n).map { i in (0..<n).map { cols[$0][i] } }
        default:
            let cols = (0..<n).map { j in Array(slide((0..<n).map { g[$0][j] }.reversed()).reversed()) }
            return (0..<n).map { i in (0..<n).map { cols[$0][i] } }
        }
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let n = level["size"]
        while true {
            let grid = (0..<n).map { _ in
                (0..<n).map { _ in rng.chance(0.55) ? 1 << rng.int(1...rng.int(1...level["max_exponent"])) : 0 }
            }
            let moves = (0..<level["moves"]).map { _ in rng.pick(Array("udlr")) }
            var g = grid
            var merged = false
            for m in moves {
                let next = Self.move(g, m)
                if next.flatMap({ $0 }).filter({ $0 != 0 }).count < g.flatMap({ $0 }).filter({ $0 != 0 }).count { merged = true }
                g = next
            }
            guard merged, g != grid else { continue }
            let names: [Character: String] = ["u": "up", "d": "down", "l": "left", "r": "right"]
            let question = """
                A \(n)x\(n) grid of 2048 tiles (0 is an empty cell):
                \(SymFormat.grid(grid))

                Apply these moves in order: \(moves.map { names[$0]! }.joined(separator: ", ")).
                In a move, every tile slides as far as it can in that direction. Two tiles of the same value that \
                meet merge into one tile of twice the value; a tile produced by a merge does not merge again in the \
                same move, and when three or more equal tiles line up, the ones nearest the wall merge first. No new \
                tiles appear.
                Give the final grid row by row, top row first, as \(n * n) comma-separated numbers, in the form \
                <<<v1,v2,...>>>; for example <<<\(Array(repeating: "0", count: n * n).joined(separator: ","))>>> is an empty grid.
                """
            return GeneratedItem(question: question, gold: g.flatMap { $0 }.map(String.init).joined(separator: ","), metadata: [
                "grid": JSONValue(grid), "moves": .string(String(moves)), "final": JSONValue(g.flatMap { $0 }),
            ])
        }
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let final = metadata["final"]?.intArray else { return .wrong("item metadata is missing the final grid") }
        guard let values = SymParse.integers(answer), values.count == final.count else {
            return .wrong("expected \(final.count) integers")
        }
        let wrong = zip(values, final).filter { $0.0 != $0.1 }.count
        return wrong == 0 ? .correct("the grid is right") : .wrong("\(wrong) cells are wrong")
    }

    public func oracle(metadata: JSONValue) -> String {
        let grid = metadata["grid"]?.intGrid ?? []
        let moves = metadata["moves"]?.stringValue ?? ""
        return """
            grid = \(grid)
            moves = \(SymFormat.pyString(moves))

            def slide(line):
                tiles = [v for v in line if v]
                out = []
                while tiles:
                    if len(tiles) > 1 and tiles[0] == tiles[1]:
                        out.append(2 * tiles[0])
                        tiles = tiles[2:]
                    else:
                        out.append(tiles.pop(0))
                return out + [0] * (len(line) - len(out))

            for m in moves:
                if m in "lr":
                    grid = [slide(r) if m == "l" else slide(r[::-1])[::-1] for r in grid]
                else:
                    cols = [list(c) for c in zip(*grid)]
                    cols = [slide(c) if m == "u" else slide(c[::-1])[::-1] for c in cols]
                    grid = [list(r) for r in zip(*cols)]
            print(",".join(str(v) for row in grid for v in row))
            """
    }
}
