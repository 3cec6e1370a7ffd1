// Pooling (SymBench): slide a k×k window with stride 1 over an N×N integer
// matrix and take the maximum or the average of each window. One answer;
// averages are compared within 0.005, far below the 1/k² gap between values.

public struct PoolingTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "pooling",
        title: "Pooling",
        source: .symbench,
        category: "arithmetic",
        description: "Max or average pooling of an integer matrix with a sliding window of stride 1.",
        knobs: [
            Knob("size", "matrix side N"),
            Knob("window", "window side k"),
            Knob("average_share", "percentage of items that ask for average pooling (the rest max)"),
        ],
        levels: [
            Level("easy", ["size": 4, "window": 2, "average_share": 0]),
            Level("medium", ["size": 5, "window": 2, "average_share": 50]),
            Level("hard", ["size": 6, "window": 3, "average_share": 70]),
            Level("expert", ["size": 7, "window": 3, "average_share": 100]),
        ],
        defaultLevel: 1
    )

    static func pool(_ m: [[Int]], window k: Int, average: Bool) -> [[Rational]] {
        let out = m.count - k + 1
        return (0..<out).map { i in
            (0..<out).map { j in
                var values: [Int] = []
                for a in 0..<k { for b in 0..<k { values.append(m[i + a][j + b]) } }
                return average ? Rational(values.reduce(0, +), k * k)! : Rational(integer: values.max()!)
            }
        }
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let n = level["size"], k = level["window"]
        let average = rng.int(0..<100) < level["average_share"]
        let matrix = (0..<n).map { _ in (0..<n).map { _ in rng.int(-10...20) } }
        let result = Self.pool(matrix, window: k, average: average)
        let out = n - k + 1
        let kind = average ? "average" : "max"
        let rule = average ? "the average (mean) of the \(k * k) numbers in each window"
            : "the largest of the \(k * k) numbers in each window"
        let format = average
            ? "Write averages that are not whole numbers either as exact fractions (such as 7/9) or as decimals rounded to 2 places (such as 0.78)."
            : "All values are integers."
        let question = """
            Apply \(kind) pooling with a \(k)x\(k) window to the \(n)x\(n) matrix below (numbers in a row are \
            separated by commas). The window starts at the top-left corner and slides one position at a time, \
            left to right and top to bottom; each position gives \(rule). The results keep the positions of \
            their windows and form a \(out)x\(out) matrix.
            \(SymFormat.grid(matrix, separator: ", "))

            \(format) Give the \(out * out) values row by row, top row first, separated by commas, in the form \
            <<<v1,v2,...>>>; for example <<<\(Array(repeating: "0", count: out * out).joined(separator: ","))>>>.
            """
        let gold = result.flatMap { $0 }.map { SymFormat.decimal($0, places: 2) }.joined(separator: ",")
        return GeneratedItem(question: question, gold: gold, metadata: [
            "matrix": JSONValue(matrix), "window": .int(k), "pooling": .string(kind),
            "result": .array(result.flatMap { $0 }.map { .array([.int($0.numerator), .int($0.denominator)]) }),
        ])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let pairs = metadata["result"]?.intGrid, pairs.allSatisfy({ $0.count == 2 && $0[1] > 0 }) else {
            return .wrong("item metadata is missing the result")
        }
        guard let values = SymParse.rationals(answer) else { return .wrong("expected a comma-separated list of numbers") }
        guard values.count == pairs.count else { return .wrong("\(values.count) values given, \(pairs.count) expected") }
        for (i, (v, p)) in zip(values, pairs).enumerated() {
            // |v − p/q| ≤ 0.005  ⇔  |200·(v.n·q − p·v.d)| ≤ v.d·q
            let lhs = (v.numerator.multipliedReportingOverflow(by: p[1]), p[0].multipliedReportingOverflow(by: v.denominator))
            guard !lhs.0.overflow, !lhs.1.overflow else { return .wrong("value \(i + 1) is out of range") }
            let diff = abs(lhs.0.partialValue - lhs.1.partialValue)
            let bound = v.denominator.multipliedReportingOverflow(by: p[1])
            guard !bound.overflow, diff <= bound.partialValue / 200, diff * 200 <= bound.partialValue else {
                return .wrong("value \(i + 1) (\(v)) is wrong")
            }
        }
        return .correct("every pooled value is right")
    }

    public func oracle(metadata: JSONValue) -> String {
        let matrix = metadata["matrix"]?.intGrid ?? []
        let k = metadata["window"]?.intValue ?? 2
        let kind = metadata["pooling"]?.stringValue ?? "max"
        return """
            m = \(matrix)
            k = \(k)
            pooling = \(SymFormat.pyString(kind))
            out = len(m) - k + 1
            values = []
            for i in range(out):
                for j in range(out):
                    window = [m[i + a][j + b] for a in range(k) for b in range(k)]
                    values.append(max(window) if pooling == "max" else round(sum(window) / len(window), 2))
            print(",".join(f"{v:g}" for v in values))
            """
    }
}
