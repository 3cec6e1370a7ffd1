// number_sorting (Reasoning Gym, algorithmic): sort numbers with a stated
// number of decimals ascending or descending. Exact: every value must equal
// the sorted value (written with any number of trailing zeros); Reasoning
// Gym's ±1 leniency is not repeated.

import Foundation

public struct NumberSortingTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "number_sorting", title: "Number sorting", source: .reasoningGym, category: "algorithmic",
        description: "Sort a list of numbers (given to a fixed number of decimals) ascending or descending.",
        knobs: [Knob("count", "how many numbers"), Knob("decimals", "digits after the decimal point"),
                Knob("magnitude", "numbers lie in ±magnitude")],
        levels: [Level("easy", ["count": 6, "decimals": 0, "magnitude": 100]),
                 Level("medium", ["count": 10, "decimals": 1, "magnitude": 100]),
                 Level("hard", ["count": 15, "decimals": 2, "magnitude": 1000]),
                 Level("expert", ["count": 25, "decimals": 3, "magnitude": 1000])],
        defaultLevel: 1)

    /// A number as an exact count of 10^-decimals units; nil unless the token is a plain decimal.
    static func units(_ token: Substring, decimals: Int) -> Int? {
        var s = token
        var negative = false
        if s.hasPrefix("-") { negative = true; s = s.dropFirst() } else if s.hasPrefix("+") { s = s.dropFirst() }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].count <= 12,
              parts[0].allSatisfy(\.isASCII), parts[0].allSatisfy(\.isNumber), let whole = Int(parts[0]) else { return nil }
        var frac = parts.count == 2 ? String(parts[1]) : ""
        guard frac.count <= 12, frac.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        while frac.count > decimals && frac.hasSuffix("0") { frac.removeLast() }
        guard frac.count <= decimals else { return nil }  // more precision than the numbers have
        frac += String(repeating: "0", count: decimals - frac.count)
        var scale = 1
        for _ in 0..<decimals { scale *= 10 }
        let v = whole * scale + (Int(frac) ?? 0)
        return negative ? -v : v
    }

    static func format(_ units: Int, decimals: Int) -> String {
        guard decimals > 0 else { return String(units) }
        var scale = 1
        for _ in 0..<decimals { scale *= 10 }
        let a = abs(units)
        let frac = String(a % scale)
        return (units < 0 ? "-" : "") + "\(a / scale)." + String(repeating: "0", count: decimals - frac.count) + frac
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let d = level["decimals"]
        var scale = 1
        for _ in 0..<d { scale *= 10 }
        let bound = level["magnitude"] * scale
        var values: [Int] = []
        var seen = Set<Int>()
        while values.count < level["count"] {
            let v = rng.int(-bound...bound)
            if seen.insert(v).inserted { values.append(v) }
        }
        let descending = rng.chance(0.5)
        let shown = values.map { NumberSortingTask.format($0, decimals: d) }
        // The values are distinct, so sorting positions by value gives the one sorted order,
        // and each number is formatted once.
        let order = values.indices.sorted { descending ? values[$0] > values[$1] : values[$0] < values[$1] }
        let question = """
            Sort these numbers in \(descending ? "descending (largest first)" : "ascending (smallest first)") order:

            \(shown.joined(separator: ", "))

            Give the sorted numbers, separated by commas and written as above, as your final answer inside \
            <<< and >>>.
            """
        return GeneratedItem(question: question, gold: order.map { shown[$0] }.joined(separator: ", "),
                             metadata: ["numbers": JSONValue(shown), "decimals": .int(d), "descending": .bool(descending)])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let shown = metadata["numbers"]?.stringArray, let d = metadata["decimals"]?.intValue,
              let descending = metadata["descending"]?.boolValue else { return .wrong("item metadata is incomplete") }
        let values = shown.compactMap { NumberSortingTask.units(Substring($0), decimals: d) }
        let expected = descending ? values.sorted(by: >) : values.sorted()
        let tokens = answer.split(whereSeparator: { $0 == "," || $0.isWhitespace || $0 == "[" || $0 == "]" || $0 == ";" })
        guard tokens.count == expected.count else { return .wrong("expected \(expected.count) numbers, got \(tokens.count)") }
        var got: [Int] = []
        for t in tokens {
            guard let u = NumberSortingTask.units(t, decimals: d) else { return .wrong("'\(t.prefix(20))' is not one of the numbers") }
            got.append(u)
        }
        return got == expected ? .correct("sorted") : .wrong("not the sorted list of the given numbers")
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        from decimal import Decimal
        numbers = \(RGGrids.py(metadata["numbers"] ?? .null))
        print(", ".join(sorted(numbers, key=Decimal, reverse=\(metadata["descending"]?.boolValue == true ? "True" : "False"))))
        """
    }
}
