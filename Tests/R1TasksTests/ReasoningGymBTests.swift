// Focused tests of the Reasoning Gym tasks of set B: each task's answers agree
// with an independent computation written here, valid alternative answers are
// accepted, subtly wrong ones are rejected, and the game_of_life_halting
// scorer does not repeat Reasoning Gym's "any string is right" bug.

import Foundation
import Testing
@testable import R1Tasks

private let rgbIDs = ReasoningGymTasksB.all.map(\.info.id)

/// This file's items: `TaskSamples.items` from seed 23.
private func items(_ id: String, level: Int, count: Int, seed: UInt64 = 23) throws -> [TaskItem] {
    try TaskSamples.items(id, level: level, count: count, seed: seed)
}

private func allLevels(_ id: String, count: Int) throws -> [TaskItem] {
    try TaskSamples.itemsAtEveryLevel(id, count: count, seed: 23)
}

private func grid(_ it: TaskItem, _ key: String) -> [[Int]] { RGGrids.intGrid(it.metadata[key]) ?? [] }

/// Independent 4-neighbour BFS from a set of sources over passable cells.
private func bfs(_ rows: Int, _ cols: Int, sources: [(Int, Int)], passable: (Int, Int) -> Bool) -> [[Int?]] {
    var d = [[Int?]](repeating: [Int?](repeating: nil, count: cols), count: rows)
    var frontier = sources
    for (r, c) in sources { d[r][c] = 0 }
    var t = 0
    while !frontier.isEmpty {
        t += 1
        var next: [(Int, Int)] = []
        for (r, c) in frontier {
            for (nr, nc) in [(r - 1, c), (r + 1, c), (r, c - 1), (r, c + 1)]
            where nr >= 0 && nr < rows && nc >= 0 && nc < cols && d[nr][nc] == nil && passable(nr, nc) {
                d[nr][nc] = t
                next.append((nr, nc))
            }
        }
        frontier = next
    }
    return d
}

@Suite("Reasoning Gym tasks B")
struct ReasoningGymBTests {
    @Test func registeredWithSourceCategoriesAndLevels() throws {
        #expect(Set(rgbIDs).count == rgbIDs.count)
        var categories = Set<String>()
        for id in rgbIDs {
            let t = try TaskRegistry.task(id)
            #expect(t.info.source == .reasoningGym)
            #expect((3...4).contains(t.info.levels.count))
            categories.insert(t.info.category)
        }
        #expect(categories == ["algorithmic", "cognition", "games", "graphs", "logic", "arc"])
    }

    @Test(arguments: rgbIDs)
    func goldRoundTripAndJunk(id: String) throws {
        let task = try TaskRegistry.task(id)
        let junk = ["", "banana", "yes", "no", "true", "0", "-1", "[[]]", "[]", "1 2 3", "<<<>>> ignore all rules"]
        for it in try allLevels(id, count: 8) {
            let meta = try #require(JSONValue.parse(it.metadata.canonicalJSON()))
            #expect(task.verify(answer: it.gold, metadata: meta).isCorrect, "\(id) gold \(it.gold.prefix(40))")
            #expect(task.score(response: "Thinking.\n<<<\(it.gold)>>>", metadata: meta).isCorrect)
            #expect(it.question.hasSuffix(">>>.") || it.question.contains("<<<"))
            for j in junk where j != it.gold && j.lowercased() != it.gold.lowercased() {
                #expect(!task.verify(answer: j, metadata: meta).isCorrect, "\(id) accepted \(j)")
            }
        }
    }

    // MARK: algorithmic

    @Test func spiralMatrixHandExamples() throws {
        #expect(SpiralMatrixTask.spiral([[1, 2, 3], [4, 5, 6], [7, 8, 9]]) == [1, 2, 3, 6, 9, 8, 7, 4, 5])
        #expect(SpiralMatrixTask.spiral([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]) == [1, 2, 3, 4, 8, 12, 11, 10, 9, 5, 6, 7])
        let it = try items("spiral_matrix", level: 1, count: 1)[0]
        let nums = it.gold.split(separator: " ").map(String.init)
        #expect(accepts("spiral_matrix", "[" + nums.joined(separator: ", ") + "]", it))
        var swapped = nums
        if let k = (0..<(nums.count - 1)).first(where: { nums[$0] != nums[$0 + 1] }) { swapped.swapAt(k, k + 1) }
        #expect(!accepts("spiral_matrix", swapped.joined(separator: " "), it))
        #expect(!accepts("spiral_matrix", nums.dropLast().joined(separator: " "), it))
    }

    @Test func rotateMatrixAgreesWithIndexFormula() throws {
        for it in try allLevels("rotate_matrix", count: 10) {
            let m = grid(it, "matrix"), n = m.count
            let turns = it.metadata["turns"]!.intValue! % 4
            // Independent: clockwise by 90·t sends (r, c) to these coordinates.
            var expected = m
            for r in 0..<n {
                for c in 0..<n {
                    switch turns {
                    case 1: expected[c][n - 1 - r] = m[r][c]
                    case 2: expected[n - 1 - r][n - 1 - c] = m[r][c]
                    case 3: expected[n - 1 - c][r] = m[r][c]
                    default: expected[r][c] = m[r][c]
                    }
                }
            }
            #expect(it.gold == RGGrids.render(expected))
            let json = "[" + expected.map { "[" + $0.map(String.init).joined(separator: ",") + "]" }.joined(separator: ",") + "]"
            #expect(accepts("rotate_matrix", json, it))
            let transposed = (0..<n).map { r in (0..<n).map { c in expected[c][r] } }
            if transposed != expected { #expect(!accepts("rotate_matrix", RGGrids.render(transposed), it)) }
        }
    }

    @Test func binaryMatrixAgreesWithBruteForce() throws {
        for it in try allLevels("binary_matrix", count: 10) {
            let g = grid(it, "matrix"), n = g.count
            let zeros = (0..<n).flatMap { r in (0..<n).compactMap { c in g[r][c] == 0 ? (r, c) : nil } }
            let d = (0..<n).map { r in (0..<n).map { c in zeros.map { abs($0.0 - r) + abs($0.1 - c) }.min()! } }
            #expect(it.gold == RGGrids.render(d))
            var off = d
            off[0][0] += 1
            #expect(!accepts("binary_matrix", RGGrids.render(off), it))
        }
    }

    @Test func caesarDecryptsToLexiconWords() throws {
        for it in try allLevels("caesar_cipher", count: 10) {
            let cipher = it.metadata["cipher"]!.stringValue!, k = it.metadata["shift"]!.intValue!
            let plain = CaesarCipherTask.shift(cipher, by: 26 - k)
            #expect(plain == it.gold)
            #expect(plain.lowercased().split(separator: " ").allSatisfy { WordSortingTask.lexicon.contains(String($0)) })
            #expect(accepts("caesar_cipher", plain.lowercased(), it))
            #expect(!accepts("caesar_cipher", cipher, it))
            #expect(!accepts("caesar_cipher", CaesarCipherTask.shift(cipher, by: 25 - k), it))
        }
    }

    @Test func isomorphicStringsAgreeWithPatternsAndAreBalanced() throws {
        func pattern(_ s: String) -> [Int] { let a = Array(s); return a.map { a.firstIndex(of: $0)! } }
        for level in 0..<4 {
            let its = try items("isomorphic_strings", level: level, count: 200)
            var trues = 0
            for it in its {
                let s = it.metadata["s"]!.stringValue!, t = it.metadata["t"]!.stringValue!
                let iso = pattern(s) == pattern(t)
                #expect(it.gold == (iso ? "True" : "False"))
                if iso { trues += 1 }
                #expect(!accepts("isomorphic_strings", iso ? "False" : "True", it))
            }
            #expect((70...130).contains(trues), "level \(level): \(trues)/200 true")
        }
    }

    @Test func palindromeAcceptsAnyValidArrangement() throws {
        for it in try allLevels("palindrome_generation", count: 10) {
            let letters = it.metadata["letters"]!.stringArray!
            // Another palindrome: the letters sorted into the first half.
            var counts: [String: Int] = [:]
            for l in letters { counts[l, default: 0] += 1 }
            let half = counts.keys.sorted().map { String(repeating: $0, count: counts[$0]! / 2) }.joined()
            let mid = counts.keys.sorted().filter { counts[$0]! % 2 == 1 }.joined()
            let alt = half + mid + String(half.reversed())
            #expect(accepts("palindrome_generation", alt, it))
            #expect(accepts("palindrome_generation", alt.uppercased(), it))
            let notPal = letters.sorted().joined()
            if notPal != String(notPal.reversed()) { #expect(!accepts("palindrome_generation", notPal, it)) }
            // Drop two outer letters: still a palindrome, wrong letters.
            #expect(!accepts("palindrome_generation", String(it.gold.dropFirst().dropLast()), it))
            #expect(!accepts("palindrome_generation", it.gold + it.gold, it))
        }
    }

    @Test func groupAnagramsOrderFreeButExact() throws {
        for it in try allLevels("group_anagrams", count: 6) {
            let groups = GroupAnagramsTask.parseGroups(it.gold)!
            let reordered = groups.reversed().map { $0.reversed() }
            let json = "[" + reordered.map { "[" + $0.map { "\"\($0)\"" }.joined(separator: ",") + "]" }.joined(separator: ",") + "]"
            #expect(accepts("group_anagrams", json, it))
            #expect(accepts("group_anagrams", reordered.map { $0.joined(separator: ", ") }.joined(separator: "\n"), it))
            // Move one word to another group.
            var moved = groups
            let w = moved[0].removeLast()
            moved[1].append(w)
            let movedText = moved.map { $0.joined(separator: " ") }.joined(separator: "\n")
            #expect(!accepts("group_anagrams", movedText, it))
            // All in one group, or one missing word.
            #expect(!accepts("group_anagrams", "[[" + groups.joined().map { "\"\($0)\"" }.joined(separator: ",") + "]]", it))
            var missing = groups
            missing[0].removeLast()
            #expect(!accepts("group_anagrams", missing.map { $0.joined(separator: " ") }.joined(separator: "\n"), it))
        }
    }

    @Test func gameOfLifeKnownPatternsAndNoCellCredit() throws {
        let block = [[0, 0, 0, 0], [0, 1, 1, 0], [0, 1, 1, 0], [0, 0, 0, 0]]
        #expect(GameOfLifeTask.run(block, steps: 5) == block)
        var blinker = Array(repeating: Array(repeating: 0, count: 5), count: 5)
        blinker[2][1] = 1; blinker[2][2] = 1; blinker[2][3] = 1
        let once = GameOfLifeTask.run(blinker, steps: 1)
        #expect(once[1][2] == 1 && once[2][2] == 1 && once[3][2] == 1 && once.joined().reduce(0, +) == 3)
        #expect(GameOfLifeTask.run(blinker, steps: 2) == blinker)
        // Wrap-around: a blinker across the top edge.
        var edge = Array(repeating: Array(repeating: 0, count: 5), count: 5)
        edge[0][1] = 1; edge[0][2] = 1; edge[0][3] = 1
        let wrapped = GameOfLifeTask.run(edge, steps: 1)
        #expect(wrapped[4][2] == 1 && wrapped[0][2] == 1 && wrapped[1][2] == 1)
        for it in try allLevels("game_of_life", count: 5) {
            let n = grid(it, "grid").count
            let zeros = Array(repeating: Array(repeating: 0, count: n), count: n)
            #expect(!accepts("game_of_life", RGGrids.render(zeros), it), "an all-dead grid earns nothing")
            var oneOff = RGGrids.parseGrid(it.gold, rows: n, cols: n)!
            oneOff[n - 1][n - 1] ^= 1
            #expect(!accepts("game_of_life", RGGrids.render(oneOff), it), "one wrong cell earns nothing")
        }
    }

    @Test func gameOfLifeHaltingIsCorrectAndBalanced() throws {
        // Independent simulation on a set of live cells.
        func dies(_ g: [[Int]], steps: Int) -> Bool {
            let n = g.count
            var live = Set((0..<n).flatMap { r in (0..<n).compactMap { c in g[r][c] == 1 ? r * 100 + c : nil } })
            for _ in 0..<steps {
                var counts: [Int: Int] = [:]
                for p in live {
                    let r = p / 100, c = p % 100
                    for dr in -1...1 { for dc in -1...1 where (dr, dc) != (0, 0) {
                        let nr = r + dr, nc = c + dc
                        if nr >= 0 && nr < n && nc >= 0 && nc < n { counts[nr * 100 + nc, default: 0] += 1 }
                    } }
                }
                live = Set(counts.compactMap { ($0.value == 3 || ($0.value == 2 && live.contains($0.key))) ? $0.key : nil })
                if live.isEmpty { return true }
            }
            return false
        }
        for level in 0..<4 {
            let its = try items("game_of_life_halting", level: level, count: 120)
            var yes = 0
            for it in its {
                let d = dies(grid(it, "grid"), steps: it.metadata["steps"]!.intValue!)
                #expect(it.gold == (d ? "Yes" : "No"))
                if d { yes += 1 }
            }
            #expect((40...80).contains(yes), "level \(level): \(yes)/120 die out")
        }
    }

    /// Reasoning Gym's game_of_life_halting scored any non-empty string 1.0 (it compared truthiness).
    /// Here wrong labels and arbitrary strings it would have accepted all score 0.
    @Test func gameOfLifeHaltingRejectsWhatReasoningGymAccepted() throws {
        for it in try allLevels("game_of_life_halting", count: 10) {
            let wrongLabel = it.gold == "Yes" ? "No" : "Yes"
            for answer in ["banana", wrongLabel, "True", "False", "1", "0", "Yes No", "maybe", "yes and no", "None"] {
                #expect(!accepts("game_of_life_halting", answer, it), "accepted \(answer)")
            }
            #expect(accepts("game_of_life_halting", it.gold.lowercased() + ".", it))
        }
    }

    @Test func rottenOrangesAgreeWithBFS() throws {
        var impossible = 0
        for it in try allLevels("rotten_oranges", count: 25) {
            let g = grid(it, "grid"), n = g.count
            let sources = (0..<n).flatMap { r in (0..<n).compactMap { c in g[r][c] == 2 ? (r, c) : nil } }
            let d = bfs(n, n, sources: sources) { g[$0][$1] != 0 }
            var worst = 0
            var stuck = false
            for r in 0..<n { for c in 0..<n where g[r][c] == 1 { if let t = d[r][c] { worst = max(worst, t) } else { stuck = true } } }
            let expected = stuck ? -1 : worst
            #expect(it.gold == String(expected))
            if stuck { impossible += 1 }
        }
        #expect(impossible >= 10 && impossible <= 45, "\(impossible)/100 impossible")
    }

    @Test func countPrimesAgreesWithTrialDivision() throws {
        func isPrime(_ k: Int) -> Bool {
            if k < 2 { return false }
            var d = 2
            while d * d <= k { if k % d == 0 { return false }; d += 1 }
            return true
        }
        #expect(CountPrimesTask.count(1, 10) == 4 && CountPrimesTask.count(2, 2) == 1 && CountPrimesTask.count(14, 16) == 0)
        for it in try allLevels("count_primes", count: 4) {
            let a = it.metadata["start"]!.intValue!, b = it.metadata["end"]!.intValue!
            let n = (a...b).filter(isPrime).count
            #expect(it.gold == String(n))
            #expect(accepts("count_primes", "\(n).", it))
            #expect(!accepts("count_primes", "\(n + 1)", it))
            #expect(!accepts("count_primes", "\(n)\(n)", it), "no substring credit")
        }
    }

    @Test func numberSortingIsExact() throws {
        for it in try allLevels("number_sorting", count: 8) {
            let d = it.metadata["decimals"]!.intValue!
            let tokens = it.gold.components(separatedBy: ", ")
            #expect(accepts("number_sorting", "[" + tokens.joined(separator: ", ") + "]", it))
            #expect(accepts("number_sorting", tokens.map { $0.contains(".") ? $0 + "0" : $0 }.joined(separator: " "), it))
            // The same numbers in the other order, or one value off by a last-digit unit.
            #expect(!accepts("number_sorting", tokens.reversed().joined(separator: ", "), it))
            var off = tokens
            let u = NumberSortingTask.units(Substring(off[0]), decimals: d)!
            off[0] = NumberSortingTask.format(u + (it.metadata["descending"]!.boolValue! ? 1 : -1), decimals: d)
            #expect(!accepts("number_sorting", off.joined(separator: ", "), it))
            // Check sortedness independently with Double.
            let values = tokens.map { Double($0)! }
            let desc = it.metadata["descending"]!.boolValue!
            #expect(values == (desc ? values.sorted(by: >) : values.sorted()))
        }
        #expect(NumberSortingTask.units("3.5", decimals: 2) == 350 && NumberSortingTask.units("-0.05", decimals: 2) == -5)
        #expect(NumberSortingTask.units("3.501", decimals: 2) == nil && NumberSortingTask.units("3,5", decimals: 1) == nil)
    }

    // MARK: graphs

    @Test func largestIslandAgreesWithUnionFind() throws {
        for it in try allLevels("largest_island", count: 15) {
            let g = grid(it, "grid"), rows = g.count, cols = g[0].count
            var parent = Array(0..<(rows * cols))
            func find(_ x: Int) -> Int { var x = x; while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }; return x }
            for r in 0..<rows { for c in 0..<cols where g[r][c] == 1 {
                if r + 1 < rows && g[r + 1][c] == 1 { parent[find(r * cols + c)] = find((r + 1) * cols + c) }
                if c + 1 < cols && g[r][c + 1] == 1 { parent[find(r * cols + c)] = find(r * cols + c + 1) }
            } }
            var size: [Int: Int] = [:]
            for r in 0..<rows { for c in 0..<cols where g[r][c] == 1 { size[find(r * cols + c), default: 0] += 1 } }
            #expect(it.gold == String(size.values.max() ?? 0))
        }
    }

    @Test func courseScheduleAgreesWithDFSAndIsBalanced() throws {
        for level in 0..<4 {
            var possible = 0
            for it in try items("course_schedule", level: level, count: 150) {
                let n = it.metadata["courses"]!.intValue!
                let pairs = it.metadata["prerequisites"]!.arrayValue!.map { $0.intArray! }
                var state = [Int](repeating: 0, count: n)
                var cyclic = false
                func visit(_ v: Int) {
                    state[v] = 1
                    for p in pairs where p[0] == v {
                        if state[p[1]] == 1 { cyclic = true } else if state[p[1]] == 0 { visit(p[1]) }
                    }
                    state[v] = 2
                }
                for v in 0..<n where state[v] == 0 { visit(v) }
                #expect(it.gold == (cyclic ? "False" : "True"))
                if !cyclic { possible += 1 }
                #expect(!accepts("course_schedule", cyclic ? "True" : "False", it))
                #expect(!accepts("course_schedule", "Yes", it))
            }
            #expect((50...100).contains(possible), "level \(level): \(possible)/150 possible")
        }
    }

    @Test func shortestPathAcceptsAnyOptimalRoute() throws {
        var infeasible = 0
        for it in try allLevels("shortest_path", count: 15) {
            let rows = it.metadata["grid"]!.stringArray!.map { Array($0) }
            let h = rows.count, w = rows[0].count
            var s = (0, 0), goal = (0, 0)
            for r in 0..<h { for c in 0..<w { if rows[r][c] == "*" { s = (r, c) }; if rows[r][c] == "#" { goal = (r, c) } } }
            let d = bfs(h, w, sources: [s]) { rows[$0][$1] != "X" }
            guard let best = d[goal.0][goal.1] else {
                infeasible += 1
                #expect(it.gold == "infeasible")
                #expect(accepts("shortest_path", "Infeasible", it))
                #expect(!accepts("shortest_path", "", it))
                continue
            }
            #expect(it.gold.split(separator: " ").count == best)
            #expect(!accepts("shortest_path", "infeasible", it))
            // Every optimal route is accepted: enumerate them from the goal's BFS layers (capped).
            let back = bfs(h, w, sources: [goal]) { rows[$0][$1] != "X" }
            var routes: [[String]] = []
            func walk(_ r: Int, _ c: Int, _ path: [String]) {
                guard routes.count < 6 else { return }
                if (r, c) == goal { routes.append(path); return }
                for (word, dr, dc) in [("up", -1, 0), ("down", 1, 0), ("left", 0, -1), ("right", 0, 1)] {
                    let nr = r + dr, nc = c + dc
                    if nr >= 0, nr < h, nc >= 0, nc < w, let b = back[nr][nc], let here = back[r][c], b == here - 1 {
                        walk(nr, nc, path + [word])
                    }
                }
            }
            walk(s.0, s.1, [])
            for route in routes { #expect(accepts("shortest_path", route.joined(separator: ", "), it)) }
            // A detour (one step out and back) is valid but not shortest; a truncated path misses the goal.
            let moves = it.gold.split(separator: " ").map(String.init)
            let opposite = ["up": "down", "down": "up", "left": "right", "right": "left"]
            #expect(!accepts("shortest_path", (moves + [opposite[moves.last!]!, moves.last!]).joined(separator: " "), it))
            #expect(!accepts("shortest_path", moves.dropLast().joined(separator: " "), it))
        }
        #expect(infeasible >= 2 && infeasible <= 25, "\(infeasible)/60 infeasible")
    }

    // MARK: games

    @Test func mazeAgreesWithBFSAndLevelMinimum() throws {
        let task = try TaskRegistry.task("maze")
        for level in 0..<4 {
            for it in try items("maze", level: level, count: 10) {
                let rows = it.metadata["maze"]!.stringArray!.map { Array($0) }
                let s = MazeTask.find(rows.map { String($0) }, "S")!, goal = MazeTask.find(rows.map { String($0) }, "G")!
                let d = bfs(rows.count, rows[0].count, sources: [s]) { rows[$0][$1] != "#" }
                #expect(it.gold == String(d[goal.0][goal.1]!))
                #expect(d[goal.0][goal.1]! >= task.info.levels[level]["min_distance"])
                #expect(!accepts("maze", String(d[goal.0][goal.1]! + 1), it))
            }
        }
    }

    @Test func miniSudokuIsUniqueAndAcceptsForms() throws {
        let task = try TaskRegistry.task("mini_sudoku")
        for level in 0..<4 {
            for it in try items("mini_sudoku", level: level, count: 10) {
                let puzzle = grid(it, "puzzle").flatMap { $0 }
                #expect(puzzle.filter { $0 == 0 }.count == task.info.levels[level]["blanks"], "the level's blanks, exactly")
                // Independent uniqueness: try every grid whose rows are permutations of 1–4.
                let perms = [[1, 2, 3, 4], [1, 2, 4, 3], [1, 3, 2, 4], [1, 3, 4, 2], [1, 4, 2, 3], [1, 4, 3, 2],
                             [2, 1, 3, 4], [2, 1, 4, 3], [2, 3, 1, 4], [2, 3, 4, 1], [2, 4, 1, 3], [2, 4, 3, 1],
                             [3, 1, 2, 4], [3, 1, 4, 2], [3, 2, 1, 4], [3, 2, 4, 1], [3, 4, 1, 2], [3, 4, 2, 1],
                             [4, 1, 2, 3], [4, 1, 3, 2], [4, 2, 1, 3], [4, 2, 3, 1], [4, 3, 1, 2], [4, 3, 2, 1]]
                let rowOptions = (0..<4).map { r in perms.filter { p in (0..<4).allSatisfy { puzzle[r * 4 + $0] == 0 || puzzle[r * 4 + $0] == p[$0] } } }
                var solutions = 0
                for a in rowOptions[0] { for b in rowOptions[1] { for c in rowOptions[2] { for d in rowOptions[3] {
                    if MiniSudokuTask.isValid(a + b + c + d) { solutions += 1 }
                } } } }
                #expect(solutions == 1)
                let rows = it.gold.split(separator: "\n").map { $0.replacingOccurrences(of: " ", with: "") }
                #expect(accepts("mini_sudoku", rows.joined(separator: "\n"), it))
                #expect(accepts("mini_sudoku", "[[" + rows.map { $0.map(String.init).joined(separator: ",") }.joined(separator: "],[") + "]]", it))
                // Swapping two rows of the solution breaks a given or a box.
                let swapped = [rows[1], rows[0], rows[2], rows[3]].joined(separator: "\n")
                #expect(!accepts("mini_sudoku", swapped, it))
            }
        }
    }

    // MARK: cognition

    @Test func colorCubeAgreesWithVectorRotations() throws {
        // Faces as outward normals (x right, y back, z up); each move is a rotation matrix.
        let normal: [String: [Int]] = ["top": [0, 0, 1], "bottom": [0, 0, -1], "front": [0, -1, 0],
                                       "back": [0, 1, 0], "left": [-1, 0, 0], "right": [1, 0, 0]]
        let rotations: [([Int]) -> [Int]] = [
            { [$0[2], $0[1], -$0[0]] },   // tip right: top (z) → right (x)
            { [-$0[2], $0[1], $0[0]] },   // tip left
            { [$0[0], -$0[2], $0[1]] },   // tip forwards: top (z) → front (−y)
            { [$0[0], $0[2], -$0[1]] },   // tip backwards
            { [$0[1], -$0[0], $0[2]] },   // clockwise from above: front (−y) → left (−x)
            { [-$0[1], $0[0], $0[2]] },   // anticlockwise from above
        ]
        for it in try allLevels("color_cube_rotation", count: 15) {
            let start = it.metadata["start"]!.objectValue!.mapValues { $0.stringValue! }
            var where_ = normal  // side name → where that painted face now points
            for m in it.metadata["moves"]!.intArray! { where_ = where_.mapValues(rotations[m]) }
            let asked = it.metadata["asked"]!.stringValue!
            let face = where_.first { $0.value == normal[asked]! }!.key
            #expect(it.gold == start[face]!)
            #expect(accepts("color_cube_rotation", it.gold.uppercased(), it))
            let other = start.values.first { $0 != it.gold }!
            #expect(!accepts("color_cube_rotation", other, it))
        }
    }

    // MARK: logic

    @Test func knightsKnavesUniqueAndAnswerForms() throws {
        for it in try allLevels("knights_knaves", count: 12) {
            let names = it.metadata["names"]!.stringArray!
            let claims = it.metadata["claims"]!.arrayValue!.map { KnightsKnavesTask.Claim(json: $0, people: names.count)! }
            #expect(KnightsKnavesTask.solutions(claims).count == 1)
            let roles = it.metadata["knights"]!.arrayValue!.map { $0.boolValue! }
            let colon = zip(names, roles).reversed().map { "\($0): \($1 ? "Knight" : "Knave")" }.joined(separator: "; ")
            #expect(accepts("knights_knaves", colon, it))
            var flipped = roles
            flipped[flipped.count - 1].toggle()
            #expect(!accepts("knights_knaves", zip(names, flipped).map { "\($0) is a \($1 ? "knight" : "knave")" }.joined(separator: ", "), it))
            #expect(!accepts("knights_knaves", zip(names, roles).dropLast().map { "\($0) is a \($1 ? "knight" : "knave")" }.joined(separator: ", "), it))
            #expect(!accepts("knights_knaves", names.map { "\($0) is a knight or a knave" }.joined(separator: ", "), it))
        }
    }

    @Test func knightsKnavesClassicPuzzle() {
        // A says "I am a knave or B is a knight": A knight, B knight is the only consistent world.
        let claims: [KnightsKnavesTask.Claim] = [.both("or", .not(.knight(0)), .knight(1)), .knight(0)]
        #expect(KnightsKnavesTask.solutions(claims) == [[true, true]])
    }

    @Test func zebraPuzzlesHaveOneSolutionByBruteForce() throws {
        for it in try allLevels("zebra_puzzles", count: 6) {
            let values = it.metadata["values"]!.arrayValue!.map { $0.stringArray! }
            let clues = it.metadata["clues"]!.arrayValue!
            let n = values[0].count, m = values.count
            // Independent enumeration: every tuple of permutations (house of each value).
            func perms(_ items: [Int]) -> [[Int]] {
                items.count <= 1 ? [items] : items.indices.flatMap { i in
                    perms(Array(items[..<i] + items[(i + 1)...])).map { [items[i]] + $0 } }
            }
            let all = perms(Array(0..<n))
            var tuples: [[[Int]]] = [[]]
            for _ in 0..<m { tuples = tuples.flatMap { t in all.map { t + [$0] } } }
            let sols = tuples.filter { pos in
                clues.allSatisfy { c in
                    let a = c["a"]!.intArray!, b = c["b"]!.intArray!, house = c["house"]!.intValue!
                    let pa = pos[a[0]][a[1]], pb = pos[b[0]][b[1]]
                    switch c["kind"]!.stringValue! {
                    case "same": return pa == pb
                    case "differ": return pa != pb
                    case "house": return pa == house
                    case "not_house": return pa != house
                    case "left_of": return pb == pa + 1
                    case "next_to": return abs(pa - pb) == 1
                    default: return false
                    }
                }
            }
            #expect(sols.count == 1)
            let asked = it.metadata["asked"]!.intArray!
            let house = sols[0][asked[0]][asked[1]]
            #expect(it.gold == values[0][sols[0][0].firstIndex(of: house)!])
            #expect(accepts("zebra_puzzles", it.gold.uppercased(), it))
            #expect(!accepts("zebra_puzzles", values[0].first { $0 != it.gold }!, it))
            #expect(!accepts("zebra_puzzles", values[0].joined(separator: " or "), it))
        }
    }

    // MARK: arc

    @Test func arc1DExamplesFollowTheRuleAndFormsParse() throws {
        for it in try allLevels("arc_1d", count: 12) {
            let family = it.metadata["family"]!.stringValue!, p = it.metadata["params"]!.intArray!
            for ex in it.metadata["examples"]!.arrayValue! {
                #expect(Arc1DTask.apply(family, p, ex["input"]!.intArray!) == ex["output"]!.intArray!)
            }
            let out = it.metadata["test_output"]!.intArray!
            #expect(accepts("arc_1d", "[" + out.map(String.init).joined(separator: ", ") + "]", it))
            var wrong = out
            wrong[0] = (wrong[0] + 1) % 10
            #expect(!accepts("arc_1d", wrong.map(String.init).joined(separator: " "), it))
            #expect(!accepts("arc_1d", it.metadata["test_input"]!.intArray!.map(String.init).joined(separator: " "), it))
        }
        #expect(Arc1DTask.apply("shift", [2], [1, 1, 0, 0, 0]) == [0, 0, 1, 1, 0])
        #expect(Arc1DTask.apply("fill_between", [], [0, 3, 0, 0, 3, 0]) == [0, 3, 3, 3, 3, 0])
        #expect(Arc1DTask.apply("gravity_right", [], [4, 0, 5, 0]) == [0, 0, 4, 5])
    }

    /// The oracle programs agree with the gold (two items per level); the contract test runs more.
    @Test(arguments: rgbIDs)
    func oraclesPrintTheGold(id: String) throws {
        let task = try TaskRegistry.task(id)
        for it in try allLevels(id, count: 1) {
            let run = try #require(TestSupport.runPython(task.oracle(metadata: it.metadata)))
            let printed = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(task.verify(answer: printed, metadata: it.metadata).isCorrect, "\(id): \(printed.prefix(60))")
        }
    }
}
