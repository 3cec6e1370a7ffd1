// coin_change (R1CI, algorithmic): the fewest coins of given values (any number
// of each) that add up to an amount, or -1 when no combination does. Coin
// systems are drawn freely, so greedy "largest coin first" is often wrong.

public struct CoinChangeTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "coin_change", title: "Coin change", source: .r1ci, category: "algorithmic",
        description: "Fewest coins (unlimited of each value) that make an amount, or -1 if impossible.",
        knobs: [Knob("coins", "coin values"), Knob("max_amount", "largest amount")],
        levels: [Level("easy", ["coins": 3, "max_amount": 60]), Level("medium", ["coins": 4, "max_amount": 100]),
                 Level("hard", ["coins": 5, "max_amount": 300]), Level("expert", ["coins": 6, "max_amount": 1000])],
        defaultLevel: 1)

    static func fewest(coins: [Int], amount: Int) -> Int {
        var best = [Int](repeating: Int.max, count: amount + 1)
        best[0] = 0
        for a in stride(from: 1, through: amount, by: 1) {
            for c in coins where c <= a && best[a - c] != Int.max { best[a] = min(best[a], best[a - c] + 1) }
        }
        return best[amount] == Int.max ? -1 : best[amount]
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let top = max(level["coins"] + 2, level["max_amount"] * 2 / 5)
        let coins = rng.sample(Array(2...top), count: level["coins"]).sorted()
        let amount = rng.int(coins[0] + 1...level["max_amount"])
        let answer = CoinChangeTask.fewest(coins: coins, amount: amount)
        let question = """
            You have unlimited coins of these values: \(coins.joinedDecimal(separator: ", ")). What is the smallest \
            number of coins that add up to exactly \(amount)? If no combination of coins makes \(amount), answer -1.

            Give the number inside <<< and >>>, e.g. <<<5>>>.
            """
        return GeneratedItem(question: question, gold: String(answer),
                             metadata: ["coins": JSONValue(coins), "amount": .int(amount), "answer": .int(answer)])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        RG.verifyInteger(answer: answer, metadata: metadata)
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        coins, amount = \(RGGrids.py(metadata["coins"] ?? .null)), \(metadata["amount"]?.intValue ?? 0)
        INF = float("inf")
        best = [0] + [INF] * amount
        for a in range(1, amount + 1):
            best[a] = min([best[a - c] + 1 for c in coins if c <= a] + [INF])
        print(-1 if best[amount] == INF else best[amount])
        """
    }
}
