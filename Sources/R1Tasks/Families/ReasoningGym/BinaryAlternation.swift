// binary_alternation (Reasoning Gym, algorithmic): the fewest swaps of any two
// characters that make a binary string alternate (0101… or 1010…), or −1 when
// no number of swaps can. One item in five is impossible.

public struct BinaryAlternationTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "binary_alternation", title: "Binary alternation", source: .reasoningGym, category: "algorithmic",
        description: "Minimum swaps (any two positions) to make a binary string alternate, or -1 if impossible.",
        knobs: [Knob("length", "length of the binary string")],
        levels: [Level("easy", ["length": 20]), Level("medium", ["length": 40]),
                 Level("hard", ["length": 80]), Level("expert", ["length": 160])],
        defaultLevel: 1)

    /// Swaps for `bits` (0/1 values), or −1. Each swap fixes one misplaced 0 and one misplaced 1.
    static func minimumSwaps(_ bits: [Int]) -> Int {
        let ones = bits.reduce(0, +), n = bits.count
        var best = -1
        for first in 0...1 {
            // Pattern starting with `first`: ones needed at the positions where the pattern has a 1.
            let onesWanted = first == 1 ? (n + 1) / 2 : n / 2
            guard onesWanted == ones else { continue }
            var misplaced = 0
            for (i, b) in bits.enumerated() where b != (first + i) % 2 { misplaced += 1 }
            let swaps = misplaced / 2
            if best < 0 || swaps < best { best = swaps }
        }
        return best
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let n = level["length"]
        let possible = rng.chance(0.8)
        var ones = n % 2 == 0 ? n / 2 : n / 2 + rng.int(0...1)
        if !possible { ones += (rng.chance(0.5) ? 1 : -1) * rng.int(2...max(2, n / 4)) }
        let bits = rng.shuffled([Int](repeating: 1, count: ones) + [Int](repeating: 0, count: n - ones))
        let s = bits.joinedDecimal(separator: "")
        let swaps = BinaryAlternationTask.minimumSwaps(bits)
        let question = """
            A binary string alternates when no two neighbouring characters are equal (like 010101 or \
            101010). In one swap you may exchange any two characters of the string, neighbours or not.

            s = \(s)

            What is the minimum number of swaps that makes s alternate? If it cannot be done, answer -1. \
            Give the number inside <<< and >>>, e.g. <<<4>>>.
            """
        return GeneratedItem(question: question, gold: String(swaps), metadata: ["string": .string(s), "answer": .int(swaps)])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        RG.verifyInteger(answer: answer, metadata: metadata)
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        s = \(RGGrids.py(metadata["string"] ?? .null))
        best = -1
        for start in "01":
            pattern = "".join(start if i % 2 == 0 else ("1" if start == "0" else "0") for i in range(len(s)))
            if sorted(pattern) != sorted(s):
                continue
            swaps = sum(a != b for a, b in zip(s, pattern)) // 2
            best = swaps if best < 0 else min(best, swaps)
        print(best)
        """
    }
}
