// longest_increasing_subsequence (R1CI, algorithmic): give a longest strictly
// increasing subsequence of a list. Any subsequence of maximal length is
// accepted: the verifier checks it is a subsequence, increasing, and as long
// as the optimum.

public struct LongestIncreasingSubsequenceTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "longest_increasing_subsequence", title: "Longest increasing subsequence", source: .r1ci, category: "algorithmic",
        description: "Give a longest strictly increasing subsequence of a list (any optimal one is accepted).",
        knobs: [Knob("length", "numbers in the list")],
        levels: [Level("easy", ["length": 7]), Level("medium", ["length": 12]),
                 Level("hard", ["length": 20]), Level("expert", ["length": 35])],
        defaultLevel: 1)

    static func longest(_ xs: [Int]) -> Int {
        var best = [Int](repeating: 1, count: xs.count)
        for i in xs.indices { for j in 0..<i where xs[j] < xs[i] { best[i] = max(best[i], best[j] + 1) } }
        return best.max() ?? 0
    }

    /// One longest subsequence (the leftmost choices, rebuilt from the table).
    static func oneLongest(_ xs: [Int]) -> [Int] {
        var best = [Int](repeating: 1, count: xs.count), from = [Int](repeating: -1, count: xs.count)
        for i in xs.indices {
            for j in 0..<i where xs[j] < xs[i] && best[j] + 1 > best[i] { best[i] = best[j] + 1; from[i] = j }
        }
        var i = best.indices.max { best[$0] < best[$1] || (best[$0] == best[$1] && $0 > $1) } ?? -1
        var out: [Int] = []
        while i >= 0 { out.append(xs[i]); i = from[i] }
        return out.reversed()
    }

    static func isSubsequence(_ sub: [Int], of xs: [Int]) -> Bool {
        var k = 0
        for x in xs where k < sub.count && sub[k] == x { k += 1 }
        return k == sub.count
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let xs = (0..<level["length"]).map { _ in rng.int(1...99) }
        let question = """
            Find a longest strictly increasing subsequence of this list (keep the numbers in their order; \
            you may skip numbers):

            [\(xs.joinedDecimal(separator: ", "))]

            Give it inside <<< and >>> as a list, e.g. <<<[3, 8, 21]>>>. If several are longest, any of them is accepted.
            """
        return GeneratedItem(question: question, gold: "[" + LongestIncreasingSubsequenceTask.oneLongest(xs).joinedDecimal(separator: ", ") + "]",
                             metadata: ["numbers": JSONValue(xs)])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let xs = metadata["numbers"]?.intArray, !xs.isEmpty else { return .wrong("item metadata has no numbers") }
        guard RGGrids.isNumericList(answer) else { return .wrong("the answer is not a list of numbers") }
        let got = RGGrids.integers(answer)
        let n = LongestIncreasingSubsequenceTask.longest(xs)
        guard LongestIncreasingSubsequenceTask.isSubsequence(got, of: xs) else { return .wrong("not a subsequence of the list") }
        guard zip(got, got.dropFirst()).allSatisfy({ $0 < $1 }) else { return .wrong("not strictly increasing") }
        return got.count == n ? .correct("length \(n)") : .wrong("the longest has length \(n), not \(got.count)")
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        xs = \(RGGrids.py(metadata["numbers"] ?? .null))
        best = [[x] for x in xs]
        for i in range(len(xs)):
            for j in range(i):
                if xs[j] < xs[i] and len(best[j]) + 1 > len(best[i]):
                    best[i] = best[j] + [xs[i]]
        print(max(best, key=len))
        """
    }
}
