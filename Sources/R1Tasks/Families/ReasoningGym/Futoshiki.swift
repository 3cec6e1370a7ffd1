// futoshiki (Reasoning Gym, games): fill an n×n grid with 1…n so each row and
// column holds every number once, respecting the given numbers and the
// inequality signs between neighbouring cells. Clues (signs, then givens) are
// added until a backtracking count finds exactly one solution; the verifier
// still checks every rule rather than comparing with the stored grid.

public struct FutoshikiTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "futoshiki", title: "Futoshiki", source: .reasoningGym, category: "games",
        description: "Complete a Latin square that also obeys inequality signs between neighbouring cells.",
        knobs: [Knob("size", "grid side"), Knob("signs", "inequality signs shown")],
        levels: [Level("easy", ["size": 4, "signs": 6]),
                 Level("medium", ["size": 5, "signs": 8]),
                 Level("hard", ["size": 6, "signs": 10])],
        defaultLevel: 1)

    /// A sign between cells a and b (flat indices, b right of or below a): `less` means a < b.
    struct Sign { let a: Int; let b: Int; let less: Bool }

    /// Solutions of the puzzle (0 = empty), counting up to `limit`.
    static func count(_ grid: [Int], n: Int, signs: [Sign], limit: Int) -> Int {
        var g = grid
        var found = 0
        func ok(_ i: Int, _ v: Int) -> Bool {
            let r = i / n, c = i % n
            for k in 0..<n where g[r * n + k] == v || g[k * n + c] == v { return false }
            for s in signs where s.a == i || s.b == i {
                let other = s.a == i ? g[s.b] : g[s.a]
                guard other != 0 else { continue }
                let (x, y) = s.a == i ? (v, other) : (other, v)
                if s.less ? !(x < y) : !(x > y) { return false }
            }
            return true
        }
        func fill(_ from: Int) {
            guard found < limit else { return }
            guard let i = (from..<(n * n)).first(where: { g[$0] == 0 }) else { found += 1; return }
            for v in 1...n where ok(i, v) {
                g[i] = v
                fill(i + 1)
                g[i] = 0
            }
        }
        fill(0)
        return found
    }

    static func render(_ g: [Int], n: Int, signs: [Sign]) -> String {
        var lines: [String] = []
        for r in 0..<n {
            var line = ""
            for c in 0..<n {
                line += g[r * n + c] == 0 ? "_" : String(g[r * n + c])
                if c < n - 1 {
                    let s = signs.first { $0.a == r * n + c && $0.b == r * n + c + 1 }
                    line += s.map { $0.less ? " < " : " > " } ?? "   "
                }
            }
            lines.append(line)
            if r < n - 1 {
                var below = ""
                for c in 0..<n {
                    let s = signs.first { $0.a == r * n + c && $0.b == (r + 1) * n + c }
                    below += s.map { $0.less ? "∧" : "∨" } ?? " "
                    if c < n - 1 { below += "   " }
                }
                lines.append(below.trimmedSpaces().isEmpty ? "" : String(below.reversed().drop(while: { $0 == " " }).reversed()))
            }
        }
        return lines.joined(separator: "\n")
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let n = level["size"]
        // A random Latin square: the cyclic square with rows, columns and symbols shuffled.
        let rows = rng.shuffled(Array(0..<n)), cols = rng.shuffled(Array(0..<n)), symbols = rng.shuffled(Array(1...n))
        let solution = (0..<(n * n)).map { symbols[(rows[$0 / n] + cols[$0 % n]) % n] }
        var pairs: [(Int, Int)] = []
        for r in 0..<n { for c in 0..<n {
            if c < n - 1 { pairs.append((r * n + c, r * n + c + 1)) }
            if r < n - 1 { pairs.append((r * n + c, (r + 1) * n + c)) }
        } }
        let signs = rng.sample(pairs.indices.map { $0 }, count: level["signs"]).map { k in
            Sign(a: pairs[k].0, b: pairs[k].1, less: solution[pairs[k].0] < solution[pairs[k].1])
        }
        // Add givens in random order until the solution is unique, then drop any that became unneeded.
        var puzzle = [Int](repeating: 0, count: n * n)
        var order = rng.shuffled(Array(0..<(n * n)))
        while Self.count(puzzle, n: n, signs: signs, limit: 2) > 1, let cell = order.popLast() { puzzle[cell] = solution[cell] }
        for cell in rng.shuffled((0..<(n * n)).filter { puzzle[$0] != 0 }) {
            puzzle[cell] = 0
            if Self.count(puzzle, n: n, signs: signs, limit: 2) > 1 { puzzle[cell] = solution[cell] }
        }
        let question = """
            Fill the \(n)×\(n) grid with the numbers 1 to \(n) so that each row and each column contains every \
            number exactly once. _ is an empty cell. A sign between two cells in a row (< or >) compares them; \
            under a cell, ∧ means the cell above is smaller than the one below and ∨ means it is larger.

            \(Self.render(puzzle, n: n, signs: signs))

            Give the completed grid as your final answer inside <<< and >>>, one row a line, numbers separated \
            by spaces.
            """
        return GeneratedItem(question: question, gold: RGGrids.render((0..<n).map { Array(solution[$0 * n..<($0 + 1) * n]) }),
                             metadata: ["size": .int(n), "puzzle": JSONValue(puzzle),
                                        "signs": .array(signs.map { [.int($0.a), .int($0.b), .bool($0.less)] })])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let n = metadata["size"]?.intValue, n > 0, let puzzle = metadata["puzzle"]?.intArray, puzzle.count == n * n,
              let signList = metadata["signs"]?.arrayValue else { return .wrong("item metadata has no puzzle") }
        guard let g = RGGrids.parseGrid(answer, rows: n, cols: n)?.flatMap({ $0 }) else {
            return .wrong("the answer is not a \(n)×\(n) grid of numbers")
        }
        for i in 0..<(n * n) where puzzle[i] != 0 && g[i] != puzzle[i] { return .wrong("a given number was changed") }
        for r in 0..<n {
            guard Set(g[r * n..<(r + 1) * n]) == Set(1...n) else { return .wrong("row \(r + 1) does not hold 1…\(n) once each") }
            guard Set((0..<n).map { g[$0 * n + r] }) == Set(1...n) else { return .wrong("column \(r + 1) does not hold 1…\(n) once each") }
        }
        for s in signList {
            guard let a = s.arrayValue, a.count == 3, let x = a[0].intValue, let y = a[1].intValue, let less = a[2].boolValue,
                  g.indices.contains(x), g.indices.contains(y) else { return .wrong("item metadata has a bad sign") }
            if less ? g[x] >= g[y] : g[x] <= g[y] { return .wrong("an inequality sign is broken") }
        }
        return .correct("a valid grid")
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        n = \(metadata["size"]?.intValue ?? 0)
        g = \(RGC.py(metadata["puzzle"]))
        signs = \(RGC.py(metadata["signs"]))
        def fits(i, v):
            r, c = divmod(i, n)
            if any(g[r * n + k] == v or g[k * n + c] == v for k in range(n)):
                return False
            for a, b, less in signs:
                if i in (a, b):
                    other = g[b] if a == i else g[a]
                    if other:
                        x, y = (v, other) if a == i else (other, v)
                        if (x < y) != less:
                            return False
            return True
        def solve():
            if 0 not in g:
                return True
            i = g.index(0)
            for v in range(1, n + 1):
                if fits(i, v):
                    g[i] = v
                    if solve():
                        return True
                    g[i] = 0
            return False
        solve()
        print("\\n".join(" ".join(map(str, g[r * n:(r + 1) * n])) for r in range(n)))
        """
    }
}
