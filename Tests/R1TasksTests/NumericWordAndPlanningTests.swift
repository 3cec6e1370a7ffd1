// Focused tests of the batch-A families (NumericWordAndPlanningTasks): golds
// agree with independent computations (Python's big integers, datetime and
// fractions; brute force), tolerant answer forms are accepted, and answers
// that Reasoning Gym's scorers accept or credit although they are wrong score 0.

import Foundation
import Testing
@testable import R1Tasks

/// This file's items: `TaskSamples.items` from seed 31.
private func items(_ id: String, level: Int, count: Int, seed: UInt64 = 31) throws -> [TaskItem] {
    try TaskSamples.items(id, level: level, count: count, seed: seed)
}

private func score(_ id: String, _ answer: String, _ item: TaskItem) -> Double {
    (try! TaskRegistry.task(id)).verify(answer: answer, metadata: item.metadata).score
}

@Suite("Numeric, word and planning tasks")
struct NumericWordAndPlanningTests {
    @Test func registeredAsOneBlock() throws {
        let ids = NumericWordAndPlanningTasks.all.map(\.info.id)
        #expect(ids.count >= 25 && Set(ids).count == ids.count)
        for task in NumericWordAndPlanningTasks.all {
            #expect(task.info.levels.count >= 3)
        }
    }

    /// Products past 64 bits and exact powers agree with Python's integers and decimals.
    @Test func bigGoldsAgainstPython() throws {
        let products = try items("products", level: 3, count: 20)
        let powers = try items("power_function", level: 3, count: 20)
        var program = "import math\nfrom decimal import Decimal, getcontext\ngetcontext().prec = 300\n"
        for it in products { program += "print(math.prod(\(BBH.py(it.metadata["factors"]!))))\n" }
        for it in powers {
            program += "v = format(Decimal(\(BBH.py(it.metadata["base"]!))) ** \(it.metadata["exponent"]!.intValue!), 'f')\n"
            program += "print(v.rstrip('0').rstrip('.') if '.' in v else v)\n"
        }
        let out = try #require(TestSupport.runPython(program)).stdout.split(separator: "\n").map(String.init)
        #expect(out == (products + powers).map(\.gold))
    }

    /// Calendar answers agree with Python's datetime on weekdays, dates and counts.
    @Test func calendarAgainstPython() throws {
        let all = try (0..<4).flatMap { try items("calendar_arithmetic", level: $0, count: 15) }
        let program = all.map { TestSupport.task("calendar_arithmetic").oracle(metadata: $0.metadata) }
            .map { "exec(\(BBH.py(.string($0))))" }.joined(separator: "\n")
        let out = try #require(TestSupport.runPython(program)).stdout.split(separator: "\n").map(String.init)
        #expect(out == all.map(\.gold))
        // A brute-force weekday count, independent of both.
        for it in all where it.metadata["kind"]?.stringValue == "working_days" {
            let start = CalendarArithmeticTask.parseDate(it.metadata["start"]!.stringValue!)!.dayNumber
            let end = CalendarArithmeticTask.parseDate(it.metadata["end"]!.stringValue!)!.dayNumber
            let weekdays = (start...end).filter { (($0 % 7) + 10) % 7 < 5 }.count
            #expect(String(weekdays) == it.gold)
        }
    }

    /// Reasoning Gym gives 0.1 for any weekday name and scores a neighbouring count
    /// with exp(−5·relative error); R1CI gives 0 to both.
    @Test func calendarRejectsNearMisses() throws {
        for it in try items("calendar_arithmetic", level: 3, count: 40) {
            let kind = it.metadata["kind"]!.stringValue!
            if kind.hasPrefix("weekday") {
                let other = CivilDate.weekdayNames.first { $0 != it.gold }!
                #expect(score("calendar_arithmetic", other, it) == 0)
                #expect(score("calendar_arithmetic", it.gold.lowercased(), it) == 1)
            } else if let n = Int(it.gold) {
                #expect(score("calendar_arithmetic", String(n + 1), it) == 0)
            }
        }
    }

    /// Reasoning Gym's linear credit gives a constant "0 days, 00:00" up to 0.87; here it is 0.
    @Test func timeIntervalsConstantAnswerScoresZero() throws {
        for level in 0..<4 {
            for it in try items("time_intervals", level: level, count: 20) {
                #expect(score("time_intervals", "0 days, 00:00:00", it) == 0)
                #expect(score("time_intervals", "00:00", it) == 0)
                #expect(score("time_intervals", it.gold, it) == 1)
            }
        }
        // Equivalent spellings of one duration.
        #expect(TimeIntervalsTask.parseDuration("1 day, 02:03:04", bareNumberIsDays: false) == 93_784)
        #expect(TimeIntervalsTask.parseDuration("2:03", bareNumberIsDays: false) == 7_380)
        #expect(TimeIntervalsTask.parseDuration("2:61", bareNumberIsDays: false) == nil)
    }

    /// Reasoning Gym's number_format accepts anything within 0.01; at the finest gap
    /// (10^-6) that passes a neighbouring candidate, which R1CI rejects.
    @Test func numberFormatNeedsTheExactValue() throws {
        for it in try items("number_format", level: 3, count: 20) {
            let gold = Double(it.gold)!
            let others = it.metadata["numbers"]!.stringArray!.compactMap(NumberFormatTask.canonical).filter { $0 != it.gold }
            let near = others.min { abs(Double($0)! - gold) < abs(Double($1)! - gold) }!
            #expect(abs(Double(near)! - gold) < 0.01)
            #expect(score("number_format", near, it) == 0)
            #expect(score("number_format", it.gold, it) == 1)
        }
        #expect(NumberFormatTask.canonical("1.2345e+03") == "1234.5")
        #expect(NumberFormatTask.canonical("1,234.50") == "1234.5")
        #expect(NumberFormatTask.canonical("5e-3") == "0.005")
    }

    /// Any antiderivative is accepted (any constant, any term order, fractions written
    /// several ways); a wrong coefficient is not.
    @Test func integrationChecksByDifferentiation() throws {
        for it in try items("simple_integration", level: 2, count: 20) {
            let v = it.metadata["variable"]!.stringValue!
            let body = String(it.gold.dropLast(4))  // without " + C"
            #expect(score("simple_integration", body, it) == 1)
            #expect(score("simple_integration", body + " - 17/3", it) == 1)
            #expect(score("simple_integration", body + " + \(v)", it) == 0)
        }
        let it = try items("simple_integration", level: 0, count: 1)[0]
        let p = try #require(RationalPolynomial.parse("x^3/3 - (1/2)x^2 + 0.25x + C", variable: "x", allowConstant: true))
        #expect(p.coefficients == [Rational(integer: 0), Rational(1, 4)!, Rational(-1, 2)!, Rational(1, 3)!])
        #expect(score("simple_integration", "banana", it) == 0)
    }

    /// Roots: exact fractions, decimals within the stated tolerance, any order; not a missing or extra root.
    @Test func polynomialRootsAsAMultiset() throws {
        for it in try items("polynomial_equations", level: 2, count: 20) {
            let roots = it.metadata["roots"]!.arrayValue!.map { $0.intArray! }.map { Rational($0[0], $0[1])! }
            #expect(score("polynomial_equations", roots.reversed().map(\.description).joined(separator: "; "), it) == 1)
            let decimals = roots.map { String(format: "%.6f", $0.doubleValue) }.joined(separator: ", ")
            #expect(score("polynomial_equations", decimals, it) == 1)
            #expect(score("polynomial_equations", roots.dropLast().map(\.description).joined(separator: ", "), it) == 0)
            #expect(score("polynomial_equations", (roots + [roots[0]]).map(\.description).joined(separator: ", "), it) == 0)
            // Every root makes the stored polynomial zero.
            let poly = RationalPolynomial(integers: it.metadata["coefficients"]!.intArray!)
            #expect(roots.allSatisfy { poly.evaluated(at: $0)?.numerator == 0 })
        }
    }

    /// Plans are simulated: a route through an obstacle or skipping a region fails, a
    /// different valid route passes.
    @Test func pathPlanSimulatesTheRoute() throws {
        for it in try items("path_plan", level: 2, count: 20) {
            let goal = it.metadata["goal"]!.intArray!
            let centre = "(\(Double(goal[0] + goal[2]) / 2), \(Double(goal[1] + goal[3]) / 2))"
            #expect(score("path_plan", it.gold, it) == 1)
            // Straight to the goal skips the required regions.
            #expect(score("path_plan", "[\(centre)]", it) == 0)
            // Through the middle of an obstacle.
            let o = it.metadata["obstacles"]!.arrayValue![0].intArray!
            let inside = "(\(Double(o[0] + o[2]) / 2), \(Double(o[1] + o[3]) / 2))"
            #expect(score("path_plan", "[\(inside), " + String(it.gold.dropFirst()), it) == 0)
        }
    }

    /// Word problems: the gold equals the template formula recomputed from the stated
    /// numbers in Python; currency signs and separators are accepted, nearby numbers not.
    @Test func wordProblemsAgainstPython() throws {
        let all = try (0..<4).flatMap { try items("gsm_symbolic", level: $0, count: 10) + items("gsm_hard", level: $0, count: 10) }
        let program = "from fractions import Fraction\n" + all.map { it in
            "v = {k: Fraction(x) for k, x in \(BBH.py(it.metadata["values"]!)).items()}\n"
                + "print(int(eval(\(BBH.py(it.metadata["formula"]!)), {}, v)))"
        }.joined(separator: "\n")
        let out = try #require(TestSupport.runPython(program)).stdout.split(separator: "\n").map(String.init)
        #expect(out == all.map(\.gold))
        for it in all {
            let n = Int(it.gold)!
            #expect(score(it.task, "$\(n).00", it) == 1)
            #expect(score(it.task, String(n - 1), it) == 0)
            #expect(it.question.contains("{") == false)
        }
    }

    /// Several valid answers exist for the puzzles; any of them passes and rule breaks fail.
    @Test func puzzlesAcceptAnyValidAnswer() throws {
        for it in try items("constrained_linear_arrangement", level: 3, count: 20) {
            let cards = it.gold.dropFirst().dropLast().split(separator: ",").map { $0.trimmed() }
            #expect(score("constrained_linear_arrangement", it.gold, it) == 1)
            // The hand sorted is a permutation of the hand; it passes exactly when its record matches.
            let sorted = "[" + cards.sorted().joined(separator: ", ") + "]"
            let task = TestSupport.task("constrained_linear_arrangement") as! ConstrainedLinearArrangementTask
            let opponent = it.metadata["opponent"]!.intArray!
            let played = zip(cards.sorted(), opponent).map {
                ConstrainedLinearArrangementTask.outcome(ConstrainedLinearArrangementTask.elements.firstIndex(of: $0)!, $1)
            }
            #expect(task.verify(answer: sorted, metadata: it.metadata).isCorrect == (played.sorted() == it.metadata["record"]!.stringArray!.sorted()))
            #expect(score("constrained_linear_arrangement", "[" + cards.dropLast().joined(separator: ", ") + "]", it) == 0)
        }
        for it in try items("logic_puzzle", level: 1, count: 20) {
            let nums = SymParse.integers(it.gold)!
            // The same cells listed in another order still pass; a repeated row does not.
            let reversed = stride(from: nums.count - 2, through: 0, by: -2).map { "[\(nums[$0]), \(nums[$0 + 1])]" }
            #expect(score("logic_puzzle", "[" + reversed.joined(separator: ", ") + "]", it) == 1)
            #expect(score("logic_puzzle", "[[1, 1], [1, 2], [2, 3]]", it) == 0)
        }
    }

    /// Fractions are compared exactly against Python's fractions for the probability tasks.
    @Test func probabilitiesAgainstPython() throws {
        let ids = ["coin_flip", "urn_draws", "urn_sequence", "bayes_test", "definite_integral", "complex_arithmetic"]
        var all: [TaskItem] = []
        for id in ids { all += try (0..<4).flatMap { try items(id, level: $0, count: 5) } }
        let program = all.map { "exec(\(BBH.py(.string(TestSupport.task($0.task).oracle(metadata: $0.metadata)))))" }
            .joined(separator: "\n")
        let out = try #require(TestSupport.runPython(program)).stdout.split(separator: "\n").map(String.init)
        #expect(out == all.map(\.gold))
        // An equal but unreduced fraction and a decimal approximation are both wrong.
        let it = try items("coin_flip", level: 2, count: 1)[0]
        let n = it.metadata["numerator"]!.intValue!, d = it.metadata["denominator"]!.intValue!
        #expect(score("coin_flip", "\(2 * n)/\(2 * d)", it) == 0)
        #expect(score("coin_flip", String(Double(n) / Double(d)), it) == 0)
    }
}
