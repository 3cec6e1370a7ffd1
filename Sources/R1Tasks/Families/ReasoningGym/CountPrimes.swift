// count_primes (Reasoning Gym, algorithmic): how many primes lie in [a, b].

public struct CountPrimesTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "count_primes", title: "Count primes", source: .reasoningGym, category: "algorithmic",
        description: "Count the prime numbers between a and b inclusive.",
        knobs: [Knob("max_value", "largest possible upper end b"), Knob("max_span", "largest b − a")],
        levels: [Level("easy", ["max_value": 1_000, "max_span": 200]),
                 Level("medium", ["max_value": 10_000, "max_span": 2_000]),
                 Level("hard", ["max_value": 50_000, "max_span": 10_000]),
                 Level("expert", ["max_value": 100_000, "max_span": 50_000])],
        defaultLevel: 1)

    /// primesUpTo[n]: how many primes are ≤ n, for every n up to the largest level's
    /// max_value (a sieve run once), so a generated item's count is two lookups.
    static let primesUpTo: [Int] = {
        let limit = 100_000
        var composite = [Bool](repeating: false, count: limit + 1)
        var counts = [Int](repeating: 0, count: limit + 1)
        var seen = 0
        for n in 2...limit {
            if !composite[n] {
                seen += 1
                var m = n * n
                while m <= limit { composite[m] = true; m += n }
            }
            counts[n] = seen
        }
        return counts
    }()

    /// Primes in [a, b] by a segmented sieve: small primes up to √b cross out the segment.
    static func count(_ a: Int, _ b: Int) -> Int {
        guard b >= 2, a <= b, b <= 10_000_000 else { return 0 }
        if a >= 1, b < primesUpTo.count { return primesUpTo[b] - primesUpTo[a - 1] }
        let lo = max(a, 2)
        guard lo <= b else { return 0 }
        var root = 1
        while (root + 1) * (root + 1) <= b { root += 1 }
        var small = [Bool](repeating: true, count: root + 1)
        var segment = [Bool](repeating: true, count: b - lo + 1)
        if root >= 2 {
            for p in 2...root where small[p] {
                var q = p * p
                while q <= root { small[q] = false; q += p }
                var m = max(p * p, (lo + p - 1) / p * p)
                while m <= b { segment[m - lo] = false; m += p }
            }
        }
        var n = 0
        for isPrime in segment where isPrime { n += 1 }
        return n
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let maxValue = level["max_value"], maxSpan = level["max_span"]
        let span = rng.int((maxSpan / 4)...maxSpan)
        let a = rng.int(1...(maxValue - span))
        let b = a + span
        let n = CountPrimesTask.count(a, b)
        let question = """
            How many prime numbers are there between \(a) and \(b), inclusive?

            Give the count as your final answer inside <<< and >>>, for example <<<42>>>.
            """
        return GeneratedItem(question: question, gold: String(n),
                             metadata: ["start": .int(a), "end": .int(b), "count": .int(n)])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        RGGrids.verifyInteger(answer: answer, expected: metadata["count"]?.intValue)
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        a, b = \(metadata["start"]?.intValue ?? 0), \(metadata["end"]?.intValue ?? 0)
        sieve = bytearray([1]) * (b + 1)
        sieve[0:2] = b"\\x00\\x00"
        for i in range(2, int(b ** 0.5) + 1):
            if sieve[i]:
                sieve[i * i :: i] = bytearray(len(sieve[i * i :: i]))
        print(sum(sieve[a:]))
        """
    }
}
