// The default split file, its embedded copy, and the proposal's guarantees.

import Foundation
import Testing
@testable import R1Tasks

@Suite struct SplitTests {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func embeddedCopyEqualsDataFile() throws {
        let file = try String(contentsOf: root.appendingPathComponent("data/splits/default.json"), encoding: .utf8)
        #expect(file == Splits.defaultFileText, "data/splits/default.json and SplitsDefaultData.swift differ: run `make splits`")
    }

    @Test func defaultSplitNamesRegisteredTasksOnOneSideEach() throws {
        let split = Splits.default
        #expect(split.problems().isEmpty, "\(split.problems())")
        let registered = Set(TaskRegistry.all.map(\.info.id))
        for id in split.train + split.test + split.extra { #expect(registered.contains(id), "\(id) is not a registered task") }
        // Every registered task is named somewhere once the proposal has been re-run.
        let named = Set(split.train + split.test + split.extra)
        let unnamed = registered.subtracting(named)
        #expect(unnamed.isEmpty, "not in data/splits/default.json (run `make splits`): \(unnamed.sorted())")
    }

    /// 200 synthetic families over 3 sources and 12 categories.
    var families: [SplitProposal.Family] {
        (0..<200).map { i in
            SplitProposal.Family(id: "t\(i)", source: ["S", "B", "R"][i % 3 == 0 ? 0 : (i % 7 == 0 ? 1 : 2)], category: "c\(i % 12)")
        }
    }

    @Test func proposalHasTheCountsAndCoversEverySourceAndCategory() throws {
        let (split, warnings) = SplitProposal().draw(families)
        #expect(warnings.isEmpty, "\(warnings)")
        #expect(split.test.count == 37 && split.train.count == 107 && split.extra.count == 56)
        #expect(split.problems().isEmpty)
        for side in [split.test, split.train] {
            let chosen = families.filter { side.contains($0.id) }
            #expect(Set(chosen.map(\.source)) == ["S", "B", "R"])
            #expect(Set(chosen.map(\.category)).count == 12)
        }
        // Same input, same split; registry order does not matter.
        #expect(SplitProposal().draw(Array(families.reversed())).split == split)
        #expect(SplitProposal(seed: 2).draw(families).split != split)
    }

    @Test func proposalShrinksInProportionAndWarnsOnSingletons() throws {
        var few = Array(families.prefix(72))
        few.append(SplitProposal.Family(id: "lonely", source: "S", category: "only-one"))
        let (split, warnings) = SplitProposal().draw(few)
        #expect(split.test.count == 19 && split.train.count == 54 && split.extra.isEmpty)
        #expect(warnings == ["category only-one has no test task (it has one task)"])
        #expect(split.train.contains("lonely"))
    }
}
