// The verifier self-test every task must pass (tasks-catalogue §5.2 rule 3),
// run over the whole registry: gold scores 1, the Python oracle's answer
// scores 1, junk scores 0 without crashing, other items' golds (almost) never
// score 1, metadata survives a JSON round trip, generation is deterministic
// and seeds do not overlap.

import Foundation
import Testing
import R1Tasks

@Suite("Task contract")
struct TaskContractTests {
    static let goldSeeds: Range<UInt64> = 0..<50

    @Test("catalogue entry is complete", arguments: TestSupport.taskIDs)
    func catalogueEntry(id: String) throws {
        let info = TestSupport.task(id).info
        #expect(info.id == id)
        #expect(!info.title.isEmpty && !info.category.isEmpty && !info.description.isEmpty)
        #expect((3...4).contains(info.levels.count), "3–4 named levels")
        #expect(info.levels.indices.contains(info.defaultLevel))
        #expect(Set(info.levels.map(\.name)).count == info.levels.count, "level names are distinct")
        // Raising the level changes the configuration.
        for (easier, harder) in zip(info.levels, info.levels.dropFirst()) {
            #expect(easier.values != harder.values, "\(easier.name) and \(harder.name) have the same knobs")
        }
    }

    @Test("gold answer scores 1 at every level", arguments: TestSupport.taskIDs)
    func goldScoresOne(id: String) throws {
        let task = TestSupport.task(id)
        for level in task.info.levels.indices {
            for seed in Self.goldSeeds {
                let item = try task.item(seed: seed, level: level)
                let verdict = task.score(response: "Some reasoning first.\n<<<\(item.gold)>>>", metadata: item.metadata)
                #expect(verdict.isCorrect, "\(id) level \(level) seed \(seed): \(verdict.reason)\ngold: \(item.gold)")
                #expect(item.question.contains("<<<"), "the question says how to give the answer")
                #expect(item.metadata["difficulty"]?["level"]?.intValue == level)
            }
        }
    }

    @Test("the oracle program's output scores 1", arguments: TestSupport.taskIDs)
    func oracleScoresOne(id: String) async throws {
        let task = TestSupport.task(id)
        for level in task.info.levels.indices {
            for seed: UInt64 in 0..<3 {
                let item = try task.item(seed: seed, level: level)
                let program = task.oracle(metadata: item.metadata)
                guard let stdout = await TestSupport.runOracle(program) else {
                    Issue.record("\(id) level \(level) seed \(seed): the oracle failed or timed out\n\(program)")
                    continue
                }
                let verdict = task.score(response: "<<<\(stdout)>>>", metadata: item.metadata)
                #expect(verdict.isCorrect, "\(id) level \(level) seed \(seed): oracle printed \(stdout): \(verdict.reason)")
            }
        }
    }

    /// Short junk, tried on several items of every level.
    static let junk: [String] = {
        var rng = SplitMix64(state: 99)
        let bytes = (0..<4096).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let randomText = String(decoding: bytes, as: UTF8.self)
        return [
            "", "banana", "<<<>>>", "<<<banana>>>", "<<< >>>", "<<<\(randomText)>>>", randomText,
            "<<<__import__('os').system('x')>>>", "<<<0.5>>>", "<<<(Z)>>>", "<<<A or B>>>",
            "<<<\(String(repeating: "(", count: 10_000))>>>", "<<<Move A from 9 to 9>>>",
            "<<<[[1,2,3],[4,5,6]]>>>", "<<<\u{0}\u{1}\u{7f}>>>", "<<<1e308>>>", "<<<99999999999999999999999>>>",
        ]
    }()

    /// Huge answers (about 1 MB), tried once per level: slow to scan in debug builds.
    static let hugeJunk: [String] = {
        let megabyte = String(repeating: "A1 (", count: 1 << 18)
        return [
            megabyte, "<<<\(megabyte)>>>", "<<<\(String(repeating: "9", count: 1 << 20))>>>",
            "<<<\(String(repeating: "Move A from 1 to table\n", count: 5_000))>>>",
        ]
    }()

    @Test("junk, empty, huge and injection answers score 0", arguments: TestSupport.taskIDs)
    func junkScoresZero(id: String) throws {
        let task = TestSupport.task(id)
        for level in task.info.levels.indices {
            for seed: UInt64 in 0..<3 {
                let item = try task.item(seed: seed, level: level)
                for text in Self.junk + (seed == 0 ? Self.hugeJunk : []) {
                    let verdict = task.score(response: text, metadata: item.metadata)
                    #expect(verdict.score == 0, "\(id) level \(level) seed \(seed) scored junk \(text.prefix(40)) \(verdict.score)")
                    _ = task.check(typed: text, metadata: item.metadata)  // must not crash either
                }
                // Broken or foreign metadata must not crash a verifier either.
                for metadata: JSONValue in [.null, [:], ["puzzle": "x", "numbers": [1], "options": 3, "value": "v"]] {
                    #expect(task.verify(answer: item.gold, metadata: metadata).score == 0)
                }
            }
        }
    }

    /// Another item's gold must not score 1 unless it genuinely answers this item
    /// too. An identical gold string is a genuine collision (two True/False items
    /// that are both True, two multiple-choice items whose answer is B): counted and
    /// reported, not limited. A *different* gold that is accepted is either another
    /// valid solution (plans, grids) or a verifier bug: it must stay under 5 % of pairs.
    @Test("other items' golds rarely score 1", arguments: TestSupport.taskIDs)
    func crossGoldCollisions(id: String) throws {
        let task = TestSupport.task(id)
        var pairs = 0, sameGold = 0, accepted = 0
        var perLevel: [String] = []
        for level in task.info.levels.indices {
            let items = try (0..<40).map { try task.item(seed: UInt64($0), level: level) }
            var levelHits = 0
            for (i, item) in items.enumerated() {
                for (j, other) in items.enumerated() where i != j {
                    pairs += 1
                    guard task.verify(answer: other.gold, metadata: item.metadata).isCorrect else { continue }
                    levelHits += 1
                    if other.gold == item.gold { sameGold += 1 } else { accepted += 1 }
                }
            }
            perLevel.append("\(task.info.levels[level].name) \(levelHits)")
        }
        let rate = Double(sameGold + accepted) / Double(max(pairs, 1))
        TestSupport.report("\(id): another item's gold scores 1 in \(sameGold + accepted)/\(pairs) pairs = "
            + String(format: "%.2f%%", rate * 100) + " (identical gold \(sameGold), different but accepted \(accepted); "
            + perLevel.joined(separator: ", ") + ")")
        let differentRate = Double(accepted) / Double(max(pairs, 1))
        #expect(differentRate < 0.05, "\(id): a different gold is accepted in \(differentRate) of pairs")
    }

    @Test("metadata survives a canonical JSON round trip", arguments: TestSupport.taskIDs)
    func metadataRoundTrip(id: String) throws {
        let task = TestSupport.task(id)
        for level in task.info.levels.indices {
            for seed: UInt64 in 0..<10 {
                let item = try task.item(seed: seed, level: level)
                let text = item.metadata.canonicalJSON()
                let parsed = try #require(JSONValue.parse(text))
                #expect(parsed.canonicalJSON() == text, "canonical JSON is a fixed point")
                #expect(task.score(response: "<<<\(item.gold)>>>", metadata: parsed).isCorrect)
                #expect(task.oracle(metadata: parsed) == task.oracle(metadata: item.metadata))
                // And through the public item encoding (what the CLI and C ABI print).
                let encoded = try encodeJSON(item)
                let decoded = try JSONDecoder().decode(TaskItem.self, from: Data(encoded.utf8))
                #expect(task.score(response: "<<<\(decoded.gold)>>>", metadata: decoded.metadata).isCorrect)
                #expect(decoded.contentHash == item.contentHash)
            }
        }
    }

    @Test("generation is deterministic, also across threads", arguments: TestSupport.taskIDs)
    func deterministic(id: String) async throws {
        let task = TestSupport.task(id)
        let level = task.info.defaultLevel
        let first = try (0..<16).map { try task.item(seed: 7, level: level, index: UInt64($0)) }
        let second = try (0..<16).map { try task.item(seed: 7, level: level, index: UInt64($0)) }
        #expect(first == second)
        let concurrent = try await withThrowingTaskGroup(of: (Int, TaskItem).self) { group in
            for i in 0..<16 {
                group.addTask { (i, try task.item(seed: 7, level: level, index: UInt64(i))) }
            }
            var out = [TaskItem?](repeating: nil, count: 16)
            for try await (i, item) in group { out[i] = item }
            return out.compactMap { $0 }
        }
        #expect(concurrent == first)
    }

    /// The Random(seed + i) bug makes (seed s, item i+1) equal (seed s+1, item i)
    /// every time; here such pairs may only meet by chance, which small instance
    /// spaces allow now and then (Game 24 has a few thousand puzzles per level).
    @Test("adjacent seeds do not overlap", arguments: TestSupport.taskIDs)
    func adjacentSeeds(id: String) throws {
        let task = TestSupport.task(id)
        for level in task.info.levels.indices {
            var same = 0
            for seed: UInt64 in 0..<10 {
                for index: UInt64 in 0..<10 {
                    let a = try task.item(seed: seed, level: level, index: index + 1)
                    let b = try task.item(seed: seed + 1, level: level, index: index)
                    if a.contentHash == b.contentHash || a.question == b.question { same += 1 }
                }
            }
            #expect(same <= 3, "\(id) level \(level): \(same) of 100 adjacent-seed pairs are the same item")
        }
    }

    /// Levels whose whole instance space is small, so 1,000 draws must repeat:
    /// Game 24 with four numbers up to 9 has under 500 solvable puzzles, up to 13
    /// under 2,000. Their rate is reported, not held to 1 %.
    /// n_queens easy: the 8×8 board has 92 solutions. coin_flip easy: a fair coin flipped at
    /// most 12 times has under 2,000 distinct questions.
    static let smallSpaces: Set<String> = ["game24/easy", "game24/medium", "n_queens/easy", "coin_flip/easy"]

    @Test("duplicates among 1,000 items per level are at most 1 %", arguments: TestSupport.taskIDs)
    func duplicates(id: String) throws {
        let task = TestSupport.task(id)
        var lines: [String] = []
        for level in task.info.levels.indices {
            var seen = Set<String>()
            for index: UInt64 in 0..<1000 {
                seen.insert(try task.item(seed: 0, level: level, index: index).question)
            }
            let rate = Double(1000 - seen.count) / 1000
            let name = task.info.levels[level].name
            let small = Self.smallSpaces.contains("\(id)/\(name)")
            lines.append("\(name) " + String(format: "%.1f%%", rate * 100) + (small ? " (small space)" : ""))
            #expect(small || rate <= 0.01, "\(id) level \(level): \(1000 - seen.count) duplicate questions in 1,000")
        }
        TestSupport.report("\(id): duplicate questions per 1,000 items: \(lines.joined(separator: ", "))")
    }

    @Test("generation and verification time", arguments: TestSupport.taskIDs)
    func timing(id: String) throws {
        let task = TestSupport.task(id)
        var lines: [String] = []
        for level in task.info.levels.indices {
            var generate: [Double] = [], verify: [Double] = []
            for index: UInt64 in 0..<60 {
                var item: TaskItem?
                generate.append(TestSupport.milliseconds { item = try? task.item(seed: 3, level: level, index: index) })
                let it = try #require(item)
                verify.append(TestSupport.milliseconds { _ = task.score(response: "<<<\(it.gold)>>>", metadata: it.metadata) })
            }
            let (g, v) = (TestSupport.median(generate), TestSupport.median(verify))
            lines.append("\(task.info.levels[level].name) gen \(String(format: "%.3f", g)) ms, verify \(String(format: "%.3f", v)) ms")
            if level == task.info.defaultLevel {
                #if DEBUG
                let bound = 60.0  // unoptimised builds are 10–30× slower
                #else
                let bound = 5.0
                #endif
                #expect(g < bound, "\(id): median generation \(g) ms at the default level")
            }
        }
        #if DEBUG
        let mode = "debug"
        #else
        let mode = "release"
        #endif
        TestSupport.report("\(id) [\(mode), median per item]: \(lines.joined(separator: "; "))")
    }
}
