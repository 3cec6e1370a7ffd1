// The public executor: a pool of warm, isolated slots behind an async API.

import CSandbox
import Foundation

/// Runs untrusted Python 3 programs, each in a fresh forked child of a warm
/// zygote that lives in its own user, PID, mount, network, IPC and UTS
/// namespaces; the child is limited by cgroups, rlimits, a seccomp filter and
/// a millisecond wall deadline. Safe to call from many tasks at once.
public final class Sandbox: @unchecked Sendable {
    public let config: SandboxConfig
    /// Layers this host could not provide (empty when fully isolated).
    public let degraded: [String]
    public let python: PythonInstall
    private let slots: [Slot]
    private let pool: SlotPool
    private let runtimeDir: String
    let zygoteEnv: ZygoteEnvironment
    let cgroupLayout: CgroupLayout
    let cgroupTag: String
    private let sessionCounter = SessionCounter()

    /// Probes the host, builds the seccomp program, and starts `config.slots`
    /// zygotes. Throws `hostUnsupported` when a layer is missing and
    /// `allowDegraded` is false.
    public init(config: SandboxConfig = SandboxConfig()) throws {
        signal(SIGPIPE, SIG_IGN)   // a dying zygote must not take the executor with it
        self.config = config
        let layers = HostLayers.probe()
        let missing = layers.missing
        if !layers.namespaces { throw SandboxError.hostUnsupported(missing) }
        if !missing.isEmpty && !config.allowDegraded { throw SandboxError.hostUnsupported(missing) }
        degraded = missing
        python = try PythonInstall.discover(config.python)

        Sandbox.sweepStaleRuntimeDirs()
        let dir = "/tmp/r1ci-sandbox-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        guard mkdir(dir, 0o755) == 0, mkdir(dir + "/root", 0o755) == 0 else {
            throw SandboxError.setup("cannot create \(dir): \(String(cString: strerror(errno)))")
        }
        runtimeDir = dir
        let env = ZygoteEnvironment(
            python: python, view: FilesystemView(python: python, scratchMB: config.scratchMB),
            rootDir: dir + "/root", useUserNamespace: layers.userNamespace,
            seccompBPF: layers.seccomp ?? [], preload: config.preload, startTimeoutMs: 120_000, prefork: config.prefork)
        SlotCgroups.sweepStale(layout: layers.cgroups)

        // Start the slots side by side: each imports the heavy modules once.
        let count = config.slots
        let made = Results<Slot>(count: count)
        let layout = layers.cgroups
        let tag = "r1ci-\(getpid())-\(UInt32.random(in: 0...0xffff))"
        zygoteEnv = env
        cgroupLayout = layout
        cgroupTag = tag
        DispatchQueue.concurrentPerform(iterations: count) { i in
            made.set(i, Result {
                let cg = try SlotCgroups(layout: layout, name: "\(tag)-s\(i)")
                do { return try Slot(index: i, env: env, lightPreload: config.lightPreload, cgroups: cg, degraded: missing) } catch { cg.close(); throw error }
            })
        }
        var ok: [Slot] = []
        var firstError: Error?
        for r in made.all {
            switch r {
            case .success(let s)?: ok.append(s)
            case .failure(let e)?: firstError = firstError ?? e
            case nil: break
            }
        }
        if let e = firstError {
            ok.forEach { $0.shutdown() }
            rmdir(dir + "/root"); rmdir(dir)
            throw e
        }
        slots = ok
        pool = SlotPool(slots: ok, queueLimit: config.queueLimit)
    }

    /// Modules the zygotes could pre-import.
    public var preloadedModules: [String] { slots.first?.loadedModules ?? [] }
    public var slotCount: Int { slots.count }
    /// How often a dead slot was replaced.
    public var restarts: Int { slots.reduce(0) { $0 + $1.restarts } }
    /// Host pids of every zygote (diagnostics).
    public var zygotePIDs: [pid_t] { slots.flatMap(\.zygotePIDs) }

    /// Runs `code` (Python 3 source, UTF-8 bytes) with `limits` and optional stdin.
    /// A program that ran, whatever its outcome, is a RunResult; errors are
    /// only for unusable requests, overload and a closed sandbox.
    public func run(code: [UInt8], stdin: [UInt8] = [], limits: SandboxLimits? = nil) async throws -> RunResult {
        let limits = limits ?? config.defaultLimits
        try limits.validate()
        if code.count > config.maxCodeBytes {
            throw SandboxError.invalidRequest("program is \(code.count) bytes; the limit is \(config.maxCodeBytes)")
        }
        if String(validating: code, as: UTF8.self) == nil {
            throw SandboxError.invalidRequest("program is not valid UTF-8")
        }
        if stdin.count > config.maxStdinBytes {
            throw SandboxError.invalidRequest("stdin is \(stdin.count) bytes; the limit is \(config.maxStdinBytes)")
        }
        let slot = try await pool.acquire()
        let result: RunResult = await withCheckedContinuation { cont in
            slot.run(code: code, stdin: stdin, limits: limits) { cont.resume(returning: $0) }
        }
        await pool.release(slot)
        return result
    }

    /// Convenience: runs a String program.
    public func run(_ code: String, stdin: String? = nil, limits: SandboxLimits? = nil) async throws -> RunResult {
        try await run(code: Array(code.utf8), stdin: stdin.map { Array($0.utf8) } ?? [], limits: limits)
    }

    /// Stops every zygote and removes the cgroups and the runtime directory.
    public func shutdown() async {
        await pool.close()
        slots.forEach { $0.shutdown() }
        rmdir(runtimeDir + "/root")
        rmdir(runtimeDir)
    }

    func slotForTesting(_ i: Int) -> Slot { slots[i] }

    /// Removes the (empty) mount-point directories of executors that died without shutdown.
    static func sweepStaleRuntimeDirs() {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: "/tmp")) ?? [] where name.hasPrefix("r1ci-sandbox-") {
            let parts = name.split(separator: "-")
            guard parts.count >= 4, let pid = Int32(parts[2]), kill(pid, 0) != 0, errno == ESRCH else { continue }
            rmdir("/tmp/\(name)/root")
            rmdir("/tmp/\(name)")
        }
    }

    /// Opens a stateful session: later blocks see earlier blocks' variables,
    /// like notebook cells. It gets its own interpreter, namespaces, cgroups
    /// and uid range; close it when the trace ends.
    public func openSession() async throws -> SandboxSession {
        let n = sessionCounter.next()
        let env = zygoteEnv, layout = cgroupLayout, name = "\(cgroupTag)-sess\(n)", missing = degraded
        let slot: Slot = try await withCheckedThrowingContinuation { cont in
            DispatchQueue.global().async {
                do {
                    let cg = try SlotCgroups(layout: layout, name: name)
                    do { cont.resume(returning: try Slot(index: 64 + n % 4096, env: env, lightPreload: nil, cgroups: cg, degraded: missing)) }
                    catch { cg.close(); throw error }
                } catch { cont.resume(throwing: error) }
            }
        }
        return SandboxSession(slot: slot, config: config)
    }
}

/// Results filled in by concurrent workers.
private final class Results<T>: @unchecked Sendable {
    private var items: [Result<T, Error>?]
    private let lock = NSLock()
    init(count: Int) { items = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ r: Result<T, Error>) { lock.lock(); items[i] = r; lock.unlock() }
    var all: [Result<T, Error>?] { lock.lock(); defer { lock.unlock() }; return items }
}

private final class SessionCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func next() -> Int { lock.withLock { n += 1; return n } }
}
