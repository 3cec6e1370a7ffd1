// knapsack (R1CI, algorithmic): choose items of greatest total value within a
// weight limit (each item at most once). The answer is the list of chosen
// items; the verifier checks the weight and that the value is the optimum, so
// any optimal choice is accepted.

public struct KnapsackTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "knapsack", title: "0/1 knapsack", source: .r1ci, category: "algorithmic",
        description: "Pick items of greatest total value within a weight limit (any optimal choice is accepted).",
        knobs: [Knob("items", "items to choose from"), Knob("max_weight", "heaviest item")],
        levels: [Level("easy", ["items": 5, "max_weight": 10]), Level("medium", ["items": 8, "max_weight": 15]),
                 Level("hard", ["items": 12, "max_weight": 25]), Level("expert", ["items": 18, "max_weight": 40])],
        defaultLevel: 1)

    /// Best value and one optimal choice (item indices, ascending), by dynamic programming over capacity.
    static func solve(weights: [Int], values: [Int], capacity: Int) -> (Int, [Int]) {
        let n = weights.count
        var table = [[Int]](repeating: [Int](repeating: 0, count: capacity + 1), count: n + 1)
        for i in 0..<n {
            for c in 0...capacity {
                table[i + 1][c] = table[i][c]
                if weights[i] <= c { table[i + 1][c] = max(table[i + 1][c], table[i][c - weights[i]] + values[i]) }
            }
        }
        var chosen: [Int] = [], c = capacity
        for i in stride(from: n - 1, through: 0, by: -1) where table[i + 1][c] != table[i][c] {
            chosen.append(i)
            c -= weights[i]
        }
        return (table[n][capacity], chosen.reversed())
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let n = level["items"]
        let weights = (0..<n).map { _ in rng.int(1...level["max_weight"]) }
        let values = (0..<n).map { _ in rng.int(1...50) }
        let capacity = max(weights.max()!, weights.reduce(0, +) * rng.int(30...60) / 100)
        let (best, chosen) = KnapsackTask.solve(weights: weights, values: values, capacity: capacity)
        let lines = (0..<n).map { "item \($0 + 1): weight \(weights[$0]), value \(values[$0])" }
        let question = """
            A bag holds at most \(capacity) kg. Choose items (each at most once) so that their total weight is \
            at most \(capacity) and their total value is as large as possible.

            \(lines.joined(separator: "\n"))

            Give the numbers of the chosen items inside <<< and >>>, e.g. <<<[1, 4, 5]>>>. Any choice with the \
            largest possible value is accepted.
            """
        return GeneratedItem(question: question, gold: "[" + chosen.map { $0 + 1 }.joinedDecimal(separator: ", ") + "]",
                             metadata: ["weights": JSONValue(weights), "values": JSONValue(values), "capacity": .int(capacity),
                                        "best": .int(best)])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let w = metadata["weights"]?.intArray, let v = metadata["values"]?.intArray, w.count == v.count, !w.isEmpty,
              let capacity = metadata["capacity"]?.intValue, capacity > 0, capacity <= 100_000 else {
            return .wrong("item metadata has no items")
        }
        guard RGGrids.isNumericList(answer), answer.contains(where: \.isNumber) else { return .wrong("the answer is not a list of item numbers") }
        let picks = RGGrids.integers(answer)
        guard picks.allSatisfy({ (1...w.count).contains($0) }), Set(picks).count == picks.count else {
            return .wrong("item numbers must be distinct and between 1 and \(w.count)")
        }
        let weight = picks.reduce(0) { $0 + w[$1 - 1] }, value = picks.reduce(0) { $0 + v[$1 - 1] }
        guard weight <= capacity else { return .wrong("the items weigh \(weight) kg, over \(capacity)") }
        let best = KnapsackTask.solve(weights: w, values: v, capacity: capacity).0
        return value == best ? .correct("value \(best)") : .wrong("value \(value); the best is \(best)")
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        from itertools import combinations
        w, v = \(RGGrids.py(metadata["weights"] ?? .null)), \(RGGrids.py(metadata["values"] ?? .null))
        cap = \(metadata["capacity"]?.intValue ?? 0)
        best = {0: (0, [])}  # weight -> (value, items)
        for i in range(len(w)):
            for used, (val, items) in list(best.items()):
                nw = used + w[i]
                if nw <= cap and (nw not in best or best[nw][0] < val + v[i]):
                    best[nw] = (val + v[i], items + [i + 1])
        print(max(best.values())[1])
        """
    }
}
