// Mixtures: weighted draws match the weights, the stream is a pure function of
// (seed, index, curriculum levels), and curriculum changes are thread-safe and recorded.

import Foundation
import Testing
@testable import R1Tasks

@Suite struct MixtureTests {
    let definition = MixtureDefinition(name: "m", seed: 7, entries: [
        MixtureEntry(task: "gcd", level: 0, weight: 1),
        MixtureEntry(task: "lcm", level: 1, weight: 3),
    ])

    @Test func drawsFollowTheWeights() throws {
        let stream = try MixtureStream(definition)
        let n = 4000
        let lcm = (0..<UInt64(n)).filter { stream.entryIndex($0) == 1 }.count
        // Binomial(4000, 0.75): sd ≈ 27; five sd either side.
        #expect(abs(lcm - 3000) < 137, "lcm drawn \(lcm) times of \(n)")
    }

    @Test func itemsAreTheTasksOwnItemsAndRepeatable() throws {
        let stream = try MixtureStream(definition)
        let items = try stream.items(count: 50)
        for item in items {
            let task = try TaskRegistry.task(item.task)
            let level = definition.entries.first { $0.task == item.task }!.level
            #expect(item == (try task.item(seed: 7, level: level, index: item.index)))
        }
        let again = try MixtureStream(definition)
        #expect(try (0..<50).reversed().map { try again.item(UInt64($0)) } == Array(items.reversed()))
        var other = definition
        other.seed = 8
        #expect(try MixtureStream(other).items(count: 50) != items)
    }

    @Test func curriculumChangesLevelsFromTheNextDrawAndKeepsHistory() throws {
        let recorded = RecordedChanges()
        let curriculum = MixtureCurriculum(definition, onChange: { recorded.add($0) })
        let stream = try MixtureStream(definition, curriculum: curriculum)
        let gcdIndex = (0..<UInt64(100)).first { stream.entryIndex($0) == 0 }!
        #expect(try stream.item(gcdIndex).level == 0)
        try curriculum.setLevel(2, for: "gcd", step: 10, reason: "test")
        #expect(try stream.item(gcdIndex).level == 2)
        #expect(throws: MixtureError.self) { try curriculum.setLevel(99, for: "gcd") }
        #expect(throws: MixtureError.self) { try curriculum.setLevel(0, for: "maze") }
        #expect(curriculum.history == [DifficultyChange(task: "gcd", oldLevel: 0, newLevel: 2, step: 10, reason: "test")])
        #expect(recorded.all == curriculum.history)
    }

    @Test func concurrentSettersAndReadersSeeWholeLevels() async throws {
        let curriculum = MixtureCurriculum(definition)
        let stream = try MixtureStream(definition, curriculum: curriculum)
        let levels = try TaskRegistry.task("lcm").info.levels.count
        await withTaskGroup(of: Void.self) { group in
            for t in 0..<4 {
                group.addTask {
                    for k in 0..<200 { _ = try? curriculum.setLevel((t + k) % levels, for: "lcm") }
                }
                group.addTask {
                    for i in 0..<200 { _ = try? stream.item(UInt64(i)) }
                }
            }
        }
        let history = curriculum.history
        // Every recorded change continues from the level the previous one left.
        for (a, b) in zip(history, history.dropFirst()) { #expect(a.newLevel == b.oldLevel) }
        #expect(curriculum.level(of: "lcm") == history.last?.newLevel)
    }

    @Test func adaptiveRuleStepsUpAndDown() throws {
        let curriculum = MixtureCurriculum(definition)
        curriculum.window = 4
        for _ in 0..<4 { curriculum.observe(task: "gcd", score: 1) }
        #expect(curriculum.level(of: "gcd") == 1)
        for _ in 0..<3 { curriculum.observe(task: "gcd", score: 0) }
        #expect(curriculum.level(of: "gcd") == 1)
        curriculum.observe(task: "gcd", score: 0)
        #expect(curriculum.level(of: "gcd") == 0)
        #expect(curriculum.history.map(\.newLevel) == [1, 0])
    }

    @Test func parsingAndValidation() throws {
        #expect(try MixtureEntry.parse("gcd:1:2.5") == MixtureEntry(task: "gcd", level: 1, weight: 2.5))
        let named = try TaskRegistry.task("gcd").info.levels[1].name
        #expect(try MixtureEntry.parse("gcd:\(named):1").level == 1)
        #expect(throws: (any Error).self) { try MixtureEntry.parse("gcd:1") }
        #expect(throws: (any Error).self) { try MixtureEntry.parse("nope:0:1") }
        #expect(throws: (any Error).self) { try MixtureEntry.parse("gcd:0:-1") }
        let text = #"{"name": "x", "seed": 1, "entries": [{"task": "gcd", "level": 0}]}"#
        #expect(throws: MixtureError("f.json: $.entries[0].weight is missing")) { try MixtureDefinition.decode(text, origin: "f.json") }
        let roundTrip = try MixtureDefinition.decode(try definition.json(), origin: "x")
        #expect(roundTrip == definition)
    }
}

final class RecordedChanges: @unchecked Sendable {
    private let lock = NSLock()
    private var changes: [DifficultyChange] = []
    func add(_ c: DifficultyChange) { lock.lock(); changes.append(c); lock.unlock() }
    var all: [DifficultyChange] { lock.lock(); defer { lock.unlock() }; return changes }
}
