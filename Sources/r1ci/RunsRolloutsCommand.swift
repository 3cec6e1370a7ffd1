// `r1ci runs rollouts RUN [--step N] [--json]`: the groups a GRPO or PPO run
// trained on at one step — each sample's reward, advantage, verdict, turns and
// how its trace ended — as a table, or as the JSON r1ci_run_rollouts_json gives.

import ArgumentParser
import Foundation
import R1Store
import R1Train

struct RunsRollouts: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rollouts",
        abstract: "The rollouts a GRPO/PPO run trained on at a step (default: its latest), with rewards and advantages.")
    @Argument(help: "Run id.") var id: Int64
    @Option(name: .long, help: "Step (default: the latest step with rollouts).") var step: Int64?
    @Flag(name: .long, help: "Print JSON (what r1ci_run_rollouts_json returns).") var json = false
    @OptionGroup var workspace: WorkspaceOption

    func validate() throws {
        if let step, step < 1 { throw InputError("--step must be ≥ 1") }
    }

    func run() throws {
        guard let ws = try workspace.openIfPresent() else { throw InputError("no workspace at \(workspace.directory.path)") }
        let rollouts: RunRollouts
        do { rollouts = try RunRollouts(workspace: ws, run: id, step: step ?? -1) }
        catch let e as StoreError { throw InputError(e.description) }
        if json { return emit(try rollouts.json()) }
        guard !rollouts.steps.isEmpty else { return emit("run \(id) has no rollouts") }
        let steps = rollouts.steps.map(String.init).joined(separator: ",")
        guard !rollouts.groups.isEmpty else { return emit("run \(id) has no rollouts at step \(rollouts.step) (steps with rollouts: \(steps))") }
        emit("run \(id) step \(rollouts.step) (steps with rollouts: \(steps))")
        emit(["group", "task", "reward", "advantage", "correct", "turns", "end"].joined(separator: "\t"))
        for (g, group) in rollouts.groups.enumerated() {
            for s in group.samples {
                emit(["\(g)", group.task, String(format: "%.4g", s.reward), String(format: "%+.4g", s.advantage),
                      s.correct ? "yes" : "no", "\(s.turns)", s.end].joined(separator: "\t"))
            }
        }
    }
}
