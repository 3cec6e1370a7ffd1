// `r1ci runs …`: background training runs in the workspace — list, show (and
// follow their metrics as they arrive), stop, resume, import foreign metrics —
// and `_worker`, the process a background run lives in.

import ArgumentParser
import Foundation
import R1Store
import R1Train

struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs", abstract: "Background training runs: list, show, stop, resume, import, and a GRPO/PPO run's rollouts.",
        subcommands: [RunsList.self, RunsShow.self, RunsStop.self, RunsResume.self, RunsImport.self, RunsRollouts.self,
                      RunsWorker.self])
}

/// One line per run: id, method, state, last step, checkpoint.
func runLine(_ r: RunDetail) -> String {
    let step = r.lastStep.map { "step \($0)" } ?? "no steps"
    let ckpt = r.checkpointStep.map { "checkpoint at \($0)" } ?? "no checkpoint"
    return "\(r.id)\t\(r.kind)\t\(r.state)\t\(step)\t\(ckpt)\t\(r.name)"
}

func runJSON(_ r: RunDetail) -> String {
    let enc = JSONEncoder(); enc.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: (try? enc.encode(r)) ?? Data(), as: UTF8.self)
}

struct RunsList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List runs with their state (a dead worker's run becomes failed).")
    @Flag(name: .long, help: "One JSON object per line.") var json = false
    @OptionGroup var workspace: WorkspaceOption

    func run() throws {
        let ws = try workspace.open()
        try trainWrap { try RunLauncher.reconcile(ws) }
        for r in try ws.runDetails() { emit(json ? runJSON(r) : runLine(r)) }
    }
}

struct RunsShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a run and its metrics; --follow prints new steps until the run ends.")
    @Argument(help: "Run id.") var id: Int64
    @Flag(name: .long, help: "Keep printing metrics as they arrive until the run stops, finishes or fails.") var follow = false
    @Flag(name: .long, help: "Metrics as verl JSONL lines ({\"step\": N, \"data\": {...}}).") var json = false
    @OptionGroup var workspace: WorkspaceOption

    func run() throws {
        let ws = try workspace.open()
        try trainWrap { try RunLauncher.reconcile(ws) }
        var detail = try ws.runDetail(id)
        if !json {
            emit(runLine(detail))
            emit("config \(detail.configJSON)")
            if let dir = detail.directory { emit("folder \(dir)") }
        }
        var after: Int64 = -1
        func printNew() throws {
            let metrics = try ws.runMetrics(id, afterStep: after)
            for (step, group) in Dictionary(grouping: metrics, by: \.step).sorted(by: { $0.key < $1.key }) {
                let values = Dictionary(group.map { ($0.name, $0.value) }, uniquingKeysWith: { _, b in b })
                if json { emit(JSONLMetricsSink.line(step: Int(step), values: values)) } else {
                    emit("step \(step)  " + values.sorted { $0.key < $1.key }.map { "\($0.key)=\(formatMetric($0.value))" }.joined(separator: "  "))
                }
                after = step
            }
        }
        try printNew()
        while follow && detail.isActive {
            Thread.sleep(forTimeInterval: 0.5)
            try trainWrap { try RunLauncher.reconcile(ws) }
            detail = try ws.runDetail(id)
            try printNew()
        }
        if !json && (follow || !detail.isActive) {
            emit("state \(detail.state)" + (detail.message.map { $0.isEmpty ? "" : ": \($0)" } ?? ""))
        }
    }
}

func formatMetric(_ v: Double) -> String { String(format: "%.6g", v) }

struct RunsStop: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stop", abstract: "Stop a run after its current step; it writes a checkpoint first.")
    @Argument(help: "Run id.") var id: Int64
    @Flag(name: .long, help: "Return at once instead of waiting for the checkpoint.") var noWait = false
    @OptionGroup var workspace: WorkspaceOption

    func run() throws {
        let ws = try workspace.open()
        try trainWrap { try RunLauncher.stop(workspace: ws, id: id) }
        guard !noWait else { emit("run \(id): stop requested"); return }
        var detail = try ws.runDetail(id)
        while detail.isActive {
            Thread.sleep(forTimeInterval: 0.2)
            try trainWrap { try RunLauncher.reconcile(ws) }
            detail = try ws.runDetail(id)
        }
        emit("run \(id) \(detail.state)" + (detail.checkpointStep.map { " (checkpoint at step \($0))" } ?? ""))
    }
}

struct RunsResume: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "resume", abstract: "Continue a stopped or failed run from its last checkpoint, in the background.")
    @Argument(help: "Run id.") var id: Int64
    @OptionGroup var workspace: WorkspaceOption

    func run() throws {
        let ws = try workspace.open()
        try trainWrap { try RunLauncher.resume(workspace: ws, id: id, executable: try selfExecutable()) }
        emit("run \(id) resumed (r1ci runs show \(id) --follow)")
    }
}

struct RunsImport: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import",
        abstract: "Read a verl metrics JSONL or a TensorBoard event file into the workspace as a finished run.")
    @Argument(help: "A .jsonl file (verl file logger) or an events.out.tfevents.* file.") var path: String
    @Option(name: .long, help: "Run name (default: the file name).") var name: String?
    @OptionGroup var workspace: WorkspaceOption

    func run() throws {
        let points = try trainWrap { try readForeignMetrics(path) }
        guard !points.isEmpty else { throw InputError("\(path) holds no scalar metrics") }
        let ws = try workspace.open()
        let id = try ws.createRun(name: name ?? URL(fileURLWithPath: path).lastPathComponent, kind: "import",
                                  configJSON: "{\"source\": \(jsonString(path))}", state: "finished")
        do {
            for (step, group) in Dictionary(grouping: points, by: \.step).sorted(by: { $0.key < $1.key }) {
                try ws.addMetrics(run: id, step: Int64(step), values: Dictionary(group.map { ($0.name, $0.value) }, uniquingKeysWith: { _, b in b }),
                                  wallTime: group[0].wallTime)
            }
        } catch {
            _ = try? ws.db.query("DELETE FROM runs WHERE id = ?", [.int(id)])   // no half-imported run
            throw error
        }
        emit("run \(id): \(points.count) values of \(Set(points.map(\.name)).count) metrics from \(path)")
    }
}

func jsonString(_ s: String) -> String {
    String(decoding: (try? JSONSerialization.data(withJSONObject: s, options: .fragmentsAllowed)) ?? Data("\"\"".utf8), as: UTF8.self)
}

/// Set by SIGTERM in a worker: stop after the current step.
nonisolated(unsafe) var workerStopRequested: sig_atomic_t = 0

struct RunsWorker: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "_worker", abstract: "Internal: the process of a background run.",
                                                    shouldDisplay: false)
    @Argument var id: Int64
    @Flag(name: .long) var resume = false
    @OptionGroup var workspace: WorkspaceOption

    func run() throws {
        signal(SIGTERM) { _ in workerStopRequested = 1 }
        // The starter's signal mask is inherited (test runners block SIGTERM): unblock it.
        var terms = sigset_t()
        sigemptyset(&terms); sigaddset(&terms, SIGTERM)
        sigprocmask(SIG_UNBLOCK, &terms, nil)
        let ws = try workspace.open()
        let detail = try ws.runDetail(id)
        try ws.updateRun(id, state: "running", pid: Int64(getpid()), message: "")
        do {
            let outcome = try work(ws, detail)
            try ws.updateRun(id, state: outcome.rawValue, clearPID: true)
            FileHandle.standardError.write(Data("r1ci: run \(id) \(outcome.rawValue)\n".utf8))
        } catch {
            var message = (error as? TrainError)?.description ?? "\(error)"
            if let step = (try? ws.runDetail(id))?.checkpointStep {
                message += " (r1ci runs resume \(id) continues from the step-\(step) checkpoint)"
            }
            FileHandle.standardError.write(Data("r1ci: \(message)\n".utf8))
            try ws.updateRun(id, state: "failed", clearPID: true, message: message)
            throw ExitCode(2)
        }
    }

    func work(_ ws: Workspace, _ detail: RunDetail) throws -> RunDriver.Outcome {
        let dir = URL(fileURLWithPath: detail.directory ?? RunLauncher.runDirectory(ws, id).path)
        let (method, config) = try TrainingMethod.decode(json: detail.configJSON)
        let job = try method.make(config)
        // GRPO/PPO: every step's trained groups go to the store as they are made.
        let runID = id
        (job as? RLJob)?.onReport = { report in try ws.storeRollouts(run: runID, report: report) }
        let checkpoints = CheckpointFolder(root: dir.appendingPathComponent("checkpoints"))
        let jsonl = dir.appendingPathComponent("metrics.jsonl")
        if resume {
            guard let latest = checkpoints.latest() else {
                // Nothing was saved: start over from step 0.
                try ws.deleteMetrics(id, afterStep: -1)
                try ws.deleteRollouts(run: id, afterStep: -1)
                try? FileManager.default.removeItem(at: jsonl)
                return try drive(ws, job, checkpoints, dir, config)
            }
            try job.loadState(from: latest)
            try ws.deleteMetrics(id, afterStep: Int64(job.completedSteps))
            try ws.deleteRollouts(run: id, afterStep: Int64(job.completedSteps))
            try JSONLMetricsSink.truncate(jsonl, afterStep: job.completedSteps)
            FileHandle.standardError.write(Data("r1ci: run \(id) resumed at step \(job.completedSteps)\n".utf8))
        }
        return try drive(ws, job, checkpoints, dir, config)
    }

    func drive(_ ws: Workspace, _ job: TrainingJob, _ checkpoints: CheckpointFolder, _ dir: URL, _ config: RunConfig) throws -> RunDriver.Outcome {
        let sinks: [MetricsSink] = [StoreMetricsSink(workspace: ws, run: id),
                                    try JSONLMetricsSink(url: dir.appendingPathComponent("metrics.jsonl")),
                                    try TensorBoardSink(directory: dir.appendingPathComponent("tensorboard"))]
        // Test hook: a pause before every step, so tests can stop or kill a run mid-way.
        let delay = Double(ProcessInfo.processInfo.environment["R1CI_TEST_STEP_DELAY"] ?? "") ?? 0
        let driver = RunDriver(job: job, checkpoints: checkpoints, sinks: sinks,
                               checkpointEvery: config.optionalInt("checkpoint_every") ?? 0,
                               shouldStop: {
                                   if delay > 0 { Thread.sleep(forTimeInterval: delay) }
                                   return workerStopRequested != 0
                               })
        let runID = id
        driver.onCheckpoint = { url, step in try ws.setRunCheckpoint(runID, path: url.path, step: Int64(step)) }
        return try driver.run()
    }
}
