// Stateful runs: the code blocks of one trace share one interpreter.

import Foundation

/// One interpreter for the code blocks of a trace. Each block has its own
/// limits (wall, CPU, memory, processes, output). A block that ends the
/// interpreter (timeout, memory kill, output overflow, sys.exit, a fatal
/// signal) loses the state: the next block starts in a fresh interpreter,
/// and `stateLost` on that block's successor tells the caller so.
/// Blocks of one session run one at a time, in call order.
public final class SandboxSession: @unchecked Sendable {
    private let slot: Slot
    private let config: SandboxConfig
    private let lock = NSLock()
    private var closed = false
    private var ended = false
    private let gate = AsyncGate()

    init(slot: Slot, config: SandboxConfig) {
        self.slot = slot
        self.config = config
    }

    /// True when the previous block ended the interpreter (its variables are gone).
    public var stateLost: Bool { lock.withLock { ended } }

    /// Runs the next block. Stdin is not available in sessions (reads see EOF).
    public func run(_ code: String, limits: SandboxLimits? = nil) async throws -> RunResult {
        let limits = limits ?? config.defaultLimits
        try limits.validate()
        let bytes = Array(code.utf8)
        if bytes.count > config.maxCodeBytes {
            throw SandboxError.invalidRequest("block is \(bytes.count) bytes; the limit is \(config.maxCodeBytes)")
        }
        if lock.withLock({ closed }) { throw SandboxError.closed }
        await gate.enter()
        let result: RunResult = await withCheckedContinuation { cont in
            slot.run(code: bytes, stdin: [], limits: limits, session: true) { cont.resume(returning: $0) }
        }
        lock.withLock { ended = result.sessionEnded || result.status == .sandboxError }
        await gate.leave()
        return result
    }

    /// Ends the session: its interpreter, processes, files and cgroups go away.
    public func close() async {
        let first = lock.withLock { () -> Bool in
            if closed { return false }
            closed = true
            return true
        }
        if first { slot.shutdown() }
    }

    deinit {
        if !closed { slot.shutdown() }
    }
}

/// A FIFO async mutex: blocks of one session run one at a time, in order.
actor AsyncGate {
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []
    func enter() async {
        if !busy { busy = true; return }
        await withCheckedContinuation { waiters.append($0) }
    }
    func leave() {
        if waiters.isEmpty { busy = false } else { waiters.removeFirst().resume() }
    }
}
