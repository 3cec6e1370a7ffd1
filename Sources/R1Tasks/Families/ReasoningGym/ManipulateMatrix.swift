// manipulate_matrix (Reasoning Gym, algorithmic): apply a list of operations
// (rotations, mirrors, transposition, removing a row or column, replacing a
// value, cropping) to a matrix in order. Exact answer: the final matrix.

public struct ManipulateMatrixTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "manipulate_matrix", title: "Manipulate matrix", source: .reasoningGym, category: "algorithmic",
        description: "Apply a sequence of matrix operations (rotate, mirror, transpose, remove, replace, crop) in order.",
        knobs: [Knob("size", "rows and columns at the start (each size−1 to size+1)"),
                Knob("operations", "operations to apply")],
        levels: [Level("easy", ["size": 3, "operations": 1]), Level("medium", ["size": 4, "operations": 3]),
                 Level("hard", ["size": 6, "operations": 5]), Level("expert", ["size": 8, "operations": 8])],
        defaultLevel: 1)

    /// One operation as stored in the metadata: a name and integer arguments (rows and columns 1-based).
    static func apply(_ op: [JSONValue], to m: [[Int]]) -> [[Int]]? {
        guard let name = op.first?.stringValue, let rows = Optional(m.count), rows > 0, let cols = m.first?.count else { return nil }
        let args = op.dropFirst().compactMap(\.intValue)
        func transpose(_ m: [[Int]]) -> [[Int]] { (0..<m[0].count).map { c in m.map { $0[c] } } }
        switch (name, args.count) {
        case ("rotate", 1):
            var out = m
            for _ in 0..<((args[0] / 90) % 4 + 4) % 4 { out = transpose(out.reversed()) }
            return out
        case ("mirror_lr", 0): return m.map { $0.reversed() }
        case ("mirror_ud", 0): return m.reversed()
        case ("transpose", 0): return transpose(m)
        case ("remove_row", 1):
            guard rows > 1, (1...rows).contains(args[0]) else { return nil }
            var out = m; out.remove(at: args[0] - 1); return out
        case ("remove_column", 1):
            guard cols > 1, (1...cols).contains(args[0]) else { return nil }
            return m.map { var r = $0; r.remove(at: args[0] - 1); return r }
        case ("replace", 2): return m.map { $0.map { $0 == args[0] ? args[1] : $0 } }
        case ("crop", 4):
            let (r1, r2, c1, c2) = (args[0], args[1], args[2], args[3])
            guard 1 <= r1, r1 <= r2, r2 <= rows, 1 <= c1, c1 <= c2, c2 <= cols else { return nil }
            return m[(r1 - 1)..<r2].map { Array($0[(c1 - 1)..<c2]) }
        default: return nil
        }
    }

    static func describe(_ op: [JSONValue]) -> String {
        let a = op.dropFirst().compactMap(\.intValue)
        switch op.first?.stringValue ?? "" {
        case "rotate": return "rotate the matrix \(a[0]) degrees clockwise"
        case "mirror_lr": return "mirror the matrix left to right (reverse every row)"
        case "mirror_ud": return "mirror the matrix top to bottom (reverse the order of the rows)"
        case "transpose": return "transpose the matrix (rows become columns)"
        case "remove_row": return "remove row \(a[0])"
        case "remove_column": return "remove column \(a[0])"
        case "replace": return "replace every \(a[0]) by \(a[1])"
        default: return "keep only rows \(a[0]) to \(a[1]) and columns \(a[2]) to \(a[3])"
        }
    }

    static func randomOperation(for m: [[Int]], rng: inout SplitMix64) -> [JSONValue] {
        let rows = m.count, cols = m[0].count
        while true {
            switch rng.int(0..<8) {
            case 0: return ["rotate", .int(rng.pick([90, 180, 270]))]
            case 1: return ["mirror_lr"]
            case 2: return ["mirror_ud"]
            case 3: return ["transpose"]
            case 4 where rows > 2: return ["remove_row", .int(rng.int(1...rows))]
            case 5 where cols > 2: return ["remove_column", .int(rng.int(1...cols))]
            case 6:
                let from = rng.pick(m.flatMap { $0 })
                return ["replace", .int(from), .int(rng.int(0...9))]
            case 7 where rows > 2 && cols > 2:
                let r1 = rng.int(1...rows - 1), c1 = rng.int(1...cols - 1)
                return ["crop", .int(r1), .int(rng.int(r1 + 1...rows)), .int(c1), .int(rng.int(c1 + 1...cols))]
            default: continue
            }
        }
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let size = level["size"]
        var m = RGGrids.randomGrid(rows: rng.int(size - 1...size + 1), cols: rng.int(size - 1...size + 1), values: 0...9, rng: &rng)
        let start = m
        var ops: [JSONValue] = []
        for _ in 0..<level["operations"] {
            let op = ManipulateMatrixTask.randomOperation(for: m, rng: &rng)
            m = ManipulateMatrixTask.apply(op, to: m)!
            ops.append(.array(op))
        }
        let steps = ops.enumerated().map { "\($0 + 1). \(ManipulateMatrixTask.describe($1.arrayValue!))" }
        let question = """
            Start from this \(start.count)×\(start[0].count) matrix (rows and columns are numbered from 1):

            \(RGGrids.render(start))

            Apply these operations in order, each to the result of the previous one:
            \(steps.joined(separator: "\n"))

            Give the final matrix inside <<< and >>>: one row per line, numbers separated by spaces.
            """
        return GeneratedItem(question: question, gold: RGGrids.render(m), metadata: ["matrix": JSONValue(start), "operations": .array(ops)])
    }

    static func result(_ metadata: JSONValue) -> [[Int]]? {
        guard var m = RGGrids.intGrid(metadata["matrix"]), !m.isEmpty, !m[0].isEmpty,
              m.allSatisfy({ $0.count == m[0].count }), let ops = metadata["operations"]?.arrayValue else { return nil }
        for op in ops {
            guard let parts = op.arrayValue, let next = apply(parts, to: m) else { return nil }
            m = next
        }
        return m
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        RGGrids.verifyGrid(answer: answer, expected: ManipulateMatrixTask.result(metadata))
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        m = \(RGGrids.py(metadata["matrix"] ?? .null))
        for op in \(RGGrids.py(metadata["operations"] ?? .null)):
            name, a = op[0], op[1:]
            if name == "rotate":
                for _ in range(a[0] // 90 % 4):
                    m = [list(r) for r in zip(*m[::-1])]
            elif name == "mirror_lr": m = [r[::-1] for r in m]
            elif name == "mirror_ud": m = m[::-1]
            elif name == "transpose": m = [list(r) for r in zip(*m)]
            elif name == "remove_row": del m[a[0] - 1]
            elif name == "remove_column": m = [r[:a[0] - 1] + r[a[0]:] for r in m]
            elif name == "replace": m = [[a[1] if v == a[0] else v for v in r] for r in m]
            elif name == "crop": m = [r[a[2] - 1:a[3]] for r in m[a[0] - 1:a[1]]]
        print("\\n".join(" ".join(map(str, r)) for r in m))
        """
    }
}
