// Golden content hashes: items (seeds 0…2, every level, item 0) of every task
// are pinned in Golden/content-hashes.json, so a change to the PRNG, a
// generator, a question template or the metadata layout shows up as a failure
// here, on every machine. After an intended change, rewrite the file with
//   R1CI_UPDATE_GOLDEN=1 swift test --filter GoldenTests
// and review the diff.

import Foundation
import Testing
import R1Tasks

@Suite("Golden hashes")
struct GoldenTests {
    static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden/content-hashes.json")

    /// task id → level name → hex content hashes for seeds 0, 1, 2.
    static func current() throws -> [String: [String: [String]]] {
        var table: [String: [String: [String]]] = [:]
        for task in TaskRegistry.all {
            var levels: [String: [String]] = [:]
            for (index, level) in task.info.levels.enumerated() {
                levels[level.name] = try (0..<3).map { seed in
                    String(format: "%016llx", try task.item(seed: UInt64(seed), level: index).contentHash)
                }
            }
            table[task.info.id] = levels
        }
        return table
    }

    @Test("content hashes match the golden file")
    func contentHashes() throws {
        let table = try Self.current()
        if ProcessInfo.processInfo.environment["R1CI_UPDATE_GOLDEN"] == "1" {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try FileManager.default.createDirectory(at: Self.url.deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            try (encoder.encode(table) + Data("\n".utf8)).write(to: Self.url, options: .atomic)
            TestSupport.report("golden hashes written to \(Self.url.path)")
            return
        }
        let data = try Data(contentsOf: Self.url)
        let golden = try JSONDecoder().decode([String: [String: [String]]].self, from: data)
        for (id, levels) in table.sorted(by: { $0.key < $1.key }) {
            guard let pinned = golden[id] else {
                Issue.record("task \(id) has no golden hashes: run R1CI_UPDATE_GOLDEN=1 swift test --filter GoldenTests")
                continue
            }
            for (level, hashes) in levels {
                #expect(pinned[level] == hashes, "\(id) level \(level): items changed (golden \(pinned[level] ?? []), now \(hashes))")
            }
        }
        #expect(Set(golden.keys) == Set(table.keys), "the golden file lists tasks that are not registered")
    }

    /// Two known items pinned by value, so that a regenerated golden file cannot
    /// hide a change to the generators' output unnoticed.
    @Test("pinned items by value")
    func pinnedItems() throws {
        let game = try TaskRegistry.task("game24").item(seed: 0, level: 1)
        #expect(game.metadata["numbers"]?.intArray == [1, 2, 4, 6])
        #expect(game.gold == "(2 - 1) * (4 * 6)")
        let sudoku = try TaskRegistry.task("sudoku").item(seed: 0, level: 1)
        #expect(sudoku.metadata["puzzle"]?.arrayValue?.first?.intArray == [3, 0, 0, 0, 9, 1, 0, 6, 2])
        #expect(sudoku.gold.hasPrefix("347891562\n"))
    }
}
