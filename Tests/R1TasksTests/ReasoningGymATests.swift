// Focused tests of the first batch of Reasoning Gym style families: each
// task's golds agree with an independent computation written here (a brute
// force, a property check or Python's own evaluator), tolerant answer forms
// are accepted and subtly wrong ones are rejected.

import Foundation
import Testing
@testable import R1Tasks

/// This file's items: `TaskSamples.items` from seed 23.
private func items(_ id: String, level: Int, count: Int, seed: UInt64 = 23) throws -> [TaskItem] {
    try TaskSamples.items(id, level: level, count: count, seed: seed)
}

private func allLevels(_ id: String, count: Int) throws -> [TaskItem] {
    try TaskSamples.itemsAtEveryLevel(id, count: count, seed: 23)
}

private func isPrime(_ n: Int) -> Bool {
    guard n >= 2 else { return false }
    var d = 2
    while d * d <= n { if n % d == 0 { return false }; d += 1 }
    return true
}

@Suite("Reasoning Gym tasks A")
struct ReasoningGymATests {
    @Test func registered() throws {
        let ids = ReasoningGymTasksA.all.map(\.info.id)
        #expect(Set(ids).count == ids.count)
        let categories = Set(ReasoningGymTasksA.all.map(\.info.category))
        #expect(categories.isSuperset(of: ["arithmetic", "algebra", "probability", "geometry", "code", "induction"]))
        for task in ReasoningGymTasksA.all {
            #expect(task.info.source == .reasoningGym)
            #expect(try TaskRegistry.task(task.info.id).info.id == task.info.id)
        }
    }

    /// Python's float evaluation of the printed expressions agrees with the exact golds.
    @Test func arithmeticAgainstPython() throws {
        var exprs: [String] = [], golds: [Int] = []
        for it in try allLevels("basic_arithmetic", count: 10) {
            exprs.append(it.metadata["expression"]!.stringValue!)
            golds.append(Int(it.gold)!)
        }
        for it in try allLevels("chain_sum", count: 10) {
            let q = it.question
            let start = q.range(of: "What is ")!.upperBound, end = q.range(of: "?")!.lowerBound
            exprs.append(String(q[start..<end]))
            golds.append(Int(it.gold)!)
        }
        let program = "exprs = \(BBH.py(JSONValue(exprs)))\nfor e in exprs:\n    print(round(eval(e)))"
        let out = try #require(TestSupport.runPython(program)).stdout.split(separator: "\n").map { Int($0)! }
        #expect(out == golds)
    }

    @Test func integerAnswerForms() throws {
        let it = try items("chain_sum", level: 3, count: 1)[0]
        let gold = Int(it.gold)!
        #expect(accepts("chain_sum", " \(gold). ", it))
        let grouped = NumberFormatter.localizedString(from: NSNumber(value: gold), number: .decimal)
            .replacingOccurrences(of: "\u{a0}", with: ",")
        if abs(gold) >= 1000 { #expect(accepts("chain_sum", grouped.replacingOccurrences(of: ".", with: ","), it)) }
        #expect(!accepts("chain_sum", String(gold + 1), it))
        #expect(!accepts("chain_sum", String(gold) + "1", it))
        #expect(!accepts("chain_sum", "\(gold) or \(gold + 1)", it))
        // A list is not read as one number with separators.
        #expect(RG.parseInt("1, 2") == nil && RG.parseInt("12,34") == nil && RG.parseInt("1,234") == 1234)
        #expect(RG.parseInt("−17") == -17 && RG.parseInt("1e3") == nil && RG.parseInt(String(repeating: "9", count: 40)) == nil)
    }

    @Test func gcdAndLcmProperties() throws {
        for it in try allLevels("gcd", count: 25) {
            let nums = it.metadata["numbers"]!.intArray!, g = Int(it.gold)!
            #expect(nums.allSatisfy { $0 % g == 0 })
            #expect(nums.map { $0 / g }.reduce(0, RG.gcd) == 1)
            #expect(!accepts("gcd", "1", it) || g == 1)
            #expect(accepts("gcd", "GCD = \(g)", it))
        }
        for it in try allLevels("lcm", count: 25) {
            let nums = it.metadata["numbers"]!.intArray!, l = Int(it.gold)!
            #expect(nums.allSatisfy { l % $0 == 0 })
            // Minimal: dividing by any prime factor breaks some divisibility.
            var m = l, p = 2
            while p * p <= m || m > 1 {
                if p * p > m { p = m }
                if m % p == 0 {
                    #expect(!nums.allSatisfy { (l / p) % $0 == 0 }, "\(l) / \(p) is a common multiple")
                    while m % p == 0 { m /= p }
                }
                p += 1
            }
        }
    }

    @Test func primeFactorization() throws {
        for it in try allLevels("prime_factorization", count: 20) {
            let n = it.metadata["number"]!.intValue!
            let fs = it.gold.components(separatedBy: " x ").map { Int($0)! }
            #expect(fs.reduce(1, *) == n && fs.allSatisfy(isPrime) && fs == fs.sorted() && fs.count >= 2)
            #expect(accepts("prime_factorization", fs.reversed().map(String.init).joined(separator: " * "), it))
            // Right product, not all prime: wrong.
            if fs.count >= 2 {
                let merged = [fs[0] * fs[1]] + fs.dropFirst(2)
                #expect(!accepts("prime_factorization", merged.map(String.init).joined(separator: " x "), it))
                #expect(!accepts("prime_factorization", fs.dropLast().map(String.init).joined(separator: " x "), it))
            }
        }
        let it = try items("prime_factorization", level: 0, count: 1)[0]
        for junk in ["", "x", "2 x", "^", "2^999999999999999999999", "2^-1", "abc x def", "9" + String(repeating: "^9", count: 50)] {
            #expect(!accepts("prime_factorization", junk, it))
        }
        #expect(PrimeFactorizationTask.parseFactors("2^2 × 3 · 5**2")! == [2, 2, 3, 5, 5])
    }

    @Test func diceAgainstBruteForce() throws {
        for it in try items("dice", level: 0, count: 6) {
            let faces = it.metadata["faces"]!.intArray!, threshold = it.metadata["threshold"]!.intValue!
            var hits = 0, all = 0
            func roll(_ i: Int, _ sum: Int) {
                if i == faces.count { all += 1; if sum >= threshold { hits += 1 }; return }
                for v in 1...faces[i] { roll(i + 1, sum + v) }
            }
            roll(0, 0)
            let g = RG.gcd(hits, all)
            #expect(it.gold == "\(hits / g)/\(all / g)")
            #expect(hits > 0 && hits < all)
            #expect(accepts("dice", "\\frac{\(hits / g)}{\(all / g)}", it))
            #expect(accepts("dice", " \(hits / g) / \(all / g) ", it))
            #expect(!accepts("dice", "\(2 * hits / g)/\(2 * all / g)", it), "unreduced")
            #expect(!accepts("dice", String(Double(hits) / Double(all)), it), "decimal")
            #expect(!accepts("dice", "\(hits / g + 1)/\(all / g)", it))
        }
    }

    /// Substituting the gold into the printed equation balances it, and x + 1 does not.
    @Test func simpleEquationsAgainstPython() throws {
        var checks: [String] = []
        for it in try allLevels("simple_equations", count: 8) {
            let v = it.metadata["variable"]!.stringValue!
            let q = it.question
            let start = q.range(of: ": ")!.upperBound, end = q.range(of: ". The solution")!.lowerBound
            let parts = q[start..<end].components(separatedBy: " = ")
            #expect(parts.count == 2)
            let x = Int(it.gold)!
            func sub(_ s: String, _ value: Int) -> String {
                s.split(separator: " ").map { $0.hasSuffix(v) || $0 == Substring(v) || $0 == "-" + v
                    ? $0.replacingOccurrences(of: v, with: "(\(value))").replacingOccurrences(of: ")(", with: ")*(") : String($0) }
                    .joined(separator: " ").replacingOccurrences(of: "-(", with: "-1*(")
            }
            checks.append("(\(sub(parts[0], x))) == (\(sub(parts[1], x))) and (\(sub(parts[0], x + 1))) != (\(sub(parts[1], x + 1)))")
            #expect(accepts("simple_equations", "\(v) = \(x)", it))
            #expect(!accepts("simple_equations", "\(v) = \(x + 1)", it))
            #expect(!accepts("simple_equations", "\(x)/1", it))
        }
        let program = checks.map { "print(\($0))" }.joined(separator: "\n")
        let out = try #require(TestSupport.runPython(program)).stdout
        #expect(out.split(separator: "\n").allSatisfy { $0 == "True" }, "\(out)")
    }

    @Test func simpleGeometry() throws {
        for it in try allLevels("simple_geometry", count: 25) {
            let n = it.metadata["sides"]!.intValue!, angles = it.metadata["angles"]!.intArray!
            let missing = Int(it.gold)!
            #expect(angles.count == n - 1)
            #expect((angles + [missing]).allSatisfy { $0 > 0 && $0 < 180 })
            #expect(angles.reduce(missing, +) == (n - 2) * 180)
            for form in ["\(missing)°", "\(missing) degrees", "\(missing)^\\circ", "$\(missing)^{\\circ}$"] {
                #expect(accepts("simple_geometry", form, it), "\(form)")
            }
            #expect(!accepts("simple_geometry", "\(missing + 1)", it))
            #expect(!accepts("simple_geometry", "\(180 - missing)°", it) || missing == 90)
        }
    }

    @Test func bfInterpreterAndItems() throws {
        #expect(BFTask.run("++++++++[>++++++++<-]>+.+.") == "AB")
        #expect(BFTask.run("+[]") == nil, "step budget")
        #expect(BFTask.run("[[]") == nil && BFTask.run("<") == nil)
        #expect(BFTask.run("-.") == "\u{FFFD}" || BFTask.run("-.")?.count == 1)
        for it in try allLevels("bf", count: 15) {
            let program = it.metadata["program"]!.stringValue!
            let length = (try TaskRegistry.task("bf")).info.levels[it.level]["length"]
            #expect(program.allSatisfy { "+-<>[].".contains($0) })
            #expect(it.gold.count == length && it.gold.allSatisfy { $0.isLowercase })
            #expect(program.filter { $0 == "." }.count == length)
            #expect(accepts("bf", "  \(it.gold)\n", it))
            #expect(!accepts("bf", it.gold.uppercased(), it))
            #expect(!accepts("bf", String(it.gold.dropLast()), it))
            #expect(!accepts("bf", it.gold + it.gold.suffix(1), it))
        }
    }

    /// Every rule of the stated family (small coefficients, brute force) that fits the
    /// shown terms predicts the gold next term, and the stored rule fits.
    @Test func numberSequenceUniqueWithinFamily() throws {
        for it in try allLevels("number_sequence", count: 10) {
            let terms = it.metadata["terms"]!.intArray!, k = it.metadata["order"]!.intValue!
            let gold = Int(it.gold)!
            var predictions = Set<Int>(), fits = 0
            let range = -4...4
            func search(_ coeffs: [Int]) {
                if coeffs.count == k {
                    let r = terms[k] - (0..<k).reduce(0) { $0 + coeffs[$1] * terms[k - 1 - $1] }
                    for n in k..<terms.count {
                        let v = (0..<k).reduce(r) { $0 + coeffs[$1] * terms[n - 1 - $1] }
                        if v != terms[n] { return }
                    }
                    fits += 1
                    predictions.insert((0..<k).reduce(r) { $0 + coeffs[$1] * terms[terms.count - 1 - $1] })
                    return
                }
                for c in range { search(coeffs + [c]) }
            }
            search([])
            #expect(fits >= 1 && predictions == [gold], "\(terms) → \(predictions), gold \(gold)")
            #expect(!accepts("number_sequence", String(gold - 1), it))
        }
    }

    @Test func fractionSimplification() throws {
        for it in try allLevels("fraction_simplification", count: 20) {
            let sn = it.metadata["shown_numerator"]!.intValue!, sd = it.metadata["shown_denominator"]!.intValue!
            let parts = it.gold.split(separator: "/").map { Int($0)! }
            #expect(RG.gcd(parts[0], parts[1]) == 1 && parts[0] * sd == parts[1] * sn && sn != parts[0])
            #expect(accepts("fraction_simplification", "\\frac{\(parts[0])}{\(parts[1])}", it))
            #expect(!accepts("fraction_simplification", "\(sn)/\(sd)", it), "the unreduced question")
            #expect(!accepts("fraction_simplification", "\(parts[1])/\(parts[0])", it))
            #expect(!accepts("fraction_simplification", "\(parts[0])", it))
        }
    }

    @Test func baseConversionAgainstPython() throws {
        var lines: [String] = []
        for it in try allLevels("base_conversion", count: 15) {
            let from = it.metadata["from_base"]!.intValue!, to = it.metadata["to_base"]!.intValue!
            let shown = it.metadata["shown"]!.stringValue!
            lines.append("print(int('\(shown)', \(from)) == int('\(it.gold)', \(to)) and '\(it.gold)' == '\(it.gold)'.lower() and not '\(it.gold)'.startswith('0'))")
            #expect(it.question.contains(" \(shown) "))
            #expect(accepts("base_conversion", it.gold.uppercased(), it))
            #expect(!accepts("base_conversion", it.gold + "0", it))
            #expect(!accepts("base_conversion", shown, it) || shown == it.gold)
            #expect(!accepts("base_conversion", String(to), it) || it.gold == String(to))
        }
        let out = try #require(TestSupport.runPython(lines.joined(separator: "\n"))).stdout
        #expect(out.split(separator: "\n").allSatisfy { $0 == "True" })
        // Prefixes only for the base they belong to; digits must belong to the base.
        #expect(BaseConversionTask.value("1012", base: 2) == nil && BaseConversionTask.value("zz", base: 36) == 1295)
        let hex = try allLevels("base_conversion", count: 40).first { $0.metadata["to_base"]!.intValue! == 16 }
        if let hex { #expect(accepts("base_conversion", "0x" + hex.gold, hex)) }
    }

    @Test func legCounting() throws {
        let known = ["spider": 8, "cow": 4, "ant": 6, "crab": 10, "snake": 0, "duck": 2, "mouse": 4, "goldfish": 0]
        for it in try allLevels("leg_counting", count: 20) {
            let names = it.metadata["animals"]!.stringArray!, counts = it.metadata["counts"]!.intArray!
            let legs = it.metadata["legs"]!.intArray!
            for (n, l) in zip(names, legs) { if let k = known[n] { #expect(k == l, "\(n)") } }
            #expect(zip(counts, legs).reduce(0) { $0 + $1.0 * $1.1 } == Int(it.gold)!)
            #expect(accepts("leg_counting", "\(it.gold) legs", it))
            #expect(!accepts("leg_counting", String(Int(it.gold)! + 2), it))
            #expect(!accepts("leg_counting", String(counts.reduce(0, +)), it) || counts.reduce(0, +) == Int(it.gold)!)
        }
    }

    @Test func polynomialMultiplicationAgainstSympy() throws {
        var lines = ["from sympy import expand, sympify, Symbol"]
        for it in try allLevels("polynomial_multiplication", count: 8) {
            let q = it.question
            let start = q.range(of: "simplify ")!.upperBound, end = q.range(of: ". Give")!.lowerBound
            let product = q[start..<end].replacingOccurrences(of: "^", with: "**")
            let gold = it.gold.replacingOccurrences(of: "^", with: "**")
            lines.append("print(expand(sympify('\(product)') - sympify('\(gold)')) == 0)")
            let v = it.metadata["variable"]!.stringValue!
            // Reordered terms, ** powers and implicit multiplication parse to the same polynomial.
            let reordered = it.gold.replacingOccurrences(of: " - ", with: " + -").components(separatedBy: " + ").reversed()
                .joined(separator: " + ").replacingOccurrences(of: "+ -", with: "- ")
            #expect(accepts("polynomial_multiplication", reordered, it), "\(reordered)")
            #expect(accepts("polynomial_multiplication", it.gold.replacingOccurrences(of: "*", with: "").replacingOccurrences(of: "^", with: "**"), it))
            #expect(!accepts("polynomial_multiplication", String(q[start..<end]), it), "the unexpanded product")
            #expect(!accepts("polynomial_multiplication", it.gold + " + 1", it))
            #expect(!accepts("polynomial_multiplication", it.gold.replacingOccurrences(of: v, with: "q"), it) || v == "q")
        }
        let out = try #require(TestSupport.runPython(lines.joined(separator: "\n"), timeout: 60)).stdout
        #expect(out.split(separator: "\n").allSatisfy { $0 == "True" }, "\(out)")
        #expect(PolynomialMultiplicationTask.parse("x^2 + 2x + 1 - x", variable: "x") == [1, 1, 1])
        for junk in ["", "x^", "2**", "+", "x + + 1", "(x+1)^2", "x^999", "1/2*x", "x*x"] {
            #expect(PolynomialMultiplicationTask.parse(junk, variable: "x") == nil, "\(junk)")
        }
    }
}
