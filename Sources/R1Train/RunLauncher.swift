// Starting training runs in the background: the run is recorded in the store
// (state queued, config JSON, folder `<workspace>/runs/<id>/`), then a worker
// process (`r1ci runs _worker ID`) is spawned in its own session, so it
// outlives the command or studio that started it, with stdout and stderr
// appended to `worker.log` in the run folder. The worker records its pid and
// state; a run whose worker has died without saying so is marked failed by
// `reconcile` (what `runs list` calls).

import Foundation
import R1Store
#if canImport(Glibc)
import Glibc
#endif

public enum RunLauncher {
    public static func runDirectory(_ workspace: Workspace, _ id: Int64) -> URL {
        workspace.directory.appendingPathComponent("runs/\(id)")
    }

    /// Records a queued run for `config` and starts its worker; returns the run id.
    public static func start(workspace: Workspace, config: RunConfig, name: String? = nil, executable: String) throws -> Int64 {
        try TrainingMethod.all[config.method]?.check(config)
        let id = try workspace.createRun(name: name ?? config.method, kind: config.method, configJSON: config.json())
        let dir = runDirectory(workspace, id)
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try Data(config.json().utf8).write(to: dir.appendingPathComponent("config.json"), options: .atomic)
            try workspace.setRunDirectory(id, dir.path)
            try spawnWorker(workspace: workspace, id: id, executable: executable, resume: false)
        } catch {
            try? workspace.updateRun(id, state: "failed", message: "\(error)")
            throw error
        }
        return id
    }

    /// Starts a stopped or failed run again from its last checkpoint.
    public static func resume(workspace: Workspace, id: Int64, executable: String) throws {
        try reconcile(workspace)
        let run = try workspace.runDetail(id)
        guard run.state == "stopped" || run.state == "failed" else {
            throw TrainError("run \(id) is \(run.state); only a stopped or failed run can be resumed")
        }
        try workspace.updateRun(id, state: "queued", clearPID: true, message: "")
        try spawnWorker(workspace: workspace, id: id, executable: executable, resume: true)
    }

    /// Asks a running worker to stop after its current step (SIGTERM); it then checkpoints.
    public static func stop(workspace: Workspace, id: Int64) throws {
        try reconcile(workspace)
        let run = try workspace.runDetail(id)
        guard run.isActive, let pid = run.pid else { throw TrainError("run \(id) is \(run.state), not running") }
        guard kill(pid_t(pid), SIGTERM) == 0 else { throw TrainError("cannot signal run \(id)'s worker (pid \(pid))") }
    }

    /// Marks queued/running runs whose worker process is gone as failed.
    public static func reconcile(_ workspace: Workspace) throws {
        for run in try workspace.runDetails() where run.isActive {
            guard let pid = run.pid else { continue }
            if !isWorkerAlive(pid_t(pid)) {
                try workspace.updateRun(run.id, state: "failed", clearPID: true,
                                        message: "the worker (pid \(pid)) ended without finishing; resume continues from the last checkpoint")
            }
        }
    }

    /// True when `pid` is a live (not zombie) r1ci worker process.
    static func isWorkerAlive(_ pid: pid_t) -> Bool {
        // Reaps the worker if this process (the studio) started it and it has ended.
        _ = waitpid(pid, nil, WNOHANG)
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        let state = stat[stat.index(close, offsetBy: 2)...].first
        if state == "Z" || state == "X" { return false }
        // Our own live child is the worker, even in the moment before its exec
        // (when its command line is still ours).
        let fields = stat[stat.index(close, offsetBy: 2)...].split(separator: " ")
        if fields.count > 1, let parent = pid_t(fields[1]), parent == getpid() { return true }
        // A reused pid belongs to some other program.
        let cmdline = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline"))) ?? Data()
        return String(decoding: cmdline, as: UTF8.self).contains("_worker")
    }

    static func spawnWorker(workspace: Workspace, id: Int64, executable: String, resume: Bool) throws {
        let dir = runDirectory(workspace, id)
        var args = [executable, "runs", "_worker", String(id), "--workspace", workspace.directory.path]
        if resume { args.append("--resume") }
        var actions = posix_spawn_file_actions_t()
        var attrs = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions); posix_spawnattr_init(&attrs)
        defer { posix_spawn_file_actions_destroy(&actions); posix_spawnattr_destroy(&attrs) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, dir.appendingPathComponent("worker.log").path,
                                         O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Nothing else inherited: a caller's pipe left open in the worker would keep the
        // caller's reader waiting until the run ends.
        let open = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap { Int32($0) }
        for fd in open.sorted() where fd > 2 && fcntl(fd, F_GETFD) >= 0 { posix_spawn_file_actions_addclose(&actions, fd) }
        // POSIX_SPAWN_SETSID (glibc 2.26+): a new session, so closing the terminal does not end the run.
        posix_spawnattr_setflags(&attrs, Int16(0x80))
        let cArgs = args.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        // The environment as it is now (a library caller may have changed it with setenv).
        let cEnv = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { cEnv.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, executable, &actions, &attrs, cArgs, cEnv)
        guard rc == 0 else { throw TrainError("cannot start the run worker \(executable): \(String(cString: strerror(rc)))") }
        // Only the pid: the worker may already have recorded itself as running.
        try workspace.setRunPID(id, Int64(pid))
    }
}
