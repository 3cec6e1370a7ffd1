// A worker slot: one zygote, its cgroups, and a serial queue for its blocking I/O.

import CSandbox
import Foundation

final class Slot: @unchecked Sendable {
    let index: Int
    private let queue: DispatchQueue
    private let env: ZygoteEnvironment
    private let cgroups: SlotCgroups
    private let degraded: [String]
    private var zygote: Zygote?
    private(set) var restarts = 0
    /// Extra time the executor grants the zygote beyond the run's wall limit
    /// before declaring it stuck and replacing it.
    static let graceMs = 5_000
    /// R1CI_SANDBOX_TRACE=1 prints the zygote's per-run phase times (µs) to stderr.
    static let trace = ProcessInfo.processInfo.environment["R1CI_SANDBOX_TRACE"] == "1"

    init(index: Int, env: ZygoteEnvironment, cgroups: SlotCgroups, degraded: [String]) throws {
        self.index = index
        self.env = env
        self.cgroups = cgroups
        self.degraded = degraded
        self.queue = DispatchQueue(label: "r1ci.sandbox.slot\(index)")
        self.zygote = try Zygote(slot: index, env: env, cgroups: cgroups)
    }

    var loadedModules: [String] { queue.sync { zygote?.loadedModules ?? [] } }

    /// Runs one program on this slot's queue and calls back with the result.
    /// `session`: run as the next block of this slot's persistent interpreter.
    func run(code: [UInt8], stdin: [UInt8], limits: SandboxLimits, session: Bool = false,
             completion: @escaping @Sendable (RunResult) -> Void) {
        queue.async { completion(self.runSync(code: code, stdin: stdin, limits: limits, session: session)) }
    }

    private func runSync(code: [UInt8], stdin: [UInt8], limits: SandboxLimits, session: Bool) -> RunResult {
        if let z = zygote, csb_pidfd_wait(z.pidfd, 0) != 0 {
            // Died between runs (killed from outside): replace it before use.
            z.terminateNow()
            cgroups.killAll()
            zygote = nil
        }
        if zygote == nil {
            do {
                zygote = try Zygote(slot: index, env: env, cgroups: cgroups)
                restarts += 1
            } catch {
                return .failure("slot \(index) could not restart: \(error)", degraded: degraded)
            }
        }
        guard let z = zygote else { return .failure("no zygote", degraded: degraded) }
        let header: [String: Any] = [
            "op": session ? "session_run" : "run", "wall_ms": limits.wallMs, "cpu_ms": limits.cpuMs,
            "mem_bytes": limits.memoryMB << 20, "procs": limits.processes, "out_bytes": limits.outputBytes,
            "fsize": limits.fileSizeBytes, "nofile": limits.openFiles,
        ]
        do {
            let (h, out, err) = try z.request(header, code: code, stdin: stdin, timeoutMs: limits.wallMs + Slot.graceMs)
            if Slot.trace, let phases = h["phases_us"] {
                FileHandle.standardError.write(Data("r1ci-trace slot \(index) phases_us \(phases)\n".utf8))
            }
            return ResultMapping.result(h, stdout: out, stderr: err, limits: limits, degraded: degraded)
        } catch {
            // The zygote died or hung: kill it and everything of the run, start afresh next time.
            z.terminateNow()
            cgroups.killAll()
            zygote = nil
            queue.async { [self] in
                if zygote == nil, let fresh = try? Zygote(slot: index, env: env, cgroups: cgroups) {
                    zygote = fresh
                    restarts += 1
                }
            }
            return .failure("slot \(index) zygote failed: \(error)", degraded: degraded)
        }
    }

    /// The zygote's host pid, if one is running (for tests and diagnostics).
    var zygotePID: pid_t? { queue.sync { zygote?.pid } }

    /// Kills the zygote (tests use this to prove a dead slot is replaced).
    func killZygoteForTesting() {
        queue.sync { if let z = zygote { _ = csb_pidfd_kill(z.pidfd, SIGKILL) } }
    }

    func shutdown() {
        queue.sync {
            zygote?.terminateNow()
            zygote = nil
            cgroups.killAll()
            cgroups.close()
        }
    }
}
