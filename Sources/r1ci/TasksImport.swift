// r1ci tasks import KIND PATH [--name N]: reads a fixed dataset and stores it in
// the workspace as a task (items copied, so the source can go away).
// r1ci tasks imported [--json] | r1ci tasks unimport NAME.

import ArgumentParser
import Foundation
import R1Store
import R1Tasks

extension TasksCommand {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import", abstract: "Import a fixed dataset as a task: bbh FILE.json, symbench FOLDER, rg FILE.jsonl or jsonl FILE.jsonl.",
            discussion: """
            bbh: BIG-Bench-Hard {"examples": [{"input", "target"}]}; "(X)" targets are scored by option letter.
            symbench: a CodeSteer/SymBench folder of sample_*/question.txt + solution.json.
            rg: a Reasoning Gym JSONL export (question, answer, metadata.source_dataset).
            jsonl: {"question", "answer", "choices"?: [...], "tolerance"?: number} per line.
            A bad file is reported with its line (JSONL) or JSON path and nothing is registered.
            """)
        @Argument(help: "bbh, symbench, rg or jsonl.") var kind: String
        @Argument(help: "The file (or SymBench folder).") var path: String
        @Option(help: "Task id (default: KIND_<file name>).") var name: String?
        @Flag(help: "Replace an imported task of the same name.") var replace = false
        @Flag(help: "Print the result as one JSON object.") var json = false
        @OptionGroup var workspaceOption: WorkspaceOption

        func run() throws {
            guard let importKind = ImportKind(rawValue: kind) else {
                throw InputError("unknown import kind '\(kind)'; use bbh, symbench, rg or jsonl")
            }
            let definition = try Importer.read(kind: importKind, path: path, name: name)
            let ws = try workspaceOption.open()
            try ws.saveImportedTask(id: definition.id, kind: importKind.rawValue, sourcePath: definition.sourcePath,
                                    itemCount: definition.items.count, taskJSON: try definition.json(), replace: replace)
            let summary = ImportSummary(definition)
            if json { emit(try encodeJSON(summary)); return }
            let scoring = summary.scoring.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            emit("imported \(summary.id): \(summary.items) items from \(summary.source_path) (scoring: \(scoring))")
        }
    }

    struct Unimport: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove an imported task from the workspace.")
        @Argument(help: "Imported task id.") var name: String
        @OptionGroup var workspaceOption: WorkspaceOption

        func run() throws {
            let ws = try workspaceOption.open()
            guard try ws.deleteImportedTask(id: name) else { throw InputError("no imported task '\(name)' in the workspace") }
            emit("removed \(name)")
        }
    }
}
