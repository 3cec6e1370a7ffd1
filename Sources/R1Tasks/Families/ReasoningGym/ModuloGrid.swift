// modulo_grid (Reasoning Gym, cognition): a grid where cell (r, c) is marked
// exactly when (a·r + b·c) mod m = k; some cells are hidden. Fill them in. The
// question states the rule's form, and an item is kept only when every rule
// of that form (m from 2 to 8) that fits the visible cells agrees on the
// hidden ones, so the completed grid is unique.

public struct ModuloGridTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "modulo_grid", title: "Modulo grid", source: .reasoningGym, category: "cognition",
        description: "Infer a modular pattern from a grid and fill in its hidden cells.",
        knobs: [Knob("size", "grid side"), Knob("hidden", "hidden cells")],
        levels: [Level("easy", ["size": 7, "hidden": 3]), Level("medium", ["size": 8, "hidden": 4]),
                 Level("hard", ["size": 10, "hidden": 8]), Level("expert", ["size": 12, "hidden": 14])],
        defaultLevel: 1)

    static let moduli = 2...8

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let n = level["size"]
        for _ in 0..<10_000 {
            let m = rng.int(3...Self.moduli.upperBound), a = rng.int(1..<m), b = rng.int(0..<m), k = rng.int(0..<m)
            let grid = (0..<n).map { r in (0..<n).map { c in (a * r + b * c) % m == k } }
            let hidden = Set(rng.sample(Array(0..<(n * n)), count: level["hidden"]))
            let marked = grid.joined().filter { $0 }.count
            guard marked > 0, marked < n * n else { continue }  // a blank or full grid shows no pattern
            // Every rule of the stated form that fits the visible cells must agree on the hidden ones.
            var agreed = true
            search: for m2 in Self.moduli { for a2 in 0..<m2 { for b2 in 0..<m2 { for k2 in 0..<m2 {
                var fits = true
                var differs = false
                for i in 0..<(n * n) {
                    let v = (a2 * (i / n) + b2 * (i % n)) % m2 == k2
                    if v != grid[i / n][i % n] { if hidden.contains(i) { differs = true } else { fits = false; break } }
                }
                if fits && differs { agreed = false; break search }
            } } } }
            guard agreed else { continue }
            let full = grid.map { String($0.map { $0 ? "#" : "." }) }
            let shown = (0..<n).map { r in String((0..<n).map { c in hidden.contains(r * n + c) ? "?" : (grid[r][c] ? "#" : ".") }) }
            let question = """
                In this grid, rows and columns are numbered from 0, and cell (r, c) is # exactly when \
                (a·r + b·c) mod m = k, for whole numbers a, b, k and a modulus m between 2 and 8 that you must work \
                out; other cells are '.'. Some cells are hidden as ?.

                \(shown.joined(separator: "\n"))

                Give the whole grid with every ? filled in as your final answer inside <<< and >>>, one row a line, \
                in the same notation.
                """
            return GeneratedItem(question: question, gold: full.joined(separator: "\n"), metadata: [
                "shown": JSONValue(shown), "grid": JSONValue(full),
            ])
        }
        preconditionFailure("modulo_grid: no unambiguous grid")
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let grid = metadata["grid"]?.stringArray, !grid.isEmpty, metadata["shown"] != nil else {
            return .wrong("item metadata has no grid")
        }
        let rows = answer.split(whereSeparator: \.isNewline).map { String($0.filter { !$0.isWhitespace }) }.filter { !$0.isEmpty }
        guard rows.count == grid.count, rows.allSatisfy({ $0.count == grid[0].count && $0.allSatisfy { $0 == "#" || $0 == "." } }) else {
            return .wrong("the answer must be \(grid.count) rows of \(grid[0].count) cells written # or .")
        }
        return rows == grid ? .correct("the completed grid") : .wrong("some cells are wrong")
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        shown = \(RGC.py(metadata["shown"]))
        n = len(shown)
        for m in range(2, 9):
            rules = [(a, b, k) for a in range(m) for b in range(m) for k in range(m)
                     if all(shown[r][c] == "?" or (shown[r][c] == "#") == ((a * r + b * c) % m == k)
                            for r in range(n) for c in range(n))]
            if rules:
                a, b, k = rules[0]
                break
        print("\\n".join("".join("#" if (a * r + b * c) % m == k else "." for c in range(n)) for r in range(n)))
        """
    }
}
