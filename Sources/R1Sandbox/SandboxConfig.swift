// Configuration of a Sandbox (slots, interpreter, modules, policy on weak hosts).

import Foundation

public struct SandboxConfig: Sendable {
    /// Warm fork servers; each runs one program at a time. Default: cores.
    public var slots: Int
    /// Requests allowed to wait for a slot; more fail with `overloaded`.
    public var queueLimit: Int
    /// Interpreter to use (default: $R1CI_PYTHON, else python3 on PATH).
    public var python: String?
    /// Modules imported once in each zygote (missing ones are skipped).
    public var preload: [String]
    /// Modules of a second, lighter zygote per slot that serves every program
    /// which names none of the heavy modules (default: `preload` without numpy,
    /// sympy, scipy, pandas). nil: one zygote per slot.
    public var lightPreload: [String]?
    /// Fork each run's child ahead of its request (right after the previous
    /// response), so that only the per-request set-up remains on the critical path.
    public var prefork: Bool = true
    /// Run even when some isolation layer is missing (reported in every result).
    public var allowDegraded: Bool
    /// Size of the writable scratch /tmp, MiB.
    public var scratchMB: Int
    /// Largest program accepted, bytes.
    public var maxCodeBytes: Int
    /// Largest stdin accepted, bytes.
    public var maxStdinBytes: Int
    /// Limits used when a run gives none.
    public var defaultLimits: SandboxLimits

    /// Pre-imported by default. Not `random`, `statistics` or `threading`: each
    /// registers an at-fork hook that every forked child would pay for (random
    /// reseeds, ~0.3 ms; threading ~0.9 ms), while importing them on use is cheap.
    public static let standardModules = ["math", "itertools", "collections", "functools", "fractions", "decimal",
                                         "re", "heapq", "json", "string", "bisect", "operator", "typing",
                                         "dataclasses", "copy", "numpy", "sympy"]

    public init(slots: Int? = nil, queueLimit: Int = 1024, python: String? = nil,
                preload: [String] = SandboxConfig.standardModules, allowDegraded: Bool = false,
                scratchMB: Int = 64, maxCodeBytes: Int = 4 << 20, maxStdinBytes: Int = 16 << 20,
                defaultLimits: SandboxLimits = .default) {
        self.slots = max(1, slots ?? ProcessInfo.processInfo.activeProcessorCount)
        self.queueLimit = queueLimit
        self.python = python
        self.preload = preload
        let heavy: Set<String> = ["numpy", "sympy", "scipy", "pandas", "networkx", "mpmath"]
        let light = preload.filter { !heavy.contains($0.split(separator: ".").first.map(String.init) ?? $0) }
        self.lightPreload = light.count == preload.count ? nil : light
        self.allowDegraded = allowDegraded
        self.scratchMB = scratchMB
        self.maxCodeBytes = maxCodeBytes
        self.maxStdinBytes = maxStdinBytes
        self.defaultLimits = defaultLimits
    }
}
