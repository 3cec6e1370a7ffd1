// Errors thrown by the sandbox API (a run that happened is a RunResult, never an error).

public enum SandboxError: Error, CustomStringConvertible, Equatable {
    /// The request itself is unusable (bad limits, code too large, ...).
    case invalidRequest(String)
    /// The host lacks isolation layers and degraded mode was not allowed.
    case hostUnsupported([String])
    /// No Python interpreter could be found or started.
    case pythonNotFound(String)
    /// Every slot is busy and the wait queue is full.
    case overloaded
    /// The sandbox was shut down.
    case closed
    /// Set-up failed (spawning a zygote, creating cgroups, ...).
    case setup(String)

    public var description: String {
        switch self {
        case .invalidRequest(let m): return "invalid request: \(m)"
        case .hostUnsupported(let layers):
            return "this host cannot provide: \(layers.joined(separator: ", ")) (use --allow-degraded to run anyway)"
        case .pythonNotFound(let m): return "python not found: \(m)"
        case .overloaded: return "sandbox overloaded: every slot busy and the queue is full"
        case .closed: return "sandbox closed"
        case .setup(let m): return "sandbox set-up failed: \(m)"
        }
    }
}
