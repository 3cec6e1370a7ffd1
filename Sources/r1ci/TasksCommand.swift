// r1ci tasks list | show | gen | check (split: TasksSplit.swift; import: TasksImport.swift;
// mixture: TasksMixture.swift; selftest, export, leakage: TasksTools.swift)

import ArgumentParser
import Foundation
import R1Tasks

struct TasksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tasks",
        abstract: "Browse the task library, generate questions and check answers.",
        subcommands: [List.self, Show.self, Gen.self, Check.self, SplitCommand.self, SelfTestCommand.self, Export.self, Leakage.self, Bench.self,
                      Import.self, Unimport.self, MixtureCommand.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the tasks.")
        @Flag(help: "One JSON object per line.") var json = false
        @Option(help: "Only tasks of this category.") var category: String?
        @Option(help: "Only tasks of this split: train, test, extra, or a user split NAME[:train|test|extra].") var split: String?
        @OptionGroup var workspaceOption: WorkspaceOption

        func run() throws {
            let ws = try workspaceOption.openIfPresent()
            if let category, !TaskRegistry.categories.contains(category), category != "imported" {
                throw InputError("unknown category '\(category)'; categories: \(TaskRegistry.categories.joined(separator: ", "))")
            }
            let wanted = try split.map { Set(try SplitSelection.resolve($0, defaultSide: .test, workspace: ws).taskIDs) }
            let rows = TaskRegistry.allWithImported.map(TaskSummary.init).filter {
                (category == nil || $0.category == category) && (wanted == nil || wanted!.contains($0.id))
            }
            if json {
                for row in rows { emit(try encodeJSON(row)) }
                return
            }
            let idWidth = max(4, rows.map(\.id.count).max() ?? 0)
            let catWidth = max(8, rows.map(\.category.count).max() ?? 0)
            let srcWidth = max(6, rows.map(\.source.count).max() ?? 0)
            func pad(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: max(0, w - s.count)) }
            emit("\(pad("TASK", idWidth))  \(pad("CATEGORY", catWidth))  \(pad("SOURCE", srcWidth))  SPLIT  LEVELS  TITLE")
            for r in rows {
                emit("\(pad(r.id, idWidth))  \(pad(r.category, catWidth))  \(pad(r.source, srcWidth))  \(pad(r.split, 5))  \(pad(String(r.levels.count), 6))  \(r.title)")
            }
            emit("\(rows.count) tasks")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Describe one task: knobs and levels.")
        @Argument(help: "Task id.") var task: String
        @Flag(help: "As one JSON object.") var json = false
        @OptionGroup var workspaceOption: WorkspaceOption

        func run() throws {
            _ = try workspaceOption.openIfPresent()
            let t = try TaskRegistry.task(task)
            let s = TaskSummary(t)
            if json { emit(try encodeJSON(s)); return }
            emit("\(s.title) (\(s.id))")
            emit("source: \(s.source)   category: \(s.category)   split: \(s.split)")
            emit("")
            emit(s.description)
            emit("")
            emit("knobs:")
            for k in s.knobs { emit("  \(k.name): \(k.description)") }
            emit("levels:")
            for (i, l) in s.levels.enumerated() {
                let knobs = t.info.knobs.map { "\($0.name)=\(l.knobs[$0.name]!)" }.joined(separator: " ")
                emit("  \(i) \(l.name)\(i == s.defaultLevel ? " (default)" : ""): \(knobs)")
            }
        }
    }

    struct ItemOptions: ParsableArguments {
        @Argument(help: "Task id.") var task: String
        @Option(help: "Seed: a whole number from 0 to 2^64-1.") var seed: String
        @Option(help: "Level: an index or a name (default: the task's default level).") var level: String?
        @OptionGroup var workspaceOption: WorkspaceOption

        func resolve() throws -> (any ReasoningTask, UInt64, Int) {
            _ = try workspaceOption.openIfPresent()
            let t = try TaskRegistry.task(task)
            guard let s = UInt64(seed) else { throw InputError("seed '\(seed)' is not a whole number from 0 to 2^64-1") }
            return (t, s, try t.level(named: level))
        }
    }

    struct Gen: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Generate questions.")
        @OptionGroup var item: ItemOptions
        @Option(help: "How many items, from index 0.") var count: Int = 1
        @Option(help: "Index of the first item.") var index: UInt64 = 0
        @Flag(help: "One JSON object per line, with the oracle program.") var json = false

        func run() throws {
            let (task, seed, level) = try item.resolve()
            guard (1...100_000).contains(count) else { throw InputError("count \(count) is out of range 1…100000") }
            for i in 0..<UInt64(count) {
                let it = try task.item(seed: seed, level: level, index: index + i)
                if json {
                    emit(try encodeJSON(ItemWithOracle(item: it, oracle: task.oracle(metadata: it.metadata))))
                } else {
                    if i > 0 { emit("") }
                    emit("# \(it.task) seed \(it.seed) item \(it.index) level \(it.level) (\(it.levelName))")
                    emit(it.question)
                    emit("gold: \(it.gold)")
                }
            }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check an answer with the task's verifier.")
        @OptionGroup var item: ItemOptions
        @Option(help: "Item index.") var index: UInt64 = 0
        @Option(help: "The answer; the last <<<...>>> in it is used when present.") var answer: String
        @Flag(help: "As one JSON object.") var json = false

        func run() throws {
            let (task, seed, level) = try item.resolve()
            let it = try task.item(seed: seed, level: level, index: index)
            let result = CheckResult(task: task, typed: answer, metadata: it.metadata)
            if json { emit(try encodeJSON(result)); return }
            emit("score: \(result.score == 1 ? "1" : String(format: "%.3f", result.score))  \(result.correct ? "correct" : "wrong")")
            emit("reason: \(result.reason)")
        }
    }
}
