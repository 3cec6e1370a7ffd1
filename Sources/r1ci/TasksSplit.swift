// r1ci tasks split [print|propose|create|list|show]: the default split (from
// data/splits/default.json), drawing a new one, and user splits in the workspace.

import ArgumentParser
import Foundation
import R1Store
import R1Tasks

extension TasksCommand {
    struct SplitCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "split", abstract: "The default train/test split, proposals and user-defined splits.",
            subcommands: [Print.self, Propose.self, Create.self, ListSplits.self, ShowSplit.self],
            defaultSubcommand: Print.self)

        struct Print: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "print", abstract: "Print the default split as JSON (or write it to a file).")
            @Option(help: "Write to this file (atomically) instead of stdout.") var write: String?

            func run() throws {
                try writeOrPrint(Splits.defaultFileText, to: write)
            }
        }

        struct Propose: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Draw a split of the registered tasks: N test and M train families covering every source and category.",
                discussion: """
                `make splits` runs `r1ci tasks split propose --write data/splits/default.json` and then \
                data/splits/embed.sh, which copies the file into the library. Lines starting with "warning:" \
                (on stderr) name sources or categories that could not be put on both sides.
                """)
            @Option(help: "Test families.") var test = 37
            @Option(help: "Train families.") var train = 107
            @Option(help: "Seed of the draw.") var seed: UInt64 = 1
            @Option(help: "Write to this file (atomically) instead of stdout.") var write: String?

            func run() throws {
                guard test >= 1, train >= 1 else { throw InputError("--test and --train must be ≥ 1") }
                let proposal = SplitProposal(testCount: test, trainCount: train, seed: seed)
                let (split, warnings) = proposal.draw(SplitProposal.registeredFamilies)
                for w in warnings { note("warning: \(w)") }
                try writeOrPrint(split.fileJSON(extraFields: proposal.fileFields()), to: write)
                if write != nil {
                    note("\(split.test.count) test, \(split.train.count) train, \(split.extra.count) extra tasks")
                }
            }
        }

        struct Create: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Store a user split in the workspace (use it as --split NAME or NAME:train).")
            @Argument(help: "Split name.") var name: String
            @Option(help: "Comma-separated training task ids (generated, extra or imported).") var train: String
            @Option(help: "Comma-separated test task ids.") var test: String
            @OptionGroup var workspaceOption: WorkspaceOption

            func run() throws {
                guard Split(rawValue: name) == nil, !name.contains(":"), !name.isEmpty, name.count <= 64 else {
                    throw InputError("split name '\(name)' must be 1–64 characters, no ':', and not train, test or extra")
                }
                let ws = try workspaceOption.open()
                func ids(_ list: String) throws -> [String] {
                    let ids = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                    for id in ids { _ = try TaskRegistry.task(id) }
                    return ids
                }
                let split = SplitDefinition(name: name, train: try ids(train), test: try ids(test))
                if let problem = split.problems().first { throw InputError("split \(name): \(problem)") }
                try ws.saveSplit(name: name, json: try encodeJSON(split))
                emit("split \(name): \(split.train.count) train, \(split.test.count) test tasks")
            }
        }

        struct ListSplits: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "List the workspace's user splits.")
            @OptionGroup var workspaceOption: WorkspaceOption

            func run() throws {
                guard let ws = try workspaceOption.openIfPresent() else { return }
                for (name, json) in try ws.splits() {
                    let s = try SplitDefinition.parse(json, origin: "split \(name)")
                    emit("\(name)  \(s.train.count) train  \(s.test.count) test")
                }
            }
        }

        struct ShowSplit: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "show", abstract: "Print a user split as JSON.")
            @Argument(help: "Split name.") var name: String
            @OptionGroup var workspaceOption: WorkspaceOption

            func run() throws {
                let selection = try SplitSelection.resolve(name, defaultSide: .test, workspace: try workspaceOption.openIfPresent())
                emit(selection.split.fileJSON().trimmingCharacters(in: .newlines))
            }
        }
    }
}

/// Writes `text` atomically to `path`, or prints it when `path` is nil.
func writeOrPrint(_ text: String, to path: String?) throws {
    guard let path else { FileHandle.standardOutput.write(Data(text.utf8)); return }
    do { try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
        throw InputError("cannot write \(path): \((error as NSError).localizedDescription)")
    }
}
