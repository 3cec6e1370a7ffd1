// merge_intervals (R1CI, algorithmic): merge overlapping closed intervals
// (touching ones, like [1, 3] and [3, 5], merge too) and list the result sorted.

public struct MergeIntervalsTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "merge_intervals", title: "Merge intervals", source: .r1ci, category: "algorithmic",
        description: "Merge overlapping or touching closed intervals and list them in order.",
        knobs: [Knob("intervals", "intervals given"), Knob("span", "largest endpoint")],
        levels: [Level("easy", ["intervals": 4, "span": 30]), Level("medium", ["intervals": 7, "span": 50]),
                 Level("hard", ["intervals": 12, "span": 80]), Level("expert", ["intervals": 20, "span": 150])],
        defaultLevel: 1)

    static func merge(_ intervals: [[Int]]) -> [[Int]] {
        var out: [[Int]] = []
        for iv in intervals.sorted(by: { ($0[0], $0[1]) < ($1[0], $1[1]) }) {
            if let last = out.last, iv[0] <= last[1] { out[out.count - 1][1] = max(last[1], iv[1]) } else { out.append(iv) }
        }
        return out
    }

    static func render(_ ivs: [[Int]]) -> String { "[" + ivs.map { "[\($0[0]), \($0[1])]" }.joined(separator: ", ") + "]" }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let span = level["span"]
        var intervals: [[Int]] = []
        repeat {
            intervals = (0..<level["intervals"]).map { _ in
                let a = rng.int(0...span - 1)
                return [a, min(span, a + rng.int(1...max(2, span / 6)))]
            }
        } while MergeIntervalsTask.merge(intervals).count == intervals.count  // at least one merge happens
        let merged = MergeIntervalsTask.merge(intervals)
        let question = """
            Merge every group of overlapping closed intervals into one (intervals that only touch, like \
            [1, 3] and [3, 5], also merge):

            \(MergeIntervalsTask.render(intervals))

            Give the merged intervals sorted by start inside <<< and >>>, e.g. <<<[[1, 5], [7, 9]]>>>.
            """
        return GeneratedItem(question: question, gold: MergeIntervalsTask.render(merged), metadata: ["intervals": JSONValue(intervals)])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let intervals = RGGrids.intGrid(metadata["intervals"]), !intervals.isEmpty, intervals.allSatisfy({ $0.count == 2 })
        else { return .wrong("item metadata has no intervals") }
        let expected = MergeIntervalsTask.merge(intervals)
        guard RGGrids.isNumericList(answer) else { return .wrong("the answer is not a list of intervals") }
        let values = RGGrids.integers(answer)
        guard values.count == expected.count * 2 else { return .wrong("expected \(expected.count) intervals") }
        return values == expected.flatMap({ $0 }) ? .correct(MergeIntervalsTask.render(expected))
            : .wrong("the merged intervals are \(MergeIntervalsTask.render(expected))")
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        out = []
        for a, b in sorted(\(RGGrids.py(metadata["intervals"] ?? .null))):
            if out and a <= out[-1][1]:
                out[-1][1] = max(out[-1][1], b)
            else:
                out.append([a, b])
        print(out)
        """
    }
}
