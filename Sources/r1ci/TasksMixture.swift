// r1ci tasks mixture create | show | sample | level: weighted mixtures of
// (task, level) entries stored in the workspace, and the curriculum's per-task
// level changes with their history.

import ArgumentParser
import Foundation
import R1Store
import R1Tasks

extension TasksCommand {
    struct MixtureCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mixture", abstract: "Weighted mixtures of tasks and levels, read as one dataset.",
            subcommands: [Create.self, Show.self, Sample.self, SetLevel.self, ListMixtures.self])

        struct Create: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Store a mixture: --entry task:level:weight (repeat), or --file FILE.json.")
            @Argument(help: "Mixture name.") var name: String
            @Option(help: "task:level:weight; level is an index or a name.") var entry: [String] = []
            @Option(help: "A mixture JSON file {\"seed\", \"entries\": [{\"task\", \"level\", \"weight\"}]}.") var file: String?
            @Option(help: "Seed of the item stream.") var seed: UInt64?
            @OptionGroup var workspaceOption: WorkspaceOption

            func run() throws {
                let ws = try workspaceOption.open()
                var definition: MixtureDefinition
                switch (file, entry.isEmpty) {
                case (let file?, true):
                    let text: String
                    do { text = try String(contentsOfFile: file, encoding: .utf8) } catch { throw InputError("\(file): cannot be read") }
                    definition = try MixtureDefinition.decode(text, origin: file)
                    definition.name = name
                    do { try definition.validate() } catch let e as MixtureError { throw MixtureError("\(file): \(e.description)") }
                case (nil, false):
                    definition = MixtureDefinition(name: name, entries: try entry.map(MixtureEntry.parse))
                default:
                    throw InputError("give either --entry (one or more) or --file")
                }
                if let seed { definition.seed = seed }
                try definition.validate()
                try ws.saveMixture(name: name, json: try definition.json())
                emit("mixture \(name): \(definition.entries.count) entries, seed \(definition.seed)")
            }
        }

        struct Show: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Print a mixture: entries, current levels and the history of level changes.")
            @Argument(help: "Mixture name.") var name: String
            @Flag(help: "As one JSON object (the file form plus \"levels\" and \"history\").") var json = false
            @OptionGroup var workspaceOption: WorkspaceOption

            struct Shown: Encodable {
                let name: String
                let seed: UInt64
                let entries: [MixtureEntry]
                let levels: [String: Int]
                let history: [DifficultyChangeRecord]
            }

            func run() throws {
                let (ws, stream) = try openMixture(name, workspaceOption)
                let d = stream.definition
                let history = try ws.difficultyChanges(mixture: name)
                if json {
                    emit(try encodeJSON(Shown(name: d.name, seed: d.seed, entries: d.entries,
                                              levels: stream.curriculum.currentLevels, history: history)))
                    return
                }
                let total = d.entries.map(\.weight).reduce(0, +)
                emit("mixture \(d.name) (seed \(d.seed))")
                for e in d.entries {
                    let now = stream.curriculum.level(of: e.task) ?? e.level
                    let share = String(format: "%.1f", 100 * e.weight / total)
                    emit("  \(e.task)  level \(e.level)\(now == e.level ? "" : " (now \(now))")  weight \(e.weight) (\(share)%)")
                }
                if !history.isEmpty { emit("level changes:") }
                for h in history {
                    emit("  \(h.task): \(h.oldLevel) -> \(h.newLevel)\(h.step.map { " at step \($0)" } ?? "")  \(h.reason)")
                }
            }
        }

        struct Sample: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Print items of a mixture's stream.")
            @Argument(help: "Mixture name.") var name: String
            @Option(help: "How many items, 1…100000.") var count = 10
            @Option(help: "Index of the first item.") var start: UInt64 = 0
            @Flag(help: "One JSON object per line (task, seed, index, level, question, gold, metadata).") var json = false
            @OptionGroup var workspaceOption: WorkspaceOption

            func run() throws {
                guard (1...100_000).contains(count) else { throw InputError("--count \(count) is out of range 1…100000") }
                let (_, stream) = try openMixture(name, workspaceOption)
                for item in try stream.items(from: start, count: count) {
                    if json { emit(try encodeJSON(item)); continue }
                    let firstLine = item.question.split(separator: "\n").first.map(String.init) ?? ""
                    emit("\(item.index)  \(item.task)  level \(item.level)  \(firstLine.prefix(70))")
                }
            }
        }

        struct SetLevel: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "level", abstract: "Set a task's level in a mixture (what a curriculum does); the change is recorded.")
            @Argument(help: "Mixture name.") var name: String
            @Argument(help: "Task id.") var task: String
            @Argument(help: "Level: an index or a name.") var level: String
            @Option(help: "Why (kept in the history).") var reason = "set by hand"
            @Option(help: "Training step, when a run made the change.") var step: Int64?
            @OptionGroup var workspaceOption: WorkspaceOption

            func run() throws {
                let (ws, stream) = try openMixture(name, workspaceOption)
                let index = try TaskRegistry.task(task).level(named: level)
                let before = stream.curriculum.history.count
                try stream.curriculum.setLevel(index, for: task, step: step, reason: reason)
                for change in stream.curriculum.history.dropFirst(before) {
                    try ws.recordDifficultyChange(DifficultyChangeRecord(
                        mixture: name, task: change.task, oldLevel: change.oldLevel, newLevel: change.newLevel,
                        step: change.step, reason: change.reason, at: Date().timeIntervalSince1970))
                }
                emit("\(name): \(task) at level \(index)")
            }
        }

        struct ListMixtures: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "List the workspace's mixtures.")
            @OptionGroup var workspaceOption: WorkspaceOption

            func run() throws {
                guard let ws = try workspaceOption.openIfPresent() else { return }
                for (name, json) in try ws.mixtures() {
                    let d = try MixtureDefinition.decode(json, origin: "mixture \(name)")
                    emit("\(name)  \(d.entries.count) entries  \(d.entries.map(\.task).joined(separator: ","))")
                }
            }
        }
    }
}

/// A stored mixture as a stream, its curriculum brought to the levels its recorded history ends at.
func openMixture(_ name: String, _ option: WorkspaceOption) throws -> (Workspace, MixtureStream) {
    guard let ws = try option.openIfPresent(), let json = try ws.mixture(name: name) else {
        throw InputError("no mixture '\(name)' in the workspace (r1ci tasks mixture list)")
    }
    let definition = try MixtureDefinition.decode(json, origin: "mixture \(name)")
    let curriculum = MixtureCurriculum(definition)
    for change in try ws.difficultyChanges(mixture: name) {
        try curriculum.setLevel(change.newLevel, for: change.task, step: change.step, reason: change.reason)
    }
    return (ws, try MixtureStream(definition, curriculum: curriculum))
}
