// What the loop needs from an executor: run one program under limits. The
// sandbox is the real one; anything that throws here ends the trace with
// `sandbox_failure`.

import R1Sandbox

public protocol CodeRunner: Sendable {
    func execute(_ code: String, limits: SandboxLimits) async throws -> RunResult
}

extension Sandbox: CodeRunner {
    public func execute(_ code: String, limits: SandboxLimits) async throws -> RunResult {
        try await run(code, limits: limits)
    }
}
