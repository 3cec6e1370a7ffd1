// r1ci workspace init | info

import ArgumentParser
import Foundation
import R1Store
import R1Tasks

struct WorkspaceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workspace",
        abstract: "Create or describe the workspace (the SQLite store and its blobs).",
        subcommands: [Info.self]
    )

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open (creating when missing) and describe the workspace.")
        @OptionGroup var options: WorkspaceOption
        @Flag(help: "As one JSON object.") var json = false

        func run() throws {
            let ws = try options.open()
            let info = WorkspaceInfo(directory: ws.directory.path, database: ws.databaseURL.path,
                                     schemaVersion: ws.schemaVersion, runs: try ws.runs().count)
            if json { emit(try encodeJSON(info)); return }
            emit("workspace: \(info.directory)")
            emit("database:  \(info.database) (schema \(info.schemaVersion))")
            emit("runs:      \(info.runs)")
        }
    }
}
