// Behaviour of each family's verifier on hand-made answers, and generator
// promises checked with independent code (not the generator's own helpers).

import Foundation
import Testing
import R1Tasks

@Suite("Game 24")
struct Game24Tests {
    let task = Game24Task()
    let metadata: JSONValue = ["numbers": [5, 6, 8, 10], "target": 24]

    /// The catalogue's bug class (RG puzzle24): an expression worth 24 built from
    /// other numbers must fail, as must any misuse of the puzzle's numbers.
    @Test func otherNumbersScoreZero() {
        for answer in ["6*4*1*1", "24", "8 * 3", "6 * 4", "8 + 10 + 6", "5 + 6 + 8 + 10 - 5",
                       "(10 - 6) * (8 - 5) * 2", "5 * 6 - 8 + 10 - 8", "8*5*10*6"] {
            #expect(task.verify(answer: answer, metadata: metadata).score == 0, "\(answer)")
        }
    }

    @Test func validExpressionsScoreOne() throws {
        let solution = try #require(Game24Task.solve([5, 6, 8, 10], target: 24))
        #expect(task.verify(answer: solution, metadata: metadata).isCorrect)
        // Any valid expression, in any order, with unicode operators and "= 24".
        #expect(task.verify(answer: "(5 × 6) − 10 + 8 − 0 * 0", metadata: metadata).score == 0, "extra zeros")
        #expect(task.verify(answer: "5 * 6 - 10 + 8 - 4", metadata: metadata).score == 0)
        let other: JSONValue = ["numbers": [3, 3, 8, 8], "target": 24]
        #expect(task.verify(answer: "8 / (3 - 8 / 3)", metadata: other).isCorrect)
        #expect(task.verify(answer: "8÷(3−8÷3) = 24", metadata: other).isCorrect)
        #expect(task.verify(answer: "8 / (3 - 8 / 3) = 25", metadata: other).score == 0)
        #expect(task.verify(answer: "8 / 3 * 3 * 3", metadata: other).score == 0, "wrong numbers and value")
    }
}

@Suite("Sudoku")
struct SudokuTests {
    let task = SudokuTask()

    func item(_ seed: UInt64, level: Int = 1) throws -> TaskItem { try task.item(seed: seed, level: level) }

    func solution(_ item: TaskItem) -> [[Int]] { item.metadata["solution"]!.arrayValue!.map { $0.intArray! } }
    func puzzle(_ item: TaskItem) -> [[Int]] { item.metadata["puzzle"]!.arrayValue!.map { $0.intArray! } }

    /// Every level keeps its promise: exactly that many blanks, exactly one solution
    /// (checked by the public counter and by a valid-grid check written here).
    @Test func blanksAndUniqueness() throws {
        for (level, spec) in task.info.levels.enumerated() {
            for seed: UInt64 in 0..<15 {
                let item = try item(seed, level: level)
                let cells = puzzle(item).flatMap { $0 }
                #expect(cells.filter { $0 == 0 }.count == spec["blanks"])
                #expect(SudokuTask.countSolutions(cells, limit: 2) == 1)
                let full = solution(item)
                for i in 0..<9 {
                    #expect(Set(full[i]) == Set(1...9))
                    #expect(Set(full.map { $0[i] }) == Set(1...9))
                    let (r0, c0) = (i / 3 * 3, i % 3 * 3)
                    #expect(Set((0..<9).map { full[r0 + $0 / 3][c0 + $0 % 3] }) == Set(1...9))
                }
                #expect(zip(cells, full.flatMap { $0 }).allSatisfy { $0 == 0 || $0 == $1 })
            }
        }
    }

    @Test func tolerantFormats() throws {
        let item = try item(4)
        let grid = solution(item)
        func rows(_ separator: String) -> [String] { grid.map { $0.map(String.init).joined(separator: separator) } }
        var forms: [String] = []
        forms.append(rows("").joined(separator: "\n"))
        forms.append(rows(" ").joined(separator: "\n"))
        forms.append(rows(",").joined(separator: "\n"))
        let nested: [String] = rows(", ").map { "[" + $0 + "]" }
        forms.append("[" + nested.joined(separator: ",\n") + "]")
        var labelled: [String] = []
        for (i, row) in rows(" ").enumerated() { labelled.append("Row \(i + 1): " + row) }
        forms.append(labelled.joined(separator: "\n"))
        forms.append(rows("").joined())
        forms.append("```\n" + rows(" | ").joined(separator: "\n") + "\n```")
        for form in forms {
            let verdict = task.score(response: "<<<\(form)>>>", metadata: item.metadata)
            #expect(verdict.isCorrect, "\(form)\n\(verdict.reason)")
        }
    }

    @Test func wrongGridsScoreZero() throws {
        let item = try item(5)
        let grid = solution(item)
        let cells = puzzle(item)
        func text(_ g: [[Int]]) -> String { g.map { $0.map(String.init).joined() }.joined(separator: "\n") }
        // The puzzle itself, with blanks written as 0.
        #expect(task.verify(answer: text(cells), metadata: item.metadata).score == 0)
        // Two cells of a row swapped: the row stays a permutation, columns break.
        var swapped = grid
        swapped[0].swapAt(0, 1)
        #expect(task.verify(answer: text(swapped), metadata: item.metadata).score == 0)
        // A valid grid that ignores the givens: relabel digits 1 ↔ 2.
        let relabelled = grid.map { $0.map { $0 == 1 ? 2 : $0 == 2 ? 1 : $0 } }
        #expect(task.verify(answer: text(relabelled), metadata: item.metadata).score == 0)
        // Eight rows only; ten rows.
        #expect(task.verify(answer: text(Array(grid.prefix(8))), metadata: item.metadata).score == 0)
        #expect(task.verify(answer: text(grid + [grid[0]]), metadata: item.metadata).score == 0)
    }
}

@Suite("Blocksworld")
struct BlocksworldTests {
    let task = BlocksworldTask()

    func stacks(_ item: TaskItem, _ key: String) -> [[String]] {
        item.metadata[key]!.arrayValue!.map { $0.stringArray! }
    }

    /// A different valid plan than the gold: everything to the table, then build the goal.
    func naivePlan(_ item: TaskItem) -> String {
        var lines: [String] = []
        for (i, stack) in stacks(item, "initial").enumerated() {
            for block in stack.reversed() { lines.append("Move \(block) from \(i + 1) to table") }
        }
        for (i, stack) in stacks(item, "goal").enumerated() {
            for block in stack { lines.append("Move \(block) from table to \(i + 1)") }
        }
        return lines.joined(separator: "\n")
    }

    @Test func anyValidPlanScoresOne() throws {
        for level in task.info.levels.indices {
            for seed: UInt64 in 0..<20 {
                let item = try task.item(seed: seed, level: level)
                let plan = naivePlan(item)
                #expect(task.verify(answer: plan, metadata: item.metadata).isCorrect)
                #expect(item.gold.split(separator: "\n").count <= plan.split(separator: "\n").count,
                        "the planner is no worse than the naive plan")
                // Verbose spellings of the same plan.
                let verbose = plan.split(separator: "\n").enumerated().map { "\($0.offset + 1). " + $0.element
                    .replacingOccurrences(of: " to table", with: " to the table")
                    .replacingOccurrences(of: "from ", with: "from stack ")
                    .replacingOccurrences(of: "stack table", with: "the table") }.joined(separator: "\n")
                #expect(task.verify(answer: verbose, metadata: item.metadata).isCorrect, "\(verbose)")
                #expect(task.verify(answer: plan.lowercased(), metadata: item.metadata).isCorrect)
            }
        }
    }

    @Test func illegalOrIncompletePlansScoreZero() throws {
        let metadata: JSONValue = ["initial": [["A", "B"], ["C"], []], "goal": [["A"], ["C", "B"], []]]
        #expect(task.verify(answer: "Move B from 1 to 2", metadata: metadata).isCorrect)
        #expect(task.verify(answer: "Move B from 1 to table\nMove B from table to 2", metadata: metadata).isCorrect)
        let bad = [
            "Move A from 1 to 3",                       // A is under B
            "Move B from 2 to 2",                       // wrong source, and a no-op
            "Move B from 3 to 2",                       // B is not in stack 3
            "Move B from 1 to 4",                       // no stack 4
            "Move B from 1 to table",                   // ends with B on the table
            "Move B from 1 to 3",                       // goal not reached
            "Move B from table to 2",                   // B is not on the table
            "Move B from 1 to 2\nMove something else",  // a garbled move
            "",
        ]
        for answer in bad {
            #expect(task.verify(answer: answer, metadata: metadata).score == 0, "\(answer)")
        }
    }
}

@Suite("Logical deduction")
struct LogicalDeductionTests {
    let task = LogicalDeductionTask()

    /// Independent brute force over the stored clues: exactly one order fits, and it
    /// makes the stored answer the true option.
    @Test func cluesDetermineTheOrder() throws {
        func permutations(_ items: [Int]) -> [[Int]] {
            if items.count <= 1 { return [items] }
            return items.indices.flatMap { i in
                permutations(Array(items[..<i] + items[(i + 1)...])).map { [items[i]] + $0 }
            }
        }
        for level in task.info.levels.indices {
            for seed: UInt64 in 0..<30 {
                let item = try task.item(seed: seed, level: level)
                let n = item.metadata["objects"]!.stringArray!.count
                let clues = item.metadata["clues"]!.arrayValue!
                let fits = permutations(Array(0..<n)).filter { order in
                    // order[p] = object at position p
                    clues.allSatisfy { clue in
                        let a = order.firstIndex(of: clue["a"]!.intValue!)!
                        if clue["kind"]!.stringValue == "before" { return a < order.firstIndex(of: clue["b"]!.intValue!)! }
                        return a == clue["pos"]!.intValue!
                    }
                }
                #expect(fits.count == 1)
                let asked = item.metadata["asked_position"]!.intValue!
                #expect(fits.first?[asked] == item.metadata["answer_index"]!.intValue!)
                #expect(n == task.info.levels[level]["objects"])
                // Every clue is needed: dropping any one leaves several orders.
                for i in clues.indices {
                    var fewer = clues
                    fewer.remove(at: i)
                    let loose = permutations(Array(0..<n)).filter { order in
                        fewer.allSatisfy { clue in
                            let a = order.firstIndex(of: clue["a"]!.intValue!)!
                            if clue["kind"]!.stringValue == "before" { return a < order.firstIndex(of: clue["b"]!.intValue!)! }
                            return a == clue["pos"]!.intValue!
                        }
                    }
                    #expect(loose.count > 1, "clue \(i) is redundant")
                }
            }
        }
    }

    @Test func answerForms() throws {
        let item = try task.item(seed: 1, level: 1)
        let options = item.metadata["options"]!.stringArray!
        let right = item.metadata["answer_index"]!.intValue!
        let wrong = (right + 1) % options.count
        let letter = String(UnicodeScalar(UInt8(65 + right)))
        let other = String(UnicodeScalar(UInt8(65 + wrong)))
        for answer in [letter, "(\(letter))", "\(letter))", "\(letter.lowercased())", "\(letter).", "Option \(letter)",
                       "Answer: (\(letter))", "The answer is \(letter)", options[right], options[right].uppercased() + ".",
                       "(\(letter)) \(options[right])", "\(letter). \(options[right])"] {
            #expect(task.verify(answer: answer, metadata: item.metadata).isCorrect, "\(answer)")
        }
        for answer in [other, "(\(other))", options[wrong], "(\(letter)) \(options[wrong])", "(\(other)) \(options[right])",
                       "\(letter) or \(other)", "\(letter)\(other)", "(\(letter)", "ZZ", "(H)", ""] {
            #expect(task.verify(answer: answer, metadata: item.metadata).score == 0, "\(answer)")
        }
    }

    @Test func answerLettersAreSpread() throws {
        var counts: [Int: Int] = [:]
        for seed: UInt64 in 0..<500 {
            counts[try task.item(seed: seed, level: 1).metadata["answer_index"]!.intValue!, default: 0] += 1
        }
        TestSupport.report("logical_deduction (five): answer letter counts over 500 items \(counts.sorted { $0.key < $1.key })")
        #expect(counts.count == 5 && counts.values.allSatisfy { $0 >= 60 })
    }
}

@Suite("String insertion")
struct StringInsertionTests {
    let task = StringInsertionTask()

    /// The rules as the question states them, written again here, on every item.
    @Test func storedAnswerFollowsTheRules() throws {
        for level in task.info.levels.indices {
            for seed: UInt64 in 0..<100 {
                let item = try task.item(seed: seed, level: level)
                let text = Array(item.metadata["string"]!.stringValue!)
                let rules = item.metadata["rules"]!.arrayValue!.map {
                    (Array($0["pattern"]!.stringValue!), Character($0["insert"]!.stringValue!))
                }
                var out = ""
                for i in text.indices {
                    out.append(text[i])
                    let read = text[...i]
                    if let rule = rules.first(where: { read.count >= $0.0.count && Array(read.suffix($0.0.count)) == $0.0 }) {
                        out.append(rule.1)
                    }
                }
                #expect(out == item.gold)
                #expect(out.count > text.count, "at least one rule fires")
                #expect(text.count == task.info.levels[level]["length"])
            }
        }
    }

    @Test func handExample() {
        // "AAAA" with AA → B: windows ending at positions 2, 3 and 4 all match.
        let metadata: JSONValue = ["string": "AAAA", "rules": [["pattern": "AA", "insert": "B"]], "answer": "AABABAB"]
        #expect(task.verify(answer: "AABABAB", metadata: metadata).isCorrect)
        #expect(task.verify(answer: "aab abab", metadata: metadata).isCorrect)
        #expect(task.verify(answer: "AABAB", metadata: metadata).score == 0)
        #expect(task.verify(answer: "AABABABB", metadata: metadata).score == 0)
        #expect(task.verify(answer: "AABABAB.", metadata: metadata).score == 0)
    }
}

@Suite("Multi-step arithmetic")
struct MultistepArithmeticTests {
    let task = MultistepArithmeticTask()

    @Test func integerForms() {
        let metadata: JSONValue = ["expression": "(1 + 2)", "value": -1234]
        for answer in ["-1234", "−1234", "-1,234", "= -1234", "-1234.", "-1234.0", " - 1234", "-1 234"] {
            #expect(task.verify(answer: answer, metadata: metadata).isCorrect, "\(answer)")
        }
        for answer in ["1234", "-1234.5", "-12,34", "-1 2 3 4", "-1234 + 0", "minus 1234", "-1234 -1234", "-0x4d2", "--1234", ""] {
            #expect(task.verify(answer: answer, metadata: metadata).score == 0, "\(answer)")
        }
    }

    /// The stored value against Python's own evaluation of the same text.
    @Test func valuesMatchPython() throws {
        var items: [TaskItem] = []
        for level in task.info.levels.indices {
            for seed: UInt64 in 0..<25 { items.append(try task.item(seed: seed, level: level)) }
        }
        let program = "for e in [\n" + items.map { "    \"\($0.metadata["expression"]!.stringValue!)\"," }.joined(separator: "\n")
            + "\n]:\n    print(eval(e))\n"
        let run = try #require(TestSupport.runPython(program))
        let values = run.stdout.split(separator: "\n").map(String.init)
        #expect(values == items.map(\.gold))
    }
}
