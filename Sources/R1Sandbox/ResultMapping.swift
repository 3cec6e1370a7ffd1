// Turning a zygote's raw response into a RunResult.

import Foundation

enum ResultMapping {
    static func result(_ h: [String: Any], stdout: [UInt8], stderr: [UInt8], limits: SandboxLimits,
                       degraded: [String]) -> RunResult {
        if let message = h["sandbox_error"] as? String {
            return .failure("zygote: \(message)", degraded: degraded)
        }
        func int(_ k: String) -> Int? { (h[k] as? NSNumber)?.intValue }
        func bool(_ k: String) -> Bool { (h[k] as? NSNumber)?.boolValue ?? false }
        var r = RunResult(status: .ok, degraded: degraded)
        r.exitCode = int("exit_code")
        r.signal = int("signal")
        r.wallMs = Double(int("wall_ns") ?? 0) / 1e6
        r.cpuMs = Double(int("cpu_ns") ?? 0) / 1e6
        r.peakMemoryBytes = int("peak_bytes") ?? 0
        r.killedLeftovers = bool("leftovers")
        r.stdoutTruncated = bool("stdout_truncated")
        r.stderrTruncated = bool("stderr_truncated")
        r.sessionEnded = bool("session_ended")
        r.stdout = text(stdout, truncated: r.stdoutTruncated, cap: limits.outputBytes)
        r.stderr = text(stderr, truncated: r.stderrTruncated, cap: limits.outputBytes)

        if !bool("ready") && !bool("timed_out") {
            // The child died before it finished hardening itself: never run user code.
            r.status = .sandboxError
            r.sandboxMessage = "run set-up failed (exit \(r.exitCode.map(String.init) ?? "-"), signal \(r.signal.map(String.init) ?? "-"))"
            return r
        }
        let runDelayNs = Double(int("run_delay_ns") ?? 0)
        if bool("timed_out") {
            r.status = .timeout
            r.starved = runDelayNs > r.wallMs * 1e6 / 2
        } else if bool("output_overflow") {
            r.status = .outputLimit
        } else if bool("oom") {
            r.status = .memory
        } else if let sig = r.signal {
            // RLIMIT_CPU: SIGXCPU at the soft limit, SIGKILL at the hard one.
            if sig == SIGXCPU || (sig == SIGKILL && r.cpuMs >= Double(limits.cpuMs)) {
                r.status = .timeout
            } else {
                r.status = .killed
            }
        } else if r.exitCode == 0 {
            r.status = .ok
        } else if lastLine(r.stderr).hasPrefix("MemoryError") {
            r.status = .memory
        } else {
            r.status = .error
        }
        return r
    }

    static func text(_ bytes: [UInt8], truncated: Bool, cap: Int) -> String {
        var s = String(decoding: bytes, as: UTF8.self)
        if truncated {
            if !s.hasSuffix("\n") && !s.isEmpty { s += "\n" }
            s += "[output truncated: more than \(cap) bytes]\n"
        }
        return s
    }

    static func lastLine(_ s: String) -> Substring {
        s.split(separator: "\n", omittingEmptySubsequences: true).last ?? ""
    }
}
