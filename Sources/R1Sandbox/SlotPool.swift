// Slot hand-out with a bounded FIFO wait queue (back-pressure).

/// Hands out idle slots; callers beyond the idle slots wait in FIFO order,
/// up to `queueLimit`, then get `overloaded` (back-pressure).
actor SlotPool {
    private var idle: [Slot]
    private var waiters: [CheckedContinuation<Slot, Error>] = []
    private let queueLimit: Int
    private var closed = false

    init(slots: [Slot], queueLimit: Int) {
        idle = slots
        self.queueLimit = queueLimit
    }

    func acquire() async throws -> Slot {
        if closed { throw SandboxError.closed }
        if let s = idle.popLast() { return s }
        if waiters.count >= queueLimit { throw SandboxError.overloaded }
        return try await withCheckedThrowingContinuation { waiters.append($0) }
    }

    func release(_ slot: Slot) {
        if !waiters.isEmpty {
            waiters.removeFirst().resume(returning: slot)
        } else {
            idle.append(slot)
        }
    }

    func close() {
        closed = true
        for w in waiters { w.resume(throwing: SandboxError.closed) }
        waiters = []
    }

    /// Requests waiting for a slot right now.
    var queued: Int { waiters.count }
}
