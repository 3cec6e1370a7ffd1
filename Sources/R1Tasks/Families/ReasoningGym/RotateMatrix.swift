// rotate_matrix (Reasoning Gym, algorithmic): rotate a square matrix clockwise
// by a multiple of 90 degrees. Exact answer: the whole rotated matrix.

public struct RotateMatrixTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "rotate_matrix", title: "Rotate matrix", source: .reasoningGym, category: "algorithmic",
        description: "Rotate an n×n matrix clockwise by a multiple of 90° (possibly more than a full turn).",
        knobs: [Knob("size", "rows and columns of the matrix"),
                Knob("max_turns", "largest number of quarter turns (angle up to 90·max_turns degrees)")],
        levels: [Level("small", ["size": 3, "max_turns": 3]), Level("medium", ["size": 4, "max_turns": 4]),
                 Level("large", ["size": 6, "max_turns": 8]), Level("huge", ["size": 9, "max_turns": 12])],
        defaultLevel: 1)

    static func rotateOnce(_ m: [[Int]]) -> [[Int]] {
        let n = m.count
        return (0..<n).map { r in (0..<n).map { c in m[n - 1 - c][r] } }
    }

    static func rotate(_ m: [[Int]], turns: Int) -> [[Int]] {
        var out = m
        for _ in 0..<(((turns % 4) + 4) % 4) { out = rotateOnce(out) }
        return out
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let n = level["size"]
        let turns = rng.int(1...level["max_turns"])
        let m = RGGrids.randomGrid(rows: n, cols: n, values: 0...9, rng: &rng)
        let out = RotateMatrixTask.rotate(m, turns: turns)
        let question = """
            Rotate this \(n)×\(n) matrix clockwise by \(turns * 90) degrees.

            \(RGGrids.render(m))

            Give the rotated matrix as your final answer inside <<< and >>>: \(n) lines of \(n) numbers \
            separated by spaces, top row first.
            """
        return GeneratedItem(question: question, gold: RGGrids.render(out),
                             metadata: ["matrix": JSONValue(m), "turns": .int(turns)])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let m = RGGrids.intGrid(metadata["matrix"]), !m.isEmpty, let turns = metadata["turns"]?.intValue else {
            return .wrong("item metadata has no matrix")
        }
        return RGGrids.verifyGrid(answer: answer, expected: RotateMatrixTask.rotate(m, turns: turns))
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        m = \(RGGrids.py(metadata["matrix"] ?? .null))
        for _ in range(\(metadata["turns"]?.intValue ?? 0) % 4):
            m = [list(r) for r in zip(*m[::-1])]
        print("\\n".join(" ".join(map(str, r)) for r in m))
        """
    }
}
