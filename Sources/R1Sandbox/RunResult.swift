// The result record of one run.

/// How a run ended.
public enum RunStatus: String, Sendable, Codable, CaseIterable {
    /// The program exited with status 0.
    case ok
    /// The program exited with a non-zero status (an uncaught exception is exit 1).
    case error
    /// The wall deadline or the CPU limit passed.
    case timeout
    /// The memory limit was hit (cgroup OOM kill or MemoryError).
    case memory
    /// stdout or stderr passed the output cap; the run was killed.
    case outputLimit = "output_limit"
    /// A signal ended the program (seccomp's SIGSYS, SIGSEGV, SIGKILL it sent itself, ...).
    case killed
    /// The executor could not run the program; nothing about the program is known.
    case sandboxError = "sandbox_error"
}

/// Everything known about one run.
public struct RunResult: Sendable, Codable, Equatable {
    public var status: RunStatus
    /// Exit status when the program exited, else nil.
    public var exitCode: Int?
    /// Terminating signal when a signal ended it, else nil.
    public var signal: Int?
    /// Captured output, UTF-8 (invalid bytes replaced), each capped, with a
    /// marker line appended when cut.
    public var stdout: String
    public var stderr: String
    public var stdoutTruncated: Bool
    public var stderrTruncated: Bool
    public var wallMs: Double
    public var cpuMs: Double
    /// Peak memory of the run's cgroup (or the main process's max RSS), bytes.
    public var peakMemoryBytes: Int
    /// Processes were still alive when the main one ended and were killed.
    public var killedLeftovers: Bool
    /// A timeout with CPU time well under the wall time: the host was busy,
    /// and a retry may well succeed.
    public var starved: Bool
    /// Isolation layers this host could not provide (empty when fully isolated).
    public var degraded: [String]
    /// Why the executor failed (status sandbox_error), else nil.
    public var sandboxMessage: String?
    /// Sessions only: this block ended the interpreter; the next block starts fresh.
    public var sessionEnded: Bool = false

    public init(status: RunStatus, exitCode: Int? = nil, signal: Int? = nil, stdout: String = "", stderr: String = "",
                stdoutTruncated: Bool = false, stderrTruncated: Bool = false, wallMs: Double = 0, cpuMs: Double = 0,
                peakMemoryBytes: Int = 0, killedLeftovers: Bool = false, starved: Bool = false,
                degraded: [String] = [], sandboxMessage: String? = nil) {
        self.status = status
        self.exitCode = exitCode
        self.signal = signal
        self.stdout = stdout
        self.stderr = stderr
        self.stdoutTruncated = stdoutTruncated
        self.stderrTruncated = stderrTruncated
        self.wallMs = wallMs
        self.cpuMs = cpuMs
        self.peakMemoryBytes = peakMemoryBytes
        self.killedLeftovers = killedLeftovers
        self.starved = starved
        self.degraded = degraded
        self.sandboxMessage = sandboxMessage
    }

    enum CodingKeys: String, CodingKey {
        case status, signal, stdout, stderr, starved, degraded
        case exitCode = "exit_code"
        case stdoutTruncated = "stdout_truncated"
        case stderrTruncated = "stderr_truncated"
        case wallMs = "wall_ms"
        case cpuMs = "cpu_ms"
        case peakMemoryBytes = "peak_memory_bytes"
        case killedLeftovers = "killed_leftovers"
        case sandboxMessage = "sandbox_message"
        case sessionEnded = "session_ended"
    }

    static func failure(_ message: String, degraded: [String] = []) -> RunResult {
        RunResult(status: .sandboxError, degraded: degraded, sandboxMessage: message)
    }
}
