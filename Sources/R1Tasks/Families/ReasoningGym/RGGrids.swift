// Helpers shared by the Reasoning Gym tasks of ReasoningGymTasksB: reading
// integers and grids out of answers, writing grids, and Python literals.

import Foundation

enum RGGrids {
    /// Rows of space-separated numbers, one row a line.
    static func render(_ grid: [[Int]]) -> String {
        var out = ""
        out.reserveCapacity(grid.count * ((grid.first?.count ?? 0) * 3 + 1))
        for (r, row) in grid.enumerated() {
            if r > 0 { out += "\n" }
            for (c, value) in row.enumerated() {
                if c > 0 { out += " " }
                out += String(value)
            }
        }
        return out
    }

    /// Every integer written in `text`, in order ("-3" is negative when the minus
    /// does not follow a digit). Digits inside words count too, so an answer
    /// with labels ("Row 1: …") has extra numbers and fails a length check.
    static func integers(_ text: String) -> [Int] {
        var out: [Int] = []
        var current: Int? = nil
        var negative = false
        var previous: UInt8 = 0
        var overflow = false
        for byte in text.utf8 {
            if byte >= 48 && byte <= 57 {
                let d = Int(byte - 48)
                let (m, o1) = (current ?? 0).multipliedReportingOverflow(by: 10)
                let (s, o2) = m.addingReportingOverflow(d)
                overflow = overflow || o1 || o2
                current = s
            } else {
                if let v = current { out.append(negative ? -v : v); current = nil }
                negative = byte == 45 && !(previous >= 48 && previous <= 57)
            }
            previous = byte
        }
        if let v = current { out.append(negative ? -v : v) }
        return overflow ? [] : out
    }

    /// True when `text` holds only digits, signs, whitespace and list punctuation.
    static func isNumericList(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { s in
            ("0"..."9").contains(s) || " \n\t\r,;[]()-".unicodeScalars.contains(s)
        }
    }

    /// A rows×cols grid of integers from an answer written as lines of numbers,
    /// comma/space separated values or a JSON-style nested list. Nil unless the
    /// answer holds nothing but numbers and list punctuation, exactly rows·cols of them.
    static func parseGrid(_ text: String, rows: Int, cols: Int) -> [[Int]]? {
        guard isNumericList(text) else { return nil }
        let values = integers(text)
        guard values.count == rows * cols else { return nil }
        return (0..<rows).map { Array(values[$0 * cols..<($0 + 1) * cols]) }
    }

    /// One whole number: digits with an optional sign and one trailing full stop.
    static func parseInteger(_ answer: String) -> Int? {
        var s = answer.trimmed()
        if s.hasSuffix(".") { s.removeLast() }
        s = s.replacing(",", with: "")
        guard s.count <= 20, !s.isEmpty else { return nil }
        return Int(s)
    }

    static func intGrid(_ value: JSONValue?) -> [[Int]]? {
        guard let rows = value?.arrayValue else { return nil }
        var out: [[Int]] = []
        for row in rows {
            guard let r = row.intArray else { return nil }
            out.append(r)
        }
        return out
    }

    static func randomGrid(rows: Int, cols: Int, values: ClosedRange<Int>, rng: inout SplitMix64) -> [[Int]] {
        (0..<rows).map { _ in (0..<cols).map { _ in rng.int(values) } }
    }

    /// A binary grid with each cell 1 with probability `p`.
    static func binaryGrid(rows: Int, cols: Int, p: Double, rng: inout SplitMix64) -> [[Int]] {
        (0..<rows).map { _ in (0..<cols).map { _ in rng.chance(p) ? 1 : 0 } }
    }

    static func py(_ value: JSONValue) -> String { BBH.py(value) }

    /// Verdict for an exact integer answer.
    static func verifyInteger(answer: String, expected: Int?) -> Verdict {
        guard let expected else { return .wrong("item metadata has no answer") }
        guard let n = parseInteger(answer) else { return .wrong("the answer is not a whole number") }
        return n == expected ? .correct("\(expected)") : .wrong("the answer is \(expected), not \(n)")
    }

    /// Verdict for an exact grid answer.
    static func verifyGrid(answer: String, expected: [[Int]]?) -> Verdict {
        guard let expected, let cols = expected.first?.count else { return .wrong("item metadata has no grid") }
        guard let grid = parseGrid(answer, rows: expected.count, cols: cols) else {
            return .wrong("the answer is not a \(expected.count)×\(cols) grid of numbers")
        }
        return grid == expected ? .correct("the exact grid") : .wrong("the grid differs from the correct one")
    }
}
