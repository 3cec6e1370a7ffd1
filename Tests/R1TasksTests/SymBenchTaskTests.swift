// Hand-checked properties of the SymBench families: known answers on small
// hand-made items, valid alternatives accepted where several answers exist,
// subtly wrong answers rejected, and the answer layouts models actually write.

import Testing
@testable import R1Tasks

private func meta(_ fields: [String: JSONValue]) -> JSONValue { .object(fields) }

@Suite("SymBench tasks")
struct SymBenchTaskTests {
    @Test("every SymBench task is registered with source SymBench and a known category")
    func registry() throws {
        let categories: Set<String> = ["arithmetic", "puzzle", "planning", "string", "logic", "spatial", "counting"]
        for task in SymBenchTasks.all {
            #expect(task.info.source == .symbench)
            #expect(categories.contains(task.info.category), "\(task.info.id): \(task.info.category)")
            #expect(try TaskRegistry.task(task.info.id).info.id == task.info.id)
        }
    }

    @Test("number_multiply: separators and signs")
    func numberMultiply() {
        let task = NumberMultiplyTask()
        let m = meta(["numbers": JSONValue([-12, 345, 1000]), "product": .int(-4_140_000)])
        for ok in ["-4140000", "-4,140,000", "−4 140 000", "(-12)*345*1000 = -4140000"] {
            #expect(task.verify(answer: ok, metadata: m).isCorrect, "\(ok)")
        }
        for bad in ["4140000", "-4140001", "-4.14e6", "-4140000.5", ""] {
            #expect(task.verify(answer: bad, metadata: m).score == 0, "\(bad)")
        }
    }

    @Test("letters: count and 1-based positions")
    func letters() {
        let task = LettersTask()
        let m = meta(["word": "banana", "letter": "a", "positions": JSONValue([2, 4, 6])])
        #expect(task.verify(answer: "Count: 3, Positions: [2, 4, 6]", metadata: m).isCorrect)
        #expect(task.verify(answer: "count=3 positions=[2,4,6]", metadata: m).isCorrect)
        #expect(task.verify(answer: "Count: 3, Positions: [6, 2, 4]", metadata: m).isCorrect, "listing order is free")
        #expect(task.verify(answer: "Count: 3, Positions: [2, 2, 4, 6]", metadata: m).score == 0)
        #expect(task.verify(answer: "Count: 3, Positions: [1, 3, 5]", metadata: m).score == 0, "0-based positions")
        #expect(task.verify(answer: "Count: 2, Positions: [2, 4, 6]", metadata: m).score == 0)
        #expect(task.verify(answer: "[2, 4, 6]", metadata: m).score == 0, "the count is required")
        let none = meta(["word": "xyz", "letter": "a", "positions": JSONValue([Int]())])
        #expect(task.verify(answer: "Count: 0, Positions: []", metadata: none).isCorrect)
    }

    @Test("eight_queens: any valid completion, constraints enforced")
    func eightQueens() {
        let task = EightQueensTask()
        // Two of the 4-queens solutions: (0,1),(1,3),(2,0),(3,2) and (0,2),(1,0),(2,3),(3,1).
        let free = meta(["size": 4, "queens": .array([]), "blocked": .array([])])
        #expect(task.verify(answer: "0 1, 1 3, 2 0, 3 2", metadata: free).isCorrect)
        #expect(task.verify(answer: "[[0,2],[1,0],[2,3],[3,1]]", metadata: free).isCorrect, "the other solution")
        #expect(task.verify(answer: "(3,1) (2,3) (1,0) (0,2)", metadata: free).isCorrect, "any order")
        #expect(task.verify(answer: "0 1, 1 3, 2 0, 3 1", metadata: free).score == 0, "attacking queens")
        #expect(task.verify(answer: "0 1, 1 3, 2 0", metadata: free).score == 0, "too few")
        let pinned = meta(["size": 4, "queens": .array([JSONValue([0, 1])]), "blocked": .array([])])
        #expect(task.verify(answer: "0 2, 1 0, 2 3, 3 1", metadata: pinned).score == 0, "drops the placed queen")
        let blocked = meta(["size": 4, "queens": .array([]), "blocked": .array([JSONValue([2, 0])])])
        #expect(task.verify(answer: "0 1, 1 3, 2 0, 3 2", metadata: blocked).score == 0, "queen on a blocked square")
        #expect(task.verify(answer: "0 2, 1 0, 2 3, 3 1", metadata: blocked).isCorrect)
    }

    @Test("eight_queens: generated boards are solvable around their givens")
    func eightQueensGenerated() throws {
        let task = EightQueensTask()
        for seed: UInt64 in 0..<20 {
            let item = try task.item(seed: seed, level: 3)
            #expect(task.verify(answer: item.gold, metadata: item.metadata).isCorrect)
            #expect(item.question.contains("10x10"))
        }
    }

    @Test("light_puzzles: hand-simulated presses")
    func lightPuzzles() {
        let task = LightPuzzlesTask()
        // 2x2: start 10/01; A toggles (1,1),(1,2); pressed twice then B toggles (2,2) once.
        let m = meta(["initial": JSONValue([[1, 0], [0, 1]]), "buttons": .array([JSONValue([[1, 1], [1, 2]]), JSONValue([[2, 2]])]),
                      "presses": JSONValue([0, 0, 1]), "final": JSONValue([1, 0, 0, 0])])
        for ok in ["1,0,0,0", "[1, 0, 0, 0]", "10\n00", "[[1,0],[0,0]]"] {
            #expect(task.verify(answer: ok, metadata: m).isCorrect, "\(ok)")
        }
        #expect(task.verify(answer: "1,0,0,1", metadata: m).score == 0)
        #expect(task.verify(answer: "1,0,0", metadata: m).score == 0)
        #expect(task.verify(answer: "1,0,0,2", metadata: m).score == 0)
        let program = task.oracle(metadata: m)
        #expect(program.contains("presses = [0, 0, 1]"))
    }

    @Test("pooling: exact max values, averages within 0.005")
    func pooling() {
        let task = PoolingTask()
        #expect(PoolingTask.pool([[1, 2, 3], [4, 5, 6], [7, 8, 9]], window: 2, average: false)
            == [[5, 6], [8, 9]].map { $0.map { Rational(integer: $0) } })
        let avg = PoolingTask.pool([[1, 2, 0], [4, 5, 0], [0, 0, 1]], window: 2, average: true)
        #expect(avg[0][0] == Rational(12, 4)! && avg[1][1] == Rational(6, 4)!)
        // Window 3 on a 3x3 matrix summing to 7: the only value is 7/9.
        let m = meta(["result": .array([JSONValue([7, 9])])])
        for ok in ["7/9", "0.78", "0.778", "0.7778", "[0.78]"] {
            #expect(task.verify(answer: ok, metadata: m).isCorrect, "\(ok)")
        }
        for bad in ["0.77", "0.8", "7/8", "0.7", "1"] {
            #expect(task.verify(answer: bad, metadata: m).score == 0, "\(bad)")
        }
        #expect(SymFormat.decimal(Rational(7, 9)!, places: 2) == "0.78")
        #expect(SymFormat.decimal(Rational(-5, 4)!, places: 2) == "-1.25")
        #expect(SymFormat.decimal(Rational(-1, 900)!, places: 2) == "0")
    }

    @Test("matrix_transformation: the six moves on a 2x3 matrix")
    func matrixTransformation() {
        let m = [["A", "B", "C"], ["D", "E", "F"]]
        #expect(MatrixTransformationTask.apply("rot90", m) == [["D", "A"], ["E", "B"], ["F", "C"]])
        #expect(MatrixTransformationTask.apply("rot270", m) == [["C", "F"], ["B", "E"], ["A", "D"]])
        #expect(MatrixTransformationTask.apply("rot180", m) == [["F", "E", "D"], ["C", "B", "A"]])
        #expect(MatrixTransformationTask.apply("transpose", m) == [["A", "D"], ["B", "E"], ["C", "F"]])
        #expect(MatrixTransformationTask.apply("flip_lr", m) == [["C", "B", "A"], ["F", "E", "D"]])
        #expect(MatrixTransformationTask.apply("flip_ud", m) == [["D", "E", "F"], ["A", "B", "C"]])
        let task = MatrixTransformationTask()
        let meta = meta(["result": JSONValue(["D", "A", "E", "B", "F", "C"])])
        for ok in ["D,A,E,B,F,C", "[['D','A'],['E','B'],['F','C']]", "DA\nEB\nFC", "d,a,e,b,f,c"] {
            #expect(task.verify(answer: ok, metadata: meta).isCorrect, "\(ok)")
        }
        #expect(task.verify(answer: "A,D,B,E,C,F", metadata: meta).score == 0, "transpose instead of rotation")
    }

    @Test("pattern_recognition: the largest square is unique and found")
    func patternRecognition() throws {
        let grid = ["XAAAB", "BAAAB", "XAAAC", "BCBBB", "ABBBB"].map(Array.init)
        let sides = PatternRecognitionTask.squareSides(grid)
        #expect(sides[2][3] == 3 && sides[4][4] == 2)
        let task = PatternRecognitionTask()
        for seed: UInt64 in 0..<30 {
            let item = try task.item(seed: seed, level: 3)
            let g = try #require(item.metadata["grid"]?.stringArray).map(Array.init)
            let d = PatternRecognitionTask.squareSides(g)
            let best = d.flatMap { $0 }.max()!
            #expect(best >= 3 && d.flatMap { $0 }.filter { $0 == best }.count == 1)
        }
        let m = meta(["row": 2, "col": 3, "side": 3])
        #expect(task.verify(answer: "2, 3, 3", metadata: m).isCorrect)
        #expect(task.verify(answer: "(2,3) 3", metadata: m).isCorrect)
        #expect(task.verify(answer: "3, 4, 3", metadata: m).score == 0, "1-based")
        #expect(task.verify(answer: "2, 3", metadata: m).score == 0, "side missing")
    }

    @Test("string_deletion_modification: first applicable rule, repeated")
    func stringDeletion() {
        // Rules: 'ab' prefix -> 'ca' (0), 'ca' prefix -> 'bb' + 'c' (5), 'bb' suffix removed (3).
        let run = StringDeletionModificationTask.run(Array("abb"), rules: [0, 5, 3])
        // abb -> cab -> bbbc -> (no prefix ab/ca, suffix not bb) stop.
        #expect(run?.0 == "bbbc" && run?.1 == 2)
        let task = StringDeletionModificationTask()
        let m = meta(["final": "bbbc"])
        #expect(task.verify(answer: "bbbc", metadata: m).isCorrect)
        #expect(task.verify(answer: "\"bbbc\"", metadata: m).isCorrect)
        #expect(task.verify(answer: "bbb", metadata: m).score == 0)
        // Every pool rule's Python twin is present in the oracle of an item using it.
        let program = task.oracle(metadata: meta(["start": "abb", "rules": JSONValue([0, 5, 3])]))
        #expect(program.contains("s.startswith('ab')") && program.contains("s = 'abb'"))
    }

    @Test("string_splitting and string_synthesis: the cycle skips and stops correctly")
    func recipeCycle() {
        // Resources x, y. M1: 2x -> y. M2: 1y -> 1x. Start x=3: M1 (x1,y1), M2 (x2,y0), M1 (x0,y1), M2 (x1,y0), stop.
        let methods = [Recipe(consume: [2, 0], produce: [0, 1]), Recipe(consume: [0, 1], produce: [1, 0])]
        let r = RecipeCycle.run([3, 0], methods)
        #expect(r?.counts == [1, 0] && r?.steps == 4)
        // A method that cannot run is skipped, not waited for.
        let skip = [Recipe(consume: [0, 5], produce: [1, 0]), Recipe(consume: [1, 0], produce: [0, 1])]
        #expect(RecipeCycle.run([2, 0], skip)?.counts == [0, 2])
        let task = StringSplittingTask()
        let m = meta(["result": JSONValue([0, 1, 0, 3, 2, 1])])
        for ok in ["0, 1, 0, 3, 2, 1", "[\"0\", \"1\", \"0\", \"3\", \"2\", \"1\"]", "0 1 0 3 2 1"] {
            #expect(task.verify(answer: ok, metadata: m).isCorrect, "\(ok)")
        }
        #expect(task.verify(answer: "0, 1, 0, 3, 2", metadata: m).score == 0)
        #expect(task.verify(answer: "1, 0, 0, 3, 2, 1", metadata: m).score == 0)
        let synth = StringSynthesisTask()
        let m9 = meta(["result": JSONValue([1, 0, 3, 0, 0, 2, 0, 1, 0])])
        #expect(synth.verify(answer: "1 0 3 0 0 2 0 1 0", metadata: m9).isCorrect)
        #expect(synth.verify(answer: "1 0 3 0 0 2 0 1", metadata: m9).score == 0)
    }

    @Test("combinatorial_calculation: order kept, no unary minus, exact value")
    func combinatorialCalculation() {
        let task = CombinatorialCalculationTask()
        let m = meta(["numbers": JSONValue([3, 4, 5, 6]), "target": 35])
        #expect(task.verify(answer: "3 * 4 + 5 * 6 - 7", metadata: m).score == 0, "extra number")
        #expect(task.verify(answer: "3 + 4 * 5 + 6 * 1", metadata: m).score == 0)
        #expect(task.verify(answer: "(3 + 4) * 5 + 6 - 6", metadata: m).score == 0)
        #expect(task.verify(answer: "(3 + 4) * (5 / 6) * 6", metadata: m).score == 0)
        #expect(task.verify(answer: "3 * 4 + 5 * 6", metadata: meta(["numbers": JSONValue([3, 4, 5, 6]), "target": 42])).isCorrect)
        #expect(task.verify(answer: "3*4+5*6 = 42", metadata: meta(["numbers": JSONValue([3, 4, 5, 6]), "target": 42])).isCorrect)
        #expect(task.verify(answer: "(3 + 4) * 5 + 6 / 6 - 1", metadata: m).score == 0)
        // Alternative expressions reaching the target are accepted.
        let t24 = meta(["numbers": JSONValue([2, 3, 4, 1]), "target": 24])
        #expect(task.verify(answer: "2 * 3 * 4 * 1", metadata: t24).isCorrect)
        #expect(task.verify(answer: "2 * 3 * 4 / 1", metadata: t24).isCorrect)
        #expect(task.verify(answer: "(2 + 3 + 1) * 4", metadata: t24).score == 0, "order changed")
        #expect(task.verify(answer: "23 + 4 - 1 - 2", metadata: t24).score == 0, "digits joined")
        #expect(task.verify(answer: "-(2 - 3) * 4 * 6", metadata: t24).score == 0, "unary minus")
    }

    @Test("logical_equation: constraints checked, unique generated solution")
    func logicalEquation() throws {
        let task = LogicalEquationTask()
        let m = meta(["numbers": JSONValue([1, 2, 3]),
                      "constraints": .array([["sum", 0, 1, 5], ["gt", 1, 0]])])
        #expect(task.verify(answer: "[2, 3, 1]", metadata: m).isCorrect)
        #expect(task.verify(answer: "A=2, B=3, C=1", metadata: m).isCorrect)
        #expect(task.verify(answer: "[3, 2, 1]", metadata: m).score == 0, "B > A fails")
        #expect(task.verify(answer: "[2, 3, 3]", metadata: m).score == 0, "not a permutation")
        for seed: UInt64 in 0..<10 {
            let item = try task.item(seed: seed, level: 1)
            let numbers = try #require(item.metadata["numbers"]?.intArray)
            let specs = try #require(item.metadata["constraints"]?.arrayValue).compactMap(\.arrayValue)
            let cs = specs.compactMap(LogicalEquationTask.constraint)
            #expect(PermutationSearch.count(variables: numbers.count, values: numbers, constraints: cs, limit: 5) == 1)
        }
    }

    @Test("permutations_combinations: any order meeting the conditions")
    func permutations() throws {
        let task = PermutationsCombinationsTask()
        // 3 books; A left of B, C not in position 2 → ACB? no (C at 2). Valid: ABC, CAB.
        let m = meta(["books": 3, "constraints": .array([["left", 0, 1], ["notat", 2, 2]])])
        #expect(task.verify(answer: "[\"A\", \"B\", \"C\"]", metadata: m).isCorrect)
        #expect(task.verify(answer: "C, A, B", metadata: m).isCorrect, "the other valid order")
        #expect(task.verify(answer: "A C B", metadata: m).score == 0)
        #expect(task.verify(answer: "B A C", metadata: m).score == 0)
        #expect(task.verify(answer: "A B", metadata: m).score == 0)
        #expect(task.verify(answer: "A B C D", metadata: m).score == 0)
        for seed: UInt64 in 0..<10 {
            let item = try task.item(seed: seed, level: 3)
            let specs = try #require(item.metadata["constraints"]?.arrayValue).compactMap(\.arrayValue)
            let cs = specs.compactMap { PermutationsCombinationsTask.constraint($0, books: 8) }
            let n = PermutationSearch.count(variables: 8, values: Array(1...8), constraints: cs, limit: 10)
            #expect((1...3).contains(n))
        }
    }

    @Test("new_operator: templates evaluate as written")
    func newOperator() {
        // 3*a - 2*b at a=5, b=4 is 7; a*b - a - b at 5, 4 is 11.
        #expect(NewOperatorTask.templates[1].value(5, 4, 3, 2) == 7)
        #expect(NewOperatorTask.templates[6].value(5, 4, 0, 0) == 11)
        #expect(NewOperatorTask.templates[1].text(3, 2) == "3*a - 2*b")
        let task = NewOperatorTask()
        let m = meta(["value": -12])
        #expect(task.verify(answer: "-12", metadata: m).isCorrect)
        #expect(task.verify(answer: "x = -12", metadata: m).isCorrect)
        #expect(task.verify(answer: "-12.0", metadata: m).isCorrect)
        #expect(task.verify(answer: "12", metadata: m).score == 0)
        #expect(task.verify(answer: "-12, 5", metadata: m).score == 0)
    }

    @Test("statistical_counting: maximal runs count once")
    func statisticalCounting() {
        // A: runs >= 2 add 3; B: runs >= 3 subtract 2. "AABBBAAAB": AA(+3) BBB(-2) AAA(+3) B(0) = 4.
        #expect(StatisticalCountingTask.score(Array("AABBBAAAB"), letters: ["A", "B"], runs: [2, 3], points: [3, -2]) == 4)
        let task = StatisticalCountingTask()
        #expect(task.verify(answer: "4", metadata: meta(["score": 4])).isCorrect)
        #expect(task.verify(answer: "5", metadata: meta(["score": 4])).score == 0)
        #expect(task.verify(answer: "4 5", metadata: meta(["score": 4])).score == 0)
    }
}

@Suite("SymBench board games")
struct SymBenchBoardTests {
    @Test("game2048: merges once per move, nearest the wall first")
    func game2048() {
        #expect(Game2048Task.slide([2, 2, 2, 0]) == [4, 2, 0, 0])
        #expect(Game2048Task.slide([2, 2, 4, 4]) == [4, 8, 0, 0])
        #expect(Game2048Task.slide([4, 0, 4, 8]) == [8, 8, 0, 0], "a merged tile does not merge again")
        let g = [[2, 0, 2], [0, 4, 0], [2, 4, 8]]
        #expect(Game2048Task.move(g, "r") == [[0, 0, 4], [0, 0, 4], [2, 4, 8]])
        #expect(Game2048Task.move(g, "u") == [[4, 8, 2], [0, 0, 8], [0, 0, 0]])
        #expect(Game2048Task.move(g, "d") == [[0, 0, 0], [0, 0, 2], [4, 8, 8]])
        let task = Game2048Task()
        let m = JSONValue.object(["final": JSONValue([0, 0, 4, 0])])
        #expect(task.verify(answer: "0,0,4,0", metadata: m).isCorrect)
        #expect(task.verify(answer: "[[0, 0], [4, 0]]", metadata: m).isCorrect)
        #expect(task.verify(answer: "0,0,0,4", metadata: m).score == 0)
    }

    @Test("reversi: flips in every direction that closes")
    func reversi() {
        var b = ReversiTask.start(6)
        let legalBlack = (0..<36).filter { !ReversiTask.flips(b, $0 / 6, $0 % 6, "B").isEmpty }
        #expect(legalBlack.count == 4, "four opening moves")
        let f = ReversiTask.flips(b, 1, 2, "B")  // above W at (2, 2), B at (3, 2) closes the line
        #expect(f.count == 1 && f[0] == (2, 2))
        for (i, j) in f { b[i][j] = "B" }
        b[1][2] = "B"
        #expect(b[2][2] == "B" && b[3][3] == "W")
        let task = ReversiTask()
        let m = JSONValue.object(["final": JSONValue(["B", ".", "W", "."])])
        #expect(task.verify(answer: "B,.,W,.", metadata: m).isCorrect)
        #expect(task.verify(answer: "B*\nW*", metadata: m).isCorrect, "* for empty, one row a line")
        #expect(task.verify(answer: "b . w .", metadata: m).isCorrect)
        #expect(task.verify(answer: "B,.,B,.", metadata: m).score == 0)
        #expect(task.verify(answer: "B,X,W,.", metadata: m).score == 0)
    }
}

@Suite("SymBench deduction and planning")
struct SymBenchDeductionTests {
    @Test("cryptanalysis: feedback counts and a unique code")
    func cryptanalysis() throws {
        // Code 3 7; guess 7 9: 7 is misplaced, 9 is wrong and above both code digits.
        #expect(CryptanalysisTask.feedback([7, 9], [3, 7], hints: true) == [0, 1, 1, 0])
        #expect(CryptanalysisTask.feedback([5, 0], [3, 7], hints: true) == [0, 0, 0, 1], "5 lies between 3 and 7")
        #expect(CryptanalysisTask.feedback([3, 0], [3, 7], hints: false) == [1, 0, 0, 0])
        let task = CryptanalysisTask()
        for seed: UInt64 in 0..<5 {
            let item = try task.item(seed: seed, level: 1)
            let code = try #require(item.metadata["code"]?.stringArray)
            #expect(task.verify(answer: code.joined(), metadata: item.metadata).isCorrect, "symbols run together")
            #expect(task.verify(answer: code.joined(separator: ", ").lowercased(), metadata: item.metadata).isCorrect)
            #expect(task.verify(answer: code.reversed().joined(separator: ","), metadata: item.metadata).score == 0)
        }
    }

    @Test("letter_logic_diagram: rules and givens checked, any valid completion")
    func letterLogic() throws {
        let task = LetterLogicDiagramTask()
        // Two 3x3 completions with a constant minor diagonal: (i + j) mod 3 relabelled.
        let empty = JSONValue.object(["size": 3, "puzzle": JSONValue(["...", "...", "..."])])
        #expect(task.verify(answer: "a,b,c\nb,c,a\nc,a,b", metadata: empty).isCorrect)
        #expect(task.verify(answer: "[['b','a','c'],['a','c','b'],['c','b','a']]", metadata: empty).isCorrect)
        #expect(task.verify(answer: "a,b,c\nc,a,b\nb,c,a", metadata: empty).score == 0, "Latin but the minor diagonal differs")
        #expect(task.verify(answer: "a,b,c\nb,c,a\nc,a,a", metadata: empty).score == 0)
        let given = JSONValue.object(["size": 3, "puzzle": JSONValue(["b..", "...", "..."])])
        #expect(task.verify(answer: "a,b,c\nb,c,a\nc,a,b", metadata: given).score == 0, "given cell changed")
        for seed: UInt64 in 0..<10 {
            let item = try task.item(seed: seed, level: 3)
            #expect(task.verify(answer: item.gold, metadata: item.metadata).isCorrect)
        }
    }

    @Test("boxlift: simulated plans, budget enforced")
    func boxlift() {
        let task = BoxLiftTask()
        let m = JSONValue.object(["weights": JSONValue([100, 50, 120]), "capacities": JSONValue([60, 70]), "max_steps": 2])
        #expect(task.verify(answer: "Step 1: [(1, [1, 2])]\nStep 2: [(2, [1]), (3, [1, 2])]", metadata: m).score == 0,
                "lifter 1 works twice in step 2")
        #expect(task.verify(answer: "Step 1: [(1, [1, 2])]\nStep 2: [(3, [1, 2])]", metadata: m).score == 0, "box 2 never lifted")
        #expect(task.verify(answer: "Step 1: [(3, [1, 2])]\nStep 2: [(1, [1, 2])]\nStep 3: [(2, [1])]", metadata: m).score == 0,
                "over the step budget")
        #expect(task.verify(answer: "Step 1: [(2, [1])]\nStep 2: [(1, [1, 2])]", metadata: m).score == 0, "box 3 missing")
        #expect(task.verify(answer: "Step 1: [(2, [2]), (1, [1])]\nStep 2: [(3, [1, 2])]", metadata: m).score == 0,
                "60 cannot lift 100")
        // Box 2 needs only one lifter; box 1 and box 3 each need both.
        let ok = JSONValue.object(["weights": JSONValue([100, 50, 120]), "capacities": JSONValue([60, 70]), "max_steps": 3])
        #expect(task.verify(answer: "Step 1: [(2, [1])]\nStep 2: [(1, [1, 2])]\nStep 3: [(3, [2, 1])]", metadata: ok).isCorrect)
        #expect(task.verify(answer: "step 1 - (3,[1,2])\nstep 2 - (1,[1,2])\nstep 3 - (2,[2])", metadata: ok).isCorrect)
        let plan = BoxLiftTask.greedy(weights: [100, 50, 120], capacities: [60, 70])
        #expect(plan.count == 3)
        #expect(task.verify(answer: BoxLiftTask.format(plan), metadata: ok).isCorrect)
    }

    @Test("mahjong: Peng before Chi, judged before the removal")
    func mahjong() {
        // Letters as 0 = A, 1 = B, ...: hand A A C D.
        let hand = [0, 0, 2, 3]
        #expect(MahjongTask.judge(hand, 0, chi: true) == 1, "two As in hand: Peng")
        #expect(MahjongTask.judge(hand, 1, chi: true) == 2, "A B C: Chi")
        #expect(MahjongTask.judge(hand, 4, chi: true) == 2, "C D E: Chi")
        #expect(MahjongTask.judge(hand, 4, chi: false) == 0, "no Chi rule")
        #expect(MahjongTask.judge(hand, 6, chi: true) == 0)
        #expect(MahjongTask.judge([0, 2], 2, chi: true) == 0, "one C in hand is not Peng, and A C C is not a run")
        let task = MahjongTask()
        let m = JSONValue.object(["results": JSONValue([1, 0, 2])])
        #expect(task.verify(answer: "1,0,2", metadata: m).isCorrect)
        #expect(task.verify(answer: "[1, 0, 2]", metadata: m).isCorrect)
        #expect(task.verify(answer: "Peng, Pass, Chi", metadata: m).isCorrect)
        #expect(task.verify(answer: "1,0,1", metadata: m).score == 0)
        #expect(task.verify(answer: "2", metadata: m).score == 0, "only the last round")
    }
}

@Suite("SymBench BoxNet")
struct SymBenchBoxNetTests {
    static let meta = JSONValue.object([
        "rows": 2, "cols": 2, "targets": JSONValue([[0, 1], [1, 0]]), "max_steps": 3,
        "boxes": .array([.array(["red1", 0, JSONValue([0, 0])]), .array(["blue1", 1, JSONValue([0, 0])])]),
    ])

    @Test("boxnet: one action per agent and per box, deliveries only at targets")
    func boxnet() {
        let task = BoxNetTask()
        let m = Self.meta
        // Both boxes start in (0, 0); its agent can move only one of them per step.
        #expect(task.verify(answer: "Step 1: red1 -> (0, 1)\nStep 2: red1 -> target; blue1 -> (1, 0)\nStep 3: blue1 -> target",
                            metadata: m).isCorrect)
        #expect(task.verify(answer: "Step 1: blue1 -> (1, 0)\nStep 2: blue1 -> target; red1 -> (0, 1)\nStep 3: red1 -> target",
                            metadata: m).isCorrect, "the other order")
        #expect(task.verify(answer: "Step 1: red1 -> (0, 1); blue1 -> (1, 0)\nStep 2: red1 -> target; blue1 -> target",
                            metadata: m).score == 0, "the agent in (0, 0) acts twice")
        #expect(task.verify(answer: "Step 1: red1 -> (1, 1)\nStep 2: red1 -> target", metadata: m).score == 0, "diagonal move")
        #expect(task.verify(answer: "Step 1: red1 -> target", metadata: m).score == 0, "not at its target")
        #expect(task.verify(answer: "Step 1: red1 -> (0, 1)\nStep 2: red1 -> target", metadata: m).score == 0, "blue1 left over")
        #expect(task.verify(answer: "Step 1: red1 -> (0, 1)\nStep 2: red1 -> (0, 0)\nStep 3: red1 -> (0, 1)\n"
                                + "Step 4: red1 -> target; blue1 -> (1, 0)\nStep 5: blue1 -> target", metadata: m).score == 0,
                "over the step budget")
    }

    @Test("boxnet: the greedy plan is within its own budget")
    func boxnetGenerated() throws {
        let task = BoxNetTask()
        for seed: UInt64 in 0..<20 {
            let item = try task.item(seed: seed, level: 3)
            #expect(task.verify(answer: item.gold, metadata: item.metadata).isCorrect)
        }
    }
}
