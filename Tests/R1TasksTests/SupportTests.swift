// Support code: the PRNG, answer extraction, the arithmetic parser and
// rational arithmetic, checked against independent references.

import Foundation
import Testing
import R1Tasks

@Suite("SplitMix64")
struct SplitMix64Tests {
    /// Reference outputs from the published algorithm (Steele, Lea and Flood 2014;
    /// the same constants as Java's SplittableRandom and Vigna's splitmix64.c),
    /// computed once with an independent Python implementation.
    @Test func knownOutputs() {
        var zero = SplitMix64(state: 0)
        #expect((0..<5).map { _ in zero.next() } == [
            16294208416658607535, 7960286522194355700, 487617019471545679,
            17909611376780542444, 1961750202426094747,
        ])
        var seeded = SplitMix64(state: 1_234_567)
        #expect((0..<5).map { _ in seeded.next() } == [
            6457827717110365317, 3203168211198807973, 9817491932198370423,
            4593380528125082431, 16408922859458223821,
        ])
    }

    /// The same check, live, against a tiny Python implementation of the algorithm.
    @Test func matchesPython() throws {
        let program = """
            M = (1 << 64) - 1
            for seed in (0, 1, 42, 1234567, M):
                s, out = seed, []
                for _ in range(8):
                    s = (s + 0x9E3779B97F4A7C15) & M
                    z = s
                    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
                    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
                    out.append(z ^ (z >> 31))
                print(" ".join(map(str, out)))
            """
        let run = try #require(TestSupport.runPython(program))
        let expected = run.stdout.split(separator: "\n").map { $0.split(separator: " ").map { UInt64($0)! } }
        for (seed, row) in zip([0, 1, 42, 1_234_567, UInt64.max], expected) {
            var rng = SplitMix64(state: seed)
            #expect((0..<8).map { _ in rng.next() } == row, "seed \(seed)")
        }
    }

    @Test func intStaysInRangeAndCoversIt() {
        var rng = SplitMix64(state: 5)
        var seen = Set<Int>()
        for _ in 0..<10_000 {
            let v = rng.int(-3...5)
            #expect((-3...5).contains(v))
            seen.insert(v)
        }
        #expect(seen == Set(-3...5))
        var counts = [Int](repeating: 0, count: 6)
        for _ in 0..<60_000 { counts[rng.int(0..<6)] += 1 }
        #expect(counts.allSatisfy { (9_000...11_000).contains($0) }, "roughly uniform: \(counts)")
        // Extreme ranges do not trap.
        _ = rng.int(Int.min...Int.max)
        _ = rng.int(Int.max...Int.max)
        #expect(rng.int(7...7) == 7)
        let u = rng.unit()
        #expect(u >= 0 && u < 1)
    }

    @Test func shuffleIsAPermutation() {
        var rng = SplitMix64(state: 11)
        let items = Array(0..<50)
        for _ in 0..<100 {
            #expect(rng.shuffled(items).sorted() == items)
        }
        var orders: [[Int]: Int] = [:]
        for _ in 0..<6_000 { orders[rng.shuffled([0, 1, 2]), default: 0] += 1 }
        #expect(orders.count == 6 && orders.values.allSatisfy { (800...1_200).contains($0) }, "\(orders)")
        let sample = rng.sample(items, count: 10)
        #expect(Set(sample).count == 10 && sample.allSatisfy(items.contains))
    }

    @Test func itemGeneratorsDifferByTaskSeedAndIndex() {
        func first(_ task: String, _ seed: UInt64, _ index: UInt64) -> UInt64 {
            var g = ItemRandom.generator(taskID: task, seed: seed, index: index)
            return g.next()
        }
        var values = Set<UInt64>()
        for seed: UInt64 in 0..<20 { for index: UInt64 in 0..<20 { values.insert(first("sudoku", seed, index)) } }
        #expect(values.count == 400, "(seed, index) pairs give distinct streams")
        #expect(first("sudoku", 1, 2) != first("game24", 1, 2))
        #expect(first("sudoku", 1, 2) != first("sudoku", 2, 1))
    }
}

@Suite("AnswerExtraction")
struct AnswerExtractionTests {
    @Test func lastAnswerWins() {
        #expect(AnswerExtraction.lastAnswer(in: "first <<<1>>> then <<<2>>> done") == "2")
        #expect(AnswerExtraction.lastAnswer(in: "no answer here") == nil)
        #expect(AnswerExtraction.lastAnswer(in: "<<<unterminated") == nil)
        #expect(AnswerExtraction.lastAnswer(in: "closed only >>>") == nil)
        #expect(AnswerExtraction.lastAnswer(in: "<<<>>>") == "")
    }

    @Test func whitespaceQuotesAndFences() {
        #expect(AnswerExtraction.lastAnswer(in: "<<<   42 \n >>>") == "42")
        #expect(AnswerExtraction.lastAnswer(in: "<<<\"ABC\">>>") == "ABC")
        #expect(AnswerExtraction.lastAnswer(in: "<<<'ABC'>>>") == "ABC")
        #expect(AnswerExtraction.lastAnswer(in: "<<<`x + 1`>>>") == "x + 1")
        #expect(AnswerExtraction.lastAnswer(in: "<<<“quoted”>>>") == "quoted")
        #expect(AnswerExtraction.lastAnswer(in: "<<<```python\nprint(1)\n```>>>") == "print(1)")
        #expect(AnswerExtraction.lastAnswer(in: "<<<```\nA\nB\n```>>>") == "A\nB")
    }

    @Test func multiLineAnswers() {
        let response = "Plan:\n<<<\nMove A from 1 to table\nMove B from 2 to 1\n>>>\n"
        #expect(AnswerExtraction.lastAnswer(in: response) == "Move A from 1 to table\nMove B from 2 to 1")
    }

    @Test func nestedBracketsAndHugeInput() {
        #expect(AnswerExtraction.lastAnswer(in: "<<<<x>>>") == "x")
        let huge = "<<<" + String(repeating: "7", count: 1 << 20) + ">>>"
        let answer = AnswerExtraction.lastAnswer(in: huge)
        #expect(answer?.utf8.count == AnswerExtraction.maxAnswerBytes)
    }
}

@Suite("Arithmetic parser and Rational")
struct ArithmeticTests {
    func value(_ text: String) -> Rational? {
        (try? ArithmeticExpression.parse(text))?.evaluate()
    }

    @Test func evaluatesWithPrecedence() {
        #expect(value("2 + 3 * 4") == Rational(integer: 14))
        #expect(value("(2 + 3) * 4") == Rational(integer: 20))
        #expect(value("-4 * -7 + -2") == Rational(integer: 26))
        #expect(value("8 / (3 - 8 / 3)") == Rational(integer: 24))
        #expect(value("1 / 3 + 1 / 6") == Rational(1, 2))
    }

    @Test func unicodeOperators() {
        #expect(value("(8 − 2) × (5 − 1)") == Rational(integer: 24))
        #expect(value("8÷(3−8/3)") == Rational(integer: 24))
        #expect(value("[2 + 2] · 6") == Rational(integer: 24))
    }

    @Test func overflowAndBadInputReturnNil() {
        #expect(value("999999999999999 * 999999999999999 * 999999999999999") == nil)
        #expect(value("1 / 0") == nil)
        #expect(value("5 / (3 - 3)") == nil)
        #expect(throws: ArithmeticExpression.ParseError.badNumber) { try ArithmeticExpression.parse("1234567890123456789") }
        #expect(throws: (any Error).self) { try ArithmeticExpression.parse(String(repeating: "(", count: 500) + "1") }
        #expect(throws: (any Error).self) { try ArithmeticExpression.parse("2 ** 3") }
        #expect(throws: (any Error).self) { try ArithmeticExpression.parse("__import__('os')") }
        #expect(throws: (any Error).self) { try ArithmeticExpression.parse("") }
        #expect(throws: (any Error).self) { try ArithmeticExpression.parse("(1 + 2") }
        #expect(throws: (any Error).self) { try ArithmeticExpression.parse(String(repeating: "1+", count: 1000) + "1") }
    }

    @Test func rationalEdges() {
        #expect(Rational(1, 0) == nil)
        #expect(Rational(Int.min, 1) == nil)
        #expect(Rational(2, -4) == Rational(-1, 2))
        #expect(Rational(integer: Int.max).adding(Rational(integer: 1)) == nil)
        #expect(Rational(integer: Int.max).multiplied(by: Rational(integer: 2)) == nil)
        #expect(Rational(integer: 3).divided(by: Rational(integer: 0)) == nil)
        #expect(Rational(integer: -Int.max).subtracting(Rational(integer: 2)) == nil)
    }
}
