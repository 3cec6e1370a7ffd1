// A worker slot: its zygotes, its cgroups, and a serial queue for its blocking I/O.
//
// A slot may hold two zygotes: a light one (standard library only) and a full
// one (with the heavy modules, numpy and sympy). Forking a process that has
// sympy loaded costs several times more than forking a bare interpreter, so
// programs that never name a heavy module go to the light zygote.

import CSandbox
import Foundation

final class Slot: @unchecked Sendable {
    enum Kind: Int { case light = 0, full = 1 }

    let index: Int
    private let queue: DispatchQueue
    private let envs: [Kind: ZygoteEnvironment]
    private let cgroups: SlotCgroups
    private let degraded: [String]
    private var zygotes: [Kind: Zygote] = [:]
    /// Module names that only the full zygote has: a program naming one goes there.
    private let heavyNames: [[UInt8]]
    private(set) var restarts = 0
    /// Extra time the executor grants the zygote beyond the run's wall limit
    /// before declaring it stuck and replacing it.
    static let graceMs = 5_000
    /// R1CI_SANDBOX_TRACE=1 prints the zygote's per-run phase times (µs) to stderr.
    static let trace = ProcessInfo.processInfo.environment["R1CI_SANDBOX_TRACE"] == "1"

    /// `lightPreload` nil: one zygote with `env.preload` serves every run.
    init(index: Int, env: ZygoteEnvironment, lightPreload: [String]?, cgroups: SlotCgroups, degraded: [String]) throws {
        self.index = index
        self.cgroups = cgroups
        self.degraded = degraded
        self.queue = DispatchQueue(label: "r1ci.sandbox.slot\(index)")
        var envs: [Kind: ZygoteEnvironment] = [.full: env]
        var heavy: [[UInt8]] = []
        if let light = lightPreload, Set(light) != Set(env.preload) {
            var lightEnv = env
            lightEnv.preload = light
            envs[.light] = lightEnv
            heavy = env.preload.filter { !light.contains($0) }.map { Array($0.split(separator: ".")[0].utf8) }
        }
        self.envs = envs
        self.heavyNames = heavy
        // Start the zygotes side by side.
        let kinds = Array(envs.keys)
        let kindEnvs = kinds.map { envs[$0]! }
        let started = ZygoteResults(count: kinds.count)
        let cg = UncheckedBox(cgroups)
        DispatchQueue.concurrentPerform(iterations: kinds.count) { i in
            started.set(i, Result { try Zygote(slot: index, env: kindEnvs[i], cgroups: cg.value) })
        }
        for (i, kind) in kinds.enumerated() {
            switch started.get(i) {
            case .success(let z)?: zygotes[kind] = z
            case .failure(let e)?:
                zygotes.values.forEach { $0.terminateNow() }
                throw e
            case nil: throw SandboxError.setup("zygote did not start")
            }
        }
    }

    var loadedModules: [String] {
        queue.sync { Array(Set(zygotes.values.flatMap(\.loadedModules))).sorted() }
    }

    /// Which zygote serves `code`.
    func kind(for code: [UInt8], session: Bool) -> Kind {
        if envs[.light] == nil || session { return .full }
        for name in heavyNames where contains(code, name) { return .full }
        return .light
    }

    private func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, hay.count >= needle.count else { return false }
        let first = needle[0]
        var i = 0
        let last = hay.count - needle.count
        while i <= last {
            if hay[i] == first {
                var j = 1
                while j < needle.count && hay[i + j] == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    /// Runs one program on this slot's queue and calls back with the result.
    /// `session`: run as the next block of this slot's persistent interpreter.
    func run(code: [UInt8], stdin: [UInt8], limits: SandboxLimits, session: Bool = false,
             completion: @escaping @Sendable (RunResult) -> Void) {
        queue.async { completion(self.runSync(code: code, stdin: stdin, limits: limits, session: session)) }
    }

    private func runSync(code: [UInt8], stdin: [UInt8], limits: SandboxLimits, session: Bool) -> RunResult {
        let kind = kind(for: code, session: session)
        if let z = zygotes[kind], csb_pidfd_wait(z.pidfd, 0) != 0 {
            // Died between runs (killed from outside): replace it before use.
            z.terminateNow()
            cgroups.killAll()
            zygotes[kind] = nil
        }
        if zygotes[kind] == nil {
            do {
                zygotes[kind] = try Zygote(slot: index, env: envs[kind]!, cgroups: cgroups)
                restarts += 1
            } catch {
                return .failure("slot \(index) could not restart: \(error)", degraded: degraded)
            }
        }
        guard let z = zygotes[kind] else { return .failure("no zygote", degraded: degraded) }
        let header: [String: Any] = [
            "op": session ? "session_run" : "run", "wall_ms": limits.wallMs, "cpu_ms": limits.cpuMs,
            "mem_bytes": limits.memoryMB << 20, "procs": limits.processes, "out_bytes": limits.outputBytes,
            "fsize": limits.fileSizeBytes, "nofile": limits.openFiles,
        ]
        do {
            let (h, out, err) = try z.request(header, code: code, stdin: stdin, timeoutMs: limits.wallMs + Slot.graceMs)
            if Slot.trace, let phases = h["phases_us"] {
                let line = "r1ci-trace slot \(index) \(kind) phases_us \(phases) setup_cpu_us \(h["setup_cpu_us"] ?? 0) cpu_ns \(h["cpu_ns"] ?? 0)\n"
                FileHandle.standardError.write(Data(line.utf8))
            }
            return ResultMapping.result(h, stdout: out, stderr: err, limits: limits, degraded: degraded)
        } catch {
            // The zygote died or hung: kill it and everything of the run, start afresh.
            z.terminateNow()
            cgroups.killAll()
            zygotes[kind] = nil
            queue.async { [self] in
                if zygotes[kind] == nil, let fresh = try? Zygote(slot: index, env: envs[kind]!, cgroups: cgroups) {
                    zygotes[kind] = fresh
                    restarts += 1
                }
            }
            return .failure("slot \(index) zygote failed: \(error)", degraded: degraded)
        }
    }

    /// The host pid of the zygote serving `kind` (for tests and diagnostics).
    func zygotePID(_ kind: Kind = .full) -> pid_t? { queue.sync { zygotes[kind]?.pid ?? zygotes[.full]?.pid } }
    var zygotePIDs: [pid_t] { queue.sync { zygotes.values.map(\.pid).sorted() } }

    /// Kills the zygotes (tests use this to prove a dead slot is replaced).
    func killZygoteForTesting() {
        queue.sync { for z in zygotes.values { _ = csb_pidfd_kill(z.pidfd, SIGKILL) } }
    }

    func shutdown() {
        queue.sync {
            zygotes.values.forEach { $0.terminateNow() }
            zygotes = [:]
            cgroups.killAll()
            cgroups.close()
        }
    }
}

/// Zygotes started by concurrent workers.
private final class ZygoteResults: @unchecked Sendable {
    private var items: [Result<Zygote, Error>?]
    private let lock = NSLock()
    init(count: Int) { items = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ r: Result<Zygote, Error>) { lock.withLock { items[i] = r } }
    func get(_ i: Int) -> Result<Zygote, Error>? { lock.withLock { items[i] } }
}

/// Hands a value to concurrent workers that only read it.
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
