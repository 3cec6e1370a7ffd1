// prime_factorization: write a composite number as a product of primes. The
// verifier compares the multiset of factors ("2 x 2 x 3", "2^2 * 3", "2, 2, 3"
// all read the same) and gives no credit for a merely correct product; it
// never throws on junk.

import Foundation

struct PrimeFactorizationTask: ReasoningTask {
    let info = TaskInfo(
        id: "prime_factorization",
        title: "Prime factorization",
        source: .reasoningGym,
        category: "arithmetic",
        description: "Write a composite number as a product of primes.",
        knobs: [
            Knob("min_value", "smallest number"),
            Knob("max_value", "largest number"),
        ],
        levels: [
            Level("easy", ["min_value": 1_000, "max_value": 300_000]),
            Level("medium", ["min_value": 10_000, "max_value": 1_000_000]),
            Level("hard", ["min_value": 1_000_000, "max_value": 100_000_000]),
            Level("expert", ["min_value": 100_000_000, "max_value": 100_000_000_000]),
        ],
        defaultLevel: 1
    )

    static func factors(_ n: Int) -> [Int] {
        var n = n, out: [Int] = [], p = 2
        while p * p <= n {
            while n % p == 0 { out.append(p); n /= p }
            p += p == 2 ? 1 : 2
        }
        if n > 1 { out.append(n) }
        return out
    }

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        while true {
            let n = rng.int(level["min_value"]...level["max_value"])
            let fs = PrimeFactorizationTask.factors(n)
            guard fs.count >= 2 else { continue }  // primes are redrawn
            let gold = fs.joinedDecimal(separator: " x ")
            let question = """
                Find the prime factorization of \(n). Write it as a product of primes in ascending order, \
                repeating a prime as often as it divides, and give it as your final answer in the form \
                <<<p1 x p2 x ...>>>, for example <<<2 x 2 x 3 x 7>>> for 84.
                """
            return GeneratedItem(question: question, gold: gold,
                                 metadata: ["number": .int(n), "factors": JSONValue(fs)])
        }
    }

    /// The factor multiset an answer names, or nil when it is not a product of integers.
    static func parseFactors(_ answer: String) -> [Int]? {
        var s = RG.tidy(answer)
        guard !s.isEmpty, s.count <= 2_000 else { return nil }
        s = s.replacing("**", with: "^")
        for sep in ["×", "*", "·", "⋅", "\\times", "\\cdot", ","] { s = s.replacing(sep, with: " x ") }
        s = s.replacing("X", with: "x").replacing("{", with: "")
            .replacing("}", with: "")
        let tokens = s.split(separator: "x").map { $0.trimmedSpaces() }
        guard tokens.count <= 200 else { return nil }
        var out: [Int] = []
        for token in tokens {
            let parts = token.split(separator: "^", omittingEmptySubsequences: false)
                .map { $0.trimmedSpaces() }
            guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.count <= 18 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
                  let base = Int(parts[0]) else { return nil }
            let exponent = parts.count == 2 ? Int(parts[1]) ?? -1 : 1
            guard (1...64).contains(exponent), out.count + exponent <= 200 else { return nil }
            out += Array(repeating: base, count: exponent)
        }
        return out
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let gold = metadata["factors"]?.intArray else { return .wrong("item metadata is missing factors") }
        guard let given = PrimeFactorizationTask.parseFactors(answer) else {
            return .wrong("the answer is not a product of integers like 2 x 3 x 3")
        }
        guard given.sorted() == gold.sorted() else {
            return .wrong("the prime factors are \(gold.map(String.init).joined(separator: " x "))")
        }
        return .correct()
    }

    func oracle(metadata: JSONValue) -> String {
        """
        n = \(metadata["number"]?.intValue ?? 4)
        factors, p = [], 2
        while p * p <= n:
            while n % p == 0:
                factors.append(p)
                n //= p
            p += 1
        if n > 1:
            factors.append(n)
        print(" x ".join(map(str, factors)))
        """
    }
}
