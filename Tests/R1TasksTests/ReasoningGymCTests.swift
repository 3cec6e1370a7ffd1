// Focused tests of the Reasoning Gym tasks of set C (cognition, games,
// geometry, graphs, logic): hand-worked cases, answers recomputed here by
// independent means (brute force, float64 geometry, breadth-first search),
// alternative valid answers accepted, subtly wrong ones rejected, and the two
// Reasoning Gym checker faults these tasks avoid (countdown/puzzle24 accepting
// numbers that are not the puzzle's; survo rejecting valid fillings).

import Foundation
import Testing
@testable import R1Tasks

private let rgcIDs = ReasoningGymTasksC.all.map(\.info.id)

/// This file's items: `TaskSamples.items` from seed 31.
private func items(_ id: String, level: Int, count: Int, seed: UInt64 = 31) throws -> [TaskItem] {
    try TaskSamples.items(id, level: level, count: count, seed: seed)
}

private func allLevels(_ id: String, count: Int) throws -> [TaskItem] {
    try TaskSamples.itemsAtEveryLevel(id, count: count, seed: 31)
}

@Suite("Reasoning Gym tasks C")
struct ReasoningGymCTests {
    @Test func registeredWithSourceCategoriesAndLevels() throws {
        #expect(rgcIDs.count >= 25 && Set(rgcIDs).count == rgcIDs.count)
        var categories = Set<String>()
        for id in rgcIDs {
            let t = try TaskRegistry.task(id)
            #expect(t.info.source == .reasoningGym)
            categories.insert(t.info.category)
        }
        #expect(categories == ["logic", "graphs", "games", "cognition", "geometry"])
    }

    // MARK: logic

    @Test func aiwHandExamples() {
        // Alice has 3 brothers and 2 sisters: her brother has 3 sisters (Alice too) and 2 brothers.
        #expect(AliceInWonderlandTask.count(shape: 0, heroFemale: true, males: 3, females: 2, askFemale: true, viaFemale: false) == 3)
        #expect(AliceInWonderlandTask.count(shape: 0, heroFemale: true, males: 3, females: 2, askFemale: false, viaFemale: false) == 2)
        // Her parents have 3 daughters; a circle of 4 men and 5 women around Alice: a man there has 6 female friends.
        #expect(AliceInWonderlandTask.count(shape: 1, heroFemale: true, males: 3, females: 2, askFemale: true, viaFemale: false) == 3)
        #expect(AliceInWonderlandTask.count(shape: 2, heroFemale: true, males: 4, females: 5, askFemale: true, viaFemale: false) == 6)
        #expect(AliceInWonderlandTask.count(shape: 2, heroFemale: true, males: 4, females: 5, askFemale: false, viaFemale: false) == 3)
    }

    @Test func syllogismClassicForms() {
        // form 0 all, 1 no, 2 some, 3 some-not; terms 0 = A, 1 = B, 2 = C.
        #expect(SyllogismTask.follows(terms: 3, premises: [[0, 0, 1], [0, 1, 2]], conclusion: [0, 0, 2]))   // Barbara
        #expect(SyllogismTask.follows(terms: 3, premises: [[1, 1, 2], [0, 0, 1]], conclusion: [1, 0, 2]))   // Celarent
        #expect(!SyllogismTask.follows(terms: 3, premises: [[0, 0, 1], [0, 2, 1]], conclusion: [0, 0, 2]))  // undistributed middle
        #expect(!SyllogismTask.follows(terms: 3, premises: [[2, 0, 1], [2, 1, 2]], conclusion: [2, 0, 2]))  // two particulars
        // Darapti holds only because every group has members, as the question states.
        #expect(SyllogismTask.follows(terms: 3, premises: [[0, 1, 0], [0, 1, 2]], conclusion: [2, 0, 2]))
    }

    @Test func selfReferenceHandExamples() {
        #expect(SelfReferenceTask.consistentCount([[4, 0, 0]]) == 0)            // "statement 1 is false": the liar
        #expect(SelfReferenceTask.consistentCount([[0, 1, 0]]) == 2)            // "at least 1 is true": true or false both fit
        #expect(SelfReferenceTask.consistentCount([[2, 1, 0], [2, 1, 0]]) == 1) // "exactly one is true", twice: both false
        #expect(SelfReferenceTask.consistentCount([[2, 1, 0], [4, 0, 0]]) == 1) // only "first true, second false"
    }

    @Test func propositionalModusPonensAndAffirmingTheConsequent() {
        let p: JSONValue = ["var", 0], q: JSONValue = ["var", 1]
        let imp: JSONValue = ["imp", p, q]
        func follows(_ premises: [JSONValue], _ c: JSONValue) -> Bool {
            (0..<4).filter { r in premises.allSatisfy { PropositionalLogicTask.eval($0, r) == true } }
                .allSatisfy { PropositionalLogicTask.eval(c, $0) == true }
        }
        #expect(follows([imp, p], q))
        #expect(!follows([imp, q], p))
        #expect(PropositionalLogicTask.render(["not", ["and", p, q]]) == "¬(P ∧ Q)")
    }

    @Test func circuitAnswersMatchAnIndependentEvaluator() throws {
        for it in try allLevels("circuit_logic", count: 10) {
            var wires = it.metadata["inputs"]!.intArray!.map { $0 == 1 }
            for g in it.metadata["gates"]!.arrayValue! {
                let op = g.arrayValue![0].stringValue!, x = g.arrayValue![1].intArray!.map { wires[$0] }
                let ones = x.filter { $0 }.count
                let v: Bool = ["AND": ones == x.count, "OR": ones > 0, "XOR": ones % 2 == 1,
                               "NAND": ones < x.count, "NOR": ones == 0, "NOT": !x[0]][op]!
                wires.append(v)
            }
            #expect(it.gold == (wires.last! ? "1" : "0"))
            #expect(!accepts("circuit_logic", wires.last! ? "0" : "1", it))
        }
    }

    // MARK: graphs

    @Test func familyRelationsOfAHandBuiltFamily() {
        typealias P = FamilyRelationshipsTask.Person
        // 0 Hugo + 1 Greta; children 2 Ines (f), 3 Jonas (m); Jonas + 4 Lena; their child 5 Maya; Ines + 6 Oscar.
        let people = [P(name: "Hugo", female: false, parents: [], spouse: 1), P(name: "Greta", female: true, parents: [], spouse: 0),
                      P(name: "Ines", female: true, parents: [0, 1], spouse: 6), P(name: "Jonas", female: false, parents: [0, 1], spouse: 4),
                      P(name: "Lena", female: true, parents: [], spouse: 3), P(name: "Maya", female: true, parents: [3, 4], spouse: nil),
                      P(name: "Oscar", female: false, parents: [], spouse: 2)]
        let r = { FamilyRelationshipsTask.relation($0, $1, people) }
        #expect(r(2, 5) == "aunt")
        #expect(r(6, 5) == "uncle")  // by marriage
        #expect(r(5, 6) == "niece")
        #expect(r(4, 2) == "sister-in-law")
        #expect(r(6, 3) == "brother-in-law")
        #expect(r(0, 4) == "father-in-law")
        #expect(r(4, 1) == "daughter-in-law")
        #expect(r(1, 5) == "grandmother")
        #expect(r(4, 6) == nil)  // Lena and Oscar: no word in the list
    }

    @Test func familyAnswersAcceptSentencesNamingTheRelation() throws {
        let it = try items("family_relationships", level: 1, count: 1)[0]
        let people = it.metadata["people"]!.arrayValue!
        let x = people[it.metadata["x"]!.intValue!]["name"]!.stringValue!, y = people[it.metadata["y"]!.intValue!]["name"]!.stringValue!
        #expect(accepts("family_relationships", "\(x) is \(y)'s \(it.gold)", it))
        #expect(accepts("family_relationships", "The \(it.gold.capitalized)", it))
        #expect(!accepts("family_relationships", it.gold == "cousin" ? "aunt" : "cousin", it))
    }

    @Test func topologicalOrdersAnyValidOneAccepted() throws {
        for it in try allLevels("topological_sort", count: 8) {
            let n = it.metadata["nodes"]!.intValue!, edges = it.metadata["edges"]!.arrayValue!.map { $0.intArray! }
            // Kahn's algorithm taking the largest ready node: usually a different valid order.
            var indegree = [Int](repeating: 0, count: n)
            for e in edges { indegree[e[1]] += 1 }
            var order: [Int] = []
            var ready = (0..<n).filter { indegree[$0] == 0 }
            while let v = ready.max() {
                ready.removeAll { $0 == v }; order.append(v)
                for e in edges where e[0] == v { indegree[e[1]] -= 1; if indegree[e[1]] == 0 { ready.append(e[1]) } }
            }
            #expect(accepts("topological_sort", order.map(String.init).joined(separator: " "), it))
            #expect(!accepts("topological_sort", order.reversed().map(String.init).joined(separator: ", "), it))
            #expect(!accepts("topological_sort", order.dropLast().map(String.init).joined(separator: ", "), it))
        }
    }

    @Test func cyclesAreWitnessesAndNoneIsChecked() throws {
        var sawNone = false, sawCycle = false
        for it in try allLevels("cycle_detection", count: 10) {
            if it.gold == "none" {
                sawNone = true
                let n = it.metadata["nodes"]!.intValue!
                let edges = it.metadata["edges"]!.arrayValue!.map { $0.intArray! }
                #expect(CourseScheduleTask.acyclic(n, edges.map { [$0[1], $0[0]] }))  // independent Kahn check
                #expect(!accepts("cycle_detection", "0, 1", it))
            } else {
                sawCycle = true
                var cycle = it.gold.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                cycle.append(cycle.removeFirst())  // a rotation is the same cycle
                #expect(accepts("cycle_detection", cycle.joined(separator: " -> "), it))
                #expect(accepts("cycle_detection", (cycle + [cycle[0]]).joined(separator: ", "), it))
                #expect(!accepts("cycle_detection", "none", it))
                if cycle.count > 2 { #expect(!accepts("cycle_detection", cycle.reversed().joined(separator: ", "), it)) }
            }
        }
        #expect(sawNone && sawCycle)
    }

    @Test func quantumLockShortestLengthMatchesBreadthFirstSearch() throws {
        for it in try allLevels("quantum_lock", count: 5) {
            let buttons = it.metadata["buttons"]!.arrayValue!.map { $0.intArray! }
            let target = it.metadata["target"]!.intValue!
            // Independent BFS over (value, green) with a dictionary.
            var dist: [[Int]: Int] = [[it.metadata["start"]!.intValue!, it.metadata["start_green"]!.boolValue! ? 1 : 0]: 0]
            var frontier = Array(dist.keys), depth = 0, found: Int? = nil
            while found == nil && !frontier.isEmpty {
                if frontier.contains(where: { $0[0] == target }) { found = depth; break }
                depth += 1
                var next: [[Int]] = []
                for s in frontier { for b in buttons {
                    if b[2] == 1 && s[1] == 1 || b[2] == 2 && s[1] == 0 { continue }
                    let v = b[0] == 0 ? s[0] + b[1] : b[0] == 1 ? s[0] - b[1] : s[0] * b[1]
                    guard v >= 0 && v <= 999 else { continue }
                    let t = [v, 1 - s[1]]
                    if dist[t] == nil { dist[t] = depth; next.append(t) }
                } }
                frontier = next
            }
            #expect(found == it.metadata["length"]!.intValue!)
            #expect(it.gold.split(separator: " ").count == found)
        }
    }

    // MARK: games

    @Test func nQueensAcceptsEveryCompletion() throws {
        for it in try items("n_queens", level: 0, count: 6) {
            let n = it.metadata["size"]!.intValue!
            let given = it.metadata["given"]!.arrayValue!.map(\.intValue)
            var completions: [[Int]] = []
            func place(_ cols: [Int]) {
                if cols.count == n { completions.append(cols); return }
                let row = cols.count
                for c in given[row].map({ [$0] }) ?? Array(0..<n)
                where cols.indices.allSatisfy({ cols[$0] != c && abs(cols[$0] - c) != row - $0 }) { place(cols + [c]) }
            }
            place([])
            #expect(!completions.isEmpty)
            for cols in completions { #expect(accepts("n_queens", NQueensTask.render(n, queens: cols), it)) }
            // Moving one given queen sideways, even onto a free square, is rejected.
            if let r = given.firstIndex(where: { $0 != nil }) {
                var cols = completions[0]
                cols[r] = (cols[r] + 1) % n
                #expect(!accepts("n_queens", NQueensTask.render(n, queens: cols), it))
            }
        }
    }

    @Test func hanoiFewestMovesMatchesBreadthFirstSearch() throws {
        for it in try items("tower_of_hanoi", level: 0, count: 8) + items("tower_of_hanoi", level: 1, count: 4) {
            let start = it.metadata["position"]!.intArray!, target = it.metadata["target"]!.intValue!
            let n = start.count
            // BFS over all 3^n positions (peg of each disk).
            var seen: Set<[Int]> = [start], frontier = [start], depth = 0
            while !frontier.contains(where: { $0.allSatisfy { $0 == target } }) {
                depth += 1
                var next: [[Int]] = []
                for s in frontier {
                    for from in 0..<3 {
                        guard let d = (0..<n).first(where: { s[$0] == from }) else { continue }
                        for to in 0..<3 where to != from && !(0..<d).contains(where: { s[$0] == to }) {
                            var t = s; t[d] = to
                            if seen.insert(t).inserted { next.append(t) }
                        }
                    }
                }
                frontier = next
            }
            #expect(depth == it.metadata["fewest"]!.intValue!)
            // A legal but longer solution: one extra move of the smallest disk and back.
            let names = it.metadata["pegs"]!.stringArray!
            let small = start[0], other = (small + 1) % 3
            let detour = "\(names[small])->\(names[other]) \(names[other])->\(names[small]) " + it.gold
            #expect(!accepts("tower_of_hanoi", detour, it))
        }
    }

    /// Reasoning Gym's countdown once (and puzzle24 still) accepted expressions built from
    /// numbers that are not the puzzle's: here they are rejected.
    @Test func countdownRejectsForeignOrReusedNumbers() throws {
        for it in try allLevels("countdown", count: 10) {
            let target = it.metadata["target"]!.intValue!, numbers = it.metadata["numbers"]!.intArray!
            #expect(accepts("countdown", it.gold, it))
            #expect(accepts("countdown", "\(it.gold) = \(target)", it))
            #expect(!accepts("countdown", String(target), it))                  // the target itself is not given
            if !(numbers.contains(target - 1) && numbers.contains(1)) { #expect(!accepts("countdown", "\(target - 1) + 1", it)) }
            let twice = "\(numbers[0]) + \(numbers[0]) - \(numbers[0]) - \(numbers[0]) + \(it.gold)"
            if numbers.filter({ $0 == numbers[0] }).count < 4 { #expect(!accepts("countdown", twice, it)) }
        }
    }

    /// Reasoning Gym's survo compares with the stored grid, so a different valid filling
    /// scores 0; every valid filling is accepted here, and an invalid one is not.
    @Test func survoAcceptsEveryValidFilling() throws {
        // By hand: inner grid [[1, 2], [2, 1]] with all four inner cells blank. The mirror
        // filling [[2, 1], [1, 2]] meets every sum too; an exact-match checker rejects it.
        let meta: JSONValue = ["puzzle": JSONValue([[0, 0, 3], [0, 0, 3], [3, 3, 6]]), "numbers": JSONValue([1, 1, 2, 2])]
        let survo = SurvoTask()
        #expect(survo.verify(answer: "1 2 3\n2 1 3\n3 3 6", metadata: meta).isCorrect)
        #expect(survo.verify(answer: "2 1 3\n1 2 3\n3 3 6", metadata: meta).isCorrect)
        #expect(!survo.verify(answer: "1 1 3\n2 2 3\n3 3 6", metadata: meta).isCorrect)  // rows fine, columns not
        #expect(!survo.verify(answer: "1 2 3\n1 2 3\n2 4 6", metadata: meta).isCorrect)  // changes the given sums
        // Generated items: the verdict on every arrangement of the listed numbers matches a direct sum check.
        for it in try items("survo", level: 1, count: 12) {
            let puzzle = it.metadata["puzzle"]!.arrayValue!.map { $0.intArray! }, numbers = it.metadata["numbers"]!.intArray!
            let m = puzzle.count, n = m - 1
            let blanks = (0..<(m * m)).filter { puzzle[$0 / m][$0 % m] == 0 }
            var fillings = Set<[Int]>()
            func permute(_ left: [Int], _ chosen: [Int]) {
                if left.isEmpty { fillings.insert(chosen); return }
                for i in left.indices { var l = left; let v = l.remove(at: i); permute(l, chosen + [v]) }
            }
            permute(numbers, [])
            for f in fillings {
                var g = puzzle
                for (cell, v) in zip(blanks, f) { g[cell / m][cell % m] = v }
                let valid = (0..<n).allSatisfy { r in g[r][0..<n].reduce(0, +) == g[r][n] }
                    && (0..<m).allSatisfy { c in (0..<n).reduce(0) { $0 + g[$1][c] } == g[n][c] }
                #expect(accepts("survo", RGGrids.render(g), it) == valid)
            }
        }
    }

    @Test func kakurasuAcceptsAnyGridMeetingTheTotals() throws {
        var alternatives = 0
        for it in try items("kakurasu", level: 0, count: 30) {
            let rows = it.metadata["row_totals"]!.intArray!, cols = it.metadata["column_totals"]!.intArray!
            let n = rows.count
            // Every shading whose rows meet their totals (rows chosen independently), checked on columns here.
            let fits = rows.map { total in (0..<(1 << n)).filter { m in (0..<n).reduce(0) { $0 + (m >> $1 & 1) * ($1 + 1) } == total } }
            func walk(_ r: Int, _ g: [[Int]]) {
                if r == n {
                    let good = KakurasuTask.totals(g).cols == cols
                    #expect(accepts("kakurasu", RGGrids.render(g), it) == good)
                    if good && RGGrids.render(g) != it.gold { alternatives += 1 }
                    return
                }
                for m in fits[r] { walk(r + 1, g + [(0..<n).map { m >> $0 & 1 }]) }
            }
            walk(0, [])
        }
        #expect(alternatives > 0)
    }

    @Test func futoshikiSolutionIsUniqueAndRulesAreChecked() throws {
        for it in try allLevels("futoshiki", count: 4) {
            let n = it.metadata["size"]!.intValue!
            let signs = it.metadata["signs"]!.arrayValue!.map { s in
                FutoshikiTask.Sign(a: s.arrayValue![0].intValue!, b: s.arrayValue![1].intValue!, less: s.arrayValue![2].boolValue!)
            }
            #expect(FutoshikiTask.count(it.metadata["puzzle"]!.intArray!, n: n, signs: signs, limit: 5) == 1)
            // Swapping two rows keeps a Latin square but breaks a given or a sign.
            let rows = it.gold.split(separator: "\n").map(String.init)
            #expect(!accepts("futoshiki", ([rows[1], rows[0]] + rows.dropFirst(2)).joined(separator: "\n"), it))
        }
    }

    @Test func slidingPuzzleRespectsTheMoveLimit() throws {
        for it in try allLevels("sliding_puzzle", count: 5) {
            let tiles = it.gold.split(separator: " ")
            #expect(accepts("sliding_puzzle", tiles.joined(separator: ", "), it))
            // The last tile slid back and forth once more: still solved, but two moves over the limit.
            let last = tiles.last!
            #expect(!accepts("sliding_puzzle", (tiles + [last, last]).joined(separator: " "), it))
            #expect(!accepts("sliding_puzzle", tiles.dropLast().joined(separator: " "), it))
        }
    }

    @Test func sokobanVerdictsMatchAnIndependentReplay() throws {
        for it in try allLevels("sokoban", count: 5) {
            let map = it.metadata["map"]!.stringArray!.map { Array($0) }
            // Replays moves on (row, col) sets; nil when a move is illegal.
            func solved(_ moves: Substring) -> Bool? {
                var boxes = Set<[Int]>(), goals = Set<[Int]>(), me = [0, 0]
                for r in map.indices { for c in map[r].indices {
                    if "$*".contains(map[r][c]) { boxes.insert([r, c]) }
                    if ".*+".contains(map[r][c]) { goals.insert([r, c]) }
                    if "@+".contains(map[r][c]) { me = [r, c] }
                } }
                for m in moves {
                    let d = ["U": [-1, 0], "D": [1, 0], "L": [0, -1], "R": [0, 1]][String(m)]!
                    let next = [me[0] + d[0], me[1] + d[1]]
                    if map[next[0]][next[1]] == "#" { return nil }
                    if boxes.contains(next) {
                        let beyond = [next[0] + d[0], next[1] + d[1]]
                        if map[beyond[0]][beyond[1]] == "#" || boxes.contains(beyond) { return nil }
                        boxes.remove(next); boxes.insert(beyond)
                    }
                    me = next
                }
                return boxes == goals
            }
            #expect(solved(Substring(it.gold)) == true)
            #expect(accepts("sokoban", it.gold.lowercased(), it))
            for cut in stride(from: 0, to: it.gold.count, by: 3) {
                let prefix = it.gold.prefix(cut)
                #expect(accepts("sokoban", String(prefix), it) == (solved(prefix) == true && !prefix.isEmpty))
            }
        }
    }

    @Test func knightSwapNoIsRightExactlyWhenSearchFindsNothing() throws {
        var sawNo = false, sawSwap = false
        for it in try allLevels("knight_swap", count: 8) {
            if it.gold == "No" {
                sawNo = true
                #expect(it.metadata["fewest"] == JSONValue.null)
            } else {
                sawSwap = true
                #expect(!accepts("knight_swap", "no", it))
                // Black may not move first.
                let moves = it.gold.split(separator: " ")
                #expect(!accepts("knight_swap", (moves.dropFirst() + [moves[0]]).joined(separator: " "), it))
                #expect(moves.count == it.metadata["fewest"]!.intValue!)
            }
        }
        #expect(sawNo && sawSwap)
    }

    @Test func emojiMysteryDecodesFromTheQuestionText() throws {
        for it in try allLevels("emoji_mystery", count: 3) {
            var bytes: [UInt8] = []
            for s in it.question.unicodeScalars {
                if (0xFE00...0xFE0F).contains(s.value) { bytes.append(UInt8(s.value - 0xFE00)) }
                if (0xE0100...0xE01EF).contains(s.value) { bytes.append(UInt8(s.value - 0xE0100 + 16)) }
            }
            #expect(String(decoding: bytes, as: UTF8.self) == it.gold)
            #expect(!accepts("emoji_mystery", it.gold.lowercased(), it))
        }
    }

    // MARK: cognition

    @Test func needleIsUniqueAndRectanglesAreCountedByCorners() throws {
        for it in try allLevels("needle_haystack", count: 3) {
            let pastime = it.metadata["pastime"]!.stringValue!
            let hits = it.metadata["statements"]!.stringArray!.filter { $0.hasSuffix(" " + pastime + ".") }
            #expect(hits.count == 1 && hits[0].hasPrefix(it.gold + " "))
        }
        for it in try allLevels("rectangle_count", count: 5) {
            let art = it.metadata["canvas"]!.stringArray!.map { Array($0) }
            func at(_ r: Int, _ c: Int) -> Bool { r >= 0 && r < art.count && c >= 0 && c < art[0].count && art[r][c] == "#" }
            // Bottom-right corners this time: # with # above and to the left, none below or right.
            var corners = 0
            for r in art.indices { for c in art[0].indices where at(r, c) && at(r - 1, c) && at(r, c - 1) && !at(r + 1, c) && !at(r, c + 1) { corners += 1 } }
            #expect(String(corners) == it.gold)
        }
    }

    @Test func moduloGridHiddenCellsAreChecked() throws {
        for it in try allLevels("modulo_grid", count: 4) {
            let shown = it.metadata["shown"]!.stringArray!
            var rows = it.gold.split(separator: "\n").map { Array($0) }
            let r = shown.firstIndex { $0.contains("?") }!, c = Array(shown[r]).firstIndex(of: "?")!
            rows[r][c] = rows[r][c] == "#" ? "." : "#"
            #expect(!accepts("modulo_grid", rows.map { String($0) }.joined(separator: "\n"), it))
        }
    }

    // MARK: geometry

    @Test func triangleCentresAgreeWithFloatingPointGeometry() throws {
        for it in try allLevels("advanced_geometry", count: 25) {
            let p = it.metadata["vertices"]!.intArray!.map(Double.init)
            let (ax, ay, bx, by, cx, cy) = (p[0], p[1], p[2], p[3], p[4], p[5])
            // Circumcentre from the perpendicular bisectors, solved by Cramer's rule in float64.
            let a11 = 2 * (bx - ax), a12 = 2 * (by - ay), r1 = bx * bx + by * by - ax * ax - ay * ay
            let a21 = 2 * (cx - ax), a22 = 2 * (cy - ay), r2 = cx * cx + cy * cy - ax * ax - ay * ay
            let det = a11 * a22 - a12 * a21
            let ox = (r1 * a22 - a12 * r2) / det, oy = (a11 * r2 - r1 * a21) / det
            let expected: [Double]
            switch it.metadata["kind"]!.stringValue! {
            case "circumcentre": expected = [ox, oy]
            case "orthocentre": expected = [ax + bx + cx - 2 * ox, ay + by + cy - 2 * oy]
            case "centroid": expected = [(ax + bx + cx) / 3, (ay + by + cy) / 3]
            case "area": expected = [abs((bx - ax) * (cy - ay) - (cx - ax) * (by - ay)) / 2]
            default: expected = [(ax - ox) * (ax - ox) + (ay - oy) * (ay - oy)]
            }
            let got = it.metadata["answer"]!.arrayValue!.map { Double($0.intArray![0]) / Double($0.intArray![1]) }
            for (g, e) in zip(got, expected) { #expect(abs(g - e) <= 1e-9 * max(1, abs(e))) }
        }
    }

    @Test func geometryAcceptsExactDecimalsAndRejectsRoundedOnes() throws {
        let task = AdvancedGeometryTask()
        let meta: JSONValue = ["kind": "area", "answer": [[5, 2]]]
        #expect(task.verify(answer: "2.5", metadata: meta).isCorrect)
        #expect(task.verify(answer: "5/2", metadata: meta).isCorrect)
        #expect(task.verify(answer: "\\frac{5}{2}", metadata: meta).isCorrect)
        #expect(!task.verify(answer: "2.50001", metadata: meta).isCorrect)
        let third: JSONValue = ["kind": "centroid", "answer": [[1, 3], [-2, 1]]]
        #expect(task.verify(answer: "(1/3, -2)", metadata: third).isCorrect)
        #expect(!task.verify(answer: "(0.333, -2)", metadata: third).isCorrect)
        #expect(!task.verify(answer: "(-2, 1/3)", metadata: third).isCorrect)
    }
}
