// The one Sandbox of the process: created on first use (or by r1ci_sandbox_start),
// shared by every call, stopped by r1ci_sandbox_stop. C callers are plain
// threads, so its async API is driven to completion here, blocking the caller.

import Foundation
import R1Sandbox

final class SharedSandbox: @unchecked Sendable {
    static let shared = SharedSandbox()

    /// One slot: oracle runs from the studio come one at a time; concurrent
    /// callers queue in the sandbox's pool.
    static let config = SandboxConfig(slots: 1)

    private let lock = NSLock()
    private var sandbox: Sandbox?

    /// The running sandbox, started now when there is none. Throws when this host
    /// cannot start one (missing isolation layers, no python3).
    func get() throws -> Sandbox {
        lock.lock(); defer { lock.unlock() }
        if let sandbox { return sandbox }
        let started = try Sandbox(config: Self.config)
        sandbox = started
        return started
    }

    /// Shuts the sandbox down (zygotes, cgroups, runtime directory); a later get() starts a new one.
    func stop() {
        lock.lock()
        let running = sandbox
        sandbox = nil
        lock.unlock()
        if let running { blockOn { await running.shutdown() } }
    }
}

private final class Outcome<T>: @unchecked Sendable {
    var value: T?
}

/// Runs async work on the concurrency pool and waits for it on this (non-pool) thread.
func blockOn<T: Sendable>(_ body: @escaping @Sendable () async -> T) -> T {
    let outcome = Outcome<T>()
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        outcome.value = await body()
        done.signal()
    }
    done.wait()
    return outcome.value!
}
