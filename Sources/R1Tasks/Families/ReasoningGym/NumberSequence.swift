// number_sequence: the next term of an integer sequence that follows a stated
// family of rules, a(n) = p1·a(n−1) + … + pk·a(n−k) + r with fixed integers.
// Enough terms are shown that the coefficients are determined (the linear
// system has full rank, checked exactly at generation), so the next term is
// unique within the stated family.

import Foundation

struct NumberSequenceTask: ReasoningTask {
    let info = TaskInfo(
        id: "number_sequence",
        title: "Next term of a sequence",
        source: .reasoningGym,
        category: "induction",
        description: "Infer a linear recurrence with a constant from the first terms and give the next term.",
        knobs: [
            Knob("order", "how many previous terms the rule uses"),
            Knob("max_coefficient", "largest absolute multiplier"),
            Knob("max_constant", "largest absolute added constant"),
        ],
        levels: [
            Level("easy", ["order": 1, "max_coefficient": 3, "max_constant": 50]),
            Level("medium", ["order": 2, "max_coefficient": 2, "max_constant": 10]),
            Level("hard", ["order": 2, "max_coefficient": 3, "max_constant": 30]),
            Level("expert", ["order": 3, "max_coefficient": 2, "max_constant": 20]),
        ],
        defaultLevel: 1
    )

    static let valueLimit = 1_000_000_000

    /// True when the shown terms determine (p1…pk, r): the rows [a(n−1), …, a(n−k), 1] have rank k + 1.
    static func determined(_ terms: [Int], order k: Int) -> Bool {
        var rows: [[Rational]] = []
        for n in k..<terms.count {
            rows.append((1...k).map { Rational(integer: terms[n - $0]) } + [Rational(integer: 1)])
        }
        var rank = 0
        for col in 0...k {
            guard let pivot = (rank..<rows.count).first(where: { rows[$0][col].numerator != 0 }) else { continue }
            rows.swapAt(rank, pivot)
            for r in 0..<rows.count where r != rank && rows[r][col].numerator != 0 {
                guard let f = rows[r][col].divided(by: rows[rank][col]) else { return false }
                for c in col...k {
                    guard let prod = f.multiplied(by: rows[rank][c]), let v = rows[r][c].subtracting(prod) else { return false }
                    rows[r][c] = v
                }
            }
            rank += 1
        }
        return rank == k + 1
    }

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let k = level["order"], maxC = level["max_coefficient"], maxR = level["max_constant"]
        let shown = 2 * k + 3
        while true {
            let coefficients = (0..<k).map { _ in rng.int(-maxC...maxC) }
            guard coefficients.last != 0 else { continue }
            let constant = rng.int(-maxR...maxR)
            let start = max(20, 2 * maxR)
            var terms = (0..<k).map { _ in rng.int(-start...start) }
            var ok = true
            while terms.count < shown + 1 {
                var next = constant
                for (i, p) in coefficients.enumerated() { next += p * terms[terms.count - 1 - i] }
                if abs(next) > NumberSequenceTask.valueLimit { ok = false; break }
                terms.append(next)
            }
            guard ok, NumberSequenceTask.determined(Array(terms.prefix(shown)), order: k) else { continue }
            let visible = Array(terms.prefix(shown)).joinedDecimal(separator: ", ")
            let rule: String
            switch k {
            case 1: rule = "a(n) = p·a(n−1) + r for fixed integers p and r"
            case 2: rule = "a(n) = p·a(n−1) + q·a(n−2) + r for fixed integers p, q and r"
            default: rule = "a(n) = p·a(n−1) + q·a(n−2) + s·a(n−3) + r for fixed integers p, q, s and r"
            }
            let question = """
                The sequence \(visible), … follows a rule of the form \(rule) (the rule holds from term \
                \(k + 1) on). What is the next term? Give it as your final answer in the form <<<integer>>>, \
                for example <<<-12>>>.
                """
            let answer = terms[shown]
            return GeneratedItem(question: question, gold: String(answer), metadata: [
                "terms": JSONValue(Array(terms.prefix(shown))), "order": .int(k), "answer": .int(answer),
                "coefficients": JSONValue(coefficients), "constant": .int(constant),
            ])
        }
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        RG.verifyInteger(answer: answer, metadata: metadata)
    }

    func oracle(metadata: JSONValue) -> String {
        """
        from fractions import Fraction
        terms = \(RG.py(metadata["terms"] ?? []))
        k = \(metadata["order"]?.intValue ?? 1)
        # Solve for (p1..pk, r) from the shown terms by Gaussian elimination, then extend.
        rows = [[Fraction(terms[n - j]) for j in range(1, k + 1)] + [Fraction(1), Fraction(terms[n])]
                for n in range(k, len(terms))]
        pivots, r = [], 0
        for c in range(k + 1):
            p = next((i for i in range(r, len(rows)) if rows[i][c] != 0), None)
            if p is None:
                continue
            rows[r], rows[p] = rows[p], rows[r]
            rows[r] = [v / rows[r][c] for v in rows[r]]
            for i in range(len(rows)):
                if i != r and rows[i][c] != 0:
                    rows[i] = [a - rows[i][c] * b for a, b in zip(rows[i], rows[r])]
            pivots.append(c)
            r += 1
        solution = [rows[i][-1] for i in range(k + 1)]
        nxt = sum(solution[j - 1] * terms[-j] for j in range(1, k + 1)) + solution[k]
        print(nxt)
        """
    }
}
