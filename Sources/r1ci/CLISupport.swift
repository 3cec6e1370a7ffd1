// Shared CLI plumbing: the entry point that maps every failure to one line and
// exit status 2, and the --workspace option.

import ArgumentParser
import Foundation
import R1Store
import R1Tasks

let R1CIVersionString = R1CIVersion.string

/// An input error: printed as one line, exit status 2.
struct InputError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

enum R1CIMain {
    static func run(_ root: R1CI.Type) {
        do {
            var command = try root.parseAsRoot()
            try command.run()
        } catch {
            // Help, --version and explicit exit codes keep the parser's own handling.
            if error is ExitCode || root.exitCode(for: error) == .success { root.exit(withError: error) }
            let message: String
            switch error {
            case let e as InputError: message = e.description
            case let e as TaskError: message = e.description
            case let e as StoreError: message = e.description
            case let e as ImportError: message = e.description
            case let e as MixtureError: message = e.description
            case let e as SplitError: message = e.description
            default:
                // Parser errors: keep the first line of the parser's own message.
                message = root.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            }
            FileHandle.standardError.write(Data("r1ci: \(message)\n".utf8))
            Foundation.exit(2)
        }
    }
}

struct WorkspaceOption: ParsableArguments {
    @Option(name: .long, help: "Workspace directory (default: $R1CI_WORKSPACE, else $XDG_DATA_HOME/r1ci).")
    var workspace: String?

    /// Opens (creating) the workspace and registers its imported tasks, so every command can use them.
    func open() throws -> Workspace {
        let ws = try Workspace(directory: directory)
        try registerImportedTasks(of: ws)
        return ws
    }

    /// The workspace when one exists there (its imported tasks registered), else nil; creates nothing.
    func openIfPresent() throws -> Workspace? {
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent(Workspace.databaseName).path) else {
            return nil
        }
        let ws = try Workspace(directory: directory, create: false)
        try registerImportedTasks(of: ws)
        return ws
    }

    var directory: URL { workspace.map { URL(fileURLWithPath: $0) } ?? Workspace.defaultDirectory() }

}

/// Prints one line to stdout.
func emit(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
