// The task library's rows: imported tasks, user splits, mixtures, difficulty history.

import Foundation
import Testing
@testable import R1Store

@Suite struct TaskLibraryStoreTests {
    @Test func rowsRoundTripAndSurviveReopening() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            let ws = try Workspace(directory: dir)
            try ws.saveImportedTask(id: "mine", kind: "jsonl", sourcePath: "/x.jsonl", itemCount: 2, taskJSON: "{\"a\":1}")
            #expect(throws: StoreError.self) {
                try ws.saveImportedTask(id: "mine", kind: "jsonl", sourcePath: "/y", itemCount: 1, taskJSON: "{}")
            }
            try ws.saveImportedTask(id: "mine", kind: "bbh", sourcePath: "/y.json", itemCount: 1, taskJSON: "{}", replace: true)
            try ws.saveSplit(name: "s", json: "{\"train\":[\"gcd\"]}")
            try ws.saveMixture(name: "m", json: "{\"v\":1}")
            try ws.saveMixture(name: "m", json: "{\"v\":2}")
            for (old, new) in [(0, 2), (2, 1)] {
                try ws.recordDifficultyChange(DifficultyChangeRecord(mixture: "m", task: "gcd", oldLevel: old, newLevel: new,
                                                                     step: old == 0 ? 10 : nil, reason: "r\(new)", at: 1))
            }
        }
        let ws = try Workspace(directory: dir, create: false)
        #expect(try ws.importedTasks() == [ImportedTaskRecord(id: "mine", kind: "bbh", sourcePath: "/y.json", itemCount: 1, taskJSON: "{}")])
        #expect(try ws.split(name: "s") == "{\"train\":[\"gcd\"]}")
        #expect(try ws.mixture(name: "m") == "{\"v\":2}")
        #expect(try ws.mixtures().count == 1)
        let history = try ws.difficultyChanges(mixture: "m")
        #expect(history.map(\.newLevel) == [2, 1] && history[0].step == 10 && history[1].step == nil)
        #expect(try ws.difficultyChanges(mixture: "other").isEmpty)
        #expect(try ws.deleteImportedTask(id: "mine") && !(try ws.deleteImportedTask(id: "mine")))
    }
}
