// Per-run resource limits.

/// Limits for one run. Every field has a default suited to the
/// code-interpreter loop; callers override what they need.
public struct SandboxLimits: Sendable, Codable, Equatable {
    /// Wall-clock deadline in milliseconds; the whole run (every process it
    /// started) is killed when it passes.
    public var wallMs: Int
    /// CPU time in milliseconds (RLIMIT_CPU backstop, whole seconds, rounded up).
    public var cpuMs: Int
    /// Memory for the run's processes together (cgroup), in MiB.
    public var memoryMB: Int
    /// Processes and threads the run may have at once (pids cgroup + RLIMIT_NPROC).
    public var processes: Int
    /// Bytes kept per stream (stdout, stderr); more kills the run (`output_limit`).
    public var outputBytes: Int
    /// Largest file the run may write, in bytes (RLIMIT_FSIZE).
    public var fileSizeBytes: Int
    /// Open descriptors per process (RLIMIT_NOFILE).
    public var openFiles: Int

    public init(wallMs: Int = 10_000, cpuMs: Int? = nil, memoryMB: Int = 256, processes: Int = 64,
                outputBytes: Int = 1 << 20, fileSizeBytes: Int = 16 << 20, openFiles: Int = 256) {
        self.wallMs = wallMs
        self.cpuMs = cpuMs ?? wallMs
        self.memoryMB = memoryMB
        self.processes = processes
        self.outputBytes = outputBytes
        self.fileSizeBytes = fileSizeBytes
        self.openFiles = openFiles
    }

    public static let `default` = SandboxLimits()

    /// Rejects values the executor cannot honour.
    public func validate() throws {
        func check(_ ok: Bool, _ what: String) throws {
            if !ok { throw SandboxError.invalidRequest(what) }
        }
        try check((1...3_600_000).contains(wallMs), "wall time must be 1…3600000 ms")
        try check((1...3_600_000).contains(cpuMs), "CPU time must be 1…3600000 ms")
        try check((16...65_536).contains(memoryMB), "memory must be 16…65536 MB")
        try check((1...4096).contains(processes), "processes must be 1…4096")
        try check((0...(256 << 20)).contains(outputBytes), "output cap must be 0…256 MiB")
        try check((0...(1 << 34)).contains(fileSizeBytes), "file size limit must be 0…16 GiB")
        try check((16...65_536).contains(openFiles), "open files must be 16…65536")
    }
}
