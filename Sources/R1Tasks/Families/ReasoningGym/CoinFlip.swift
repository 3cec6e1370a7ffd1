// coin_flip: the probability of exactly / at least / at most / between k heads
// in n independent flips, as an exact fraction in lowest terms. Harder levels
// use a biased coin with P(heads) = p/q. Reasoning Gym compares floats within
// 1e-4 and gives prefix credit; R1CI compares the reduced fraction exactly.

struct CoinFlipTask: ReasoningTask {
    let info = TaskInfo(
        id: "coin_flip",
        title: "Coin flips",
        source: .reasoningGym,
        category: "probability",
        description: "Probability of a number of heads in repeated coin flips, as a reduced fraction.",
        knobs: [
            Knob("max_flips", "most flips"),
            Knob("max_q", "largest denominator q of P(heads) = p/q (2: a fair coin)"),
        ],
        levels: [
            Level("easy", ["max_flips": 12, "max_q": 2]),
            Level("medium", ["max_flips": 16, "max_q": 8]),
            Level("hard", ["max_flips": 20, "max_q": 10]),
            Level("expert", ["max_flips": 24, "max_q": 12]),
        ],
        defaultLevel: 1
    )

    static func binomial(_ n: Int, _ k: Int) -> Int {
        var c = 1
        for i in 0..<k { c = c * (n - i) / (i + 1) }
        return c
    }

    /// One kind of coin flipped `flips` times, landing heads with probability p/q.
    struct Coin { let p: Int, q: Int, flips: Int }

    /// weights[h] · (1 / Π q^flips) = P(h heads in total). Every weight is at most the
    /// total, which the generator keeps below 2^62.
    static func headWeights(_ coins: [Coin]) -> (weights: [Int], total: Int) {
        var weights = [1], total = 1
        for coin in coins {
            var one = [Int](repeating: 0, count: coin.flips + 1)
            for h in 0...coin.flips {
                var w = binomial(coin.flips, h)
                for _ in 0..<h { w *= coin.p }
                for _ in 0..<(coin.flips - h) { w *= coin.q - coin.p }
                one[h] = w
            }
            var next = [Int](repeating: 0, count: weights.count + coin.flips)
            for (i, a) in weights.enumerated() { for (j, b) in one.enumerated() { next[i + j] += a * b } }
            weights = next
            for _ in 0..<coin.flips { total *= coin.q }
        }
        return (weights, total)
    }

    static func describe(_ coin: Coin) -> String {
        let what = coin.q == 2 ? "a fair coin" : "a coin that lands heads with probability \(coin.p)/\(coin.q)"
        return "\(coin.flips) flips of \(what)"
    }

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let maxQ = level["max_q"], maxFlips = level["max_flips"]
        // One coin, or (on biased levels, four times in five) two different coins.
        let coinCount = maxQ > 2 && rng.chance(0.8) ? 2 : 1
        var coins: [Coin] = [], budget = 4e18
        for i in 0..<coinCount {
            let flips = coinCount == 1 ? rng.int(3...maxFlips) : rng.int(2...(maxFlips / 2 + (i == 0 ? 0 : 2)))
            // The largest q with q^flips inside the remaining budget, so every count stays exact.
            var top = 2
            while top < maxQ, (0..<flips).reduce(1.0, { acc, _ in acc * Double(top + 1) }) < budget { top += 1 }
            let q = rng.int(2...top)
            var p = rng.int(1...(q - 1))
            while RG.gcd(p, q) != 1 { p = rng.int(1...(q - 1)) }
            coins.append(Coin(p: p, q: q, flips: flips))
            budget /= (0..<flips).reduce(1.0, { acc, _ in acc * Double(q) })
        }
        let n = coins.map(\.flips).reduce(0, +)
        let kind = rng.pick(["exactly", "at least", "at most", "between"])
        var k = kind == "exactly" ? rng.int(0...n) : rng.int(1...(n - 1)), k2 = k
        if kind == "between" { k = rng.int(0...(n - 2)); k2 = rng.int((k + 1)...n) }
        let (weights, total) = CoinFlipTask.headWeights(coins)
        let range = kind == "exactly" ? k...k : kind == "at least" ? k...n : kind == "at most" ? 0...k : k...k2
        let favourable = weights[range].reduce(0, +)
        let g = RG.gcd(favourable, total)
        let (num, den) = (favourable / g, total / g)
        let event = kind == "between" ? "between \(k) and \(k2) heads (both included)"
            : "\(kind) \(k) head\(k == 1 ? "" : "s")"
        let flips = coins.map(CoinFlipTask.describe).joined(separator: ", and then ")
        let question = """
            You make \(flips), every flip independent. What is the probability of getting \(event) \
            \(coins.count > 1 ? "in all \(n) flips together" : "")? Give the exact probability as a fraction in \
            lowest terms as your final answer, in the form <<<numerator/denominator>>>, for example <<<11/32>>>.
            """.replacing("  ?", with: "?").replacing(" ?", with: "?")
        return GeneratedItem(question: question, gold: "\(num)/\(den)", metadata: [
            "coins": .array(coins.map { JSONValue([$0.p, $0.q, $0.flips]) }),
            "low": .int(range.lowerBound), "high": .int(range.upperBound),
            "numerator": .int(num), "denominator": .int(den),
        ])
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        RG.verifyReducedFraction(answer: answer, metadata: metadata)
    }

    func oracle(metadata: JSONValue) -> String {
        """
        from fractions import Fraction
        from math import comb
        coins = \(RG.py(metadata["coins"] ?? []))  # [p, q, flips]: heads with probability p/q
        low, high = \(metadata["low"]?.intValue ?? 0), \(metadata["high"]?.intValue ?? 0)
        dist = {0: Fraction(1)}  # total heads -> probability
        for p, q, flips in coins:
            ph = Fraction(p, q)
            nxt = {}
            for h0, w in dist.items():
                for h in range(flips + 1):
                    nxt[h0 + h] = nxt.get(h0 + h, 0) + w * comb(flips, h) * ph**h * (1 - ph)**(flips - h)
            dist = nxt
        prob = sum(w for h, w in dist.items() if low <= h <= high)
        print(f"{prob.numerator}/{prob.denominator}")
        """
    }
}
