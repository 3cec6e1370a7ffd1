// The task library's side of the workspace, for every command: imported tasks
// join the registry when a workspace opens, and --split accepts a user split.

import Foundation
import R1Store
import R1Tasks

func registerImportedTasks(of ws: Workspace) throws {
    do { try ImportedTasks.load(definitions: try ws.importedTasks().map(\.taskJSON)) } catch let e as StoreError {
        throw e
    } catch {
        throw InputError("the workspace's imported tasks are unreadable: \(error)")
    }
}

/// What a --split value names: `train`, `test` or `extra` of the default split, or a
/// stored user split as `NAME` (its `defaultSide`) or `NAME:train|test|extra`.
struct SplitSelection {
    let split: SplitDefinition
    let side: Split
    /// "test", or "NAME:test" for a user split: what evaluations record.
    let label: String

    static func resolve(_ text: String, defaultSide: Split, workspace: Workspace?) throws -> SplitSelection {
        if let side = Split(rawValue: text) {
            // The default split's extra side also holds every imported task.
            let ids = TaskRegistry.allWithImported.map(\.info.id)
            let split = SplitDefinition(name: "default", train: ids.filter { Splits.defaultSplit(of: $0) == .train },
                                        test: ids.filter { Splits.defaultSplit(of: $0) == .test },
                                        extra: ids.filter { Splits.defaultSplit(of: $0) == .extra })
            return SplitSelection(split: split, side: side, label: text)
        }
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        var side = defaultSide
        if parts.count == 2 {
            guard let s = Split(rawValue: parts[1]) else { throw InputError("split side '\(parts[1])' must be train, test or extra") }
            side = s
        }
        let name = parts.first ?? ""
        guard let workspace, let json = try workspace.split(name: name) else {
            throw InputError("unknown split '\(text)'; use train, test, extra or a split from r1ci tasks split list")
        }
        var split = try SplitDefinition.parse(json, origin: "split \(name)")
        if side == .extra {
            let named = Set(split.train + split.test)
            split.extra = TaskRegistry.allWithImported.map(\.info.id).filter { !named.contains($0) }
        }
        return SplitSelection(split: split, side: side, label: "\(name):\(side.rawValue)")
    }

    /// The task ids on the chosen side (registry order for the default split).
    var taskIDs: [String] { split.tasks(side) }
}
