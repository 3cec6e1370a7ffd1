// r1ci: everything the studio does, from the command line.
//
// Exit status: 0 on success; 2 for bad input (one line on stderr naming the
// problem); help and --version exit 0.

import ArgumentParser
import Foundation

struct R1CI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "r1ci",
        abstract: "Train language models to reason with a code interpreter.",
        version: R1CIVersionString,
        subcommands: [TasksCommand.self, WorkspaceCommand.self, ExecCommand.self, SandboxCommand.self,
                      GenerateCommand.self, ModelsCommand.self, QuantizeCommand.self, BenchCommand.self,
                      ServeCommand.self, TrainCommand.self, EvalCommand.self, CompareCommand.self,
                      RolloutsCommand.self, SynthCommand.self, RunCommand.self, RunsCommand.self,
                      ExportCommand.self]
    )
}

R1CIMain.run(R1CI.self)
