// SandboxFusion-compatible JSON over HTTP: POST /run_code (+ GET /v1/ping).
//
// Request:  {"code", "language": "python", "run_timeout" (s), "compile_timeout",
//            "memory_limit_MB" (-1 = default), "stdin", "files", "fetch_files"}
// Response: {"status": "Success" | "Failed" | "SandboxError", "message",
//            "compile_result": null, "run_result": {"status": "Finished" |
//            "TimeLimitExceeded" | "Error", "execution_time" (s), "return_code",
//            "stdout", "stderr"}, "files": {}, "executor_pod_name": null,
//            "r1ci": <the full RunResult record>}

import Foundation
import R1HTTP

public enum SandboxFusionAPI {
    static let pythonLanguages: Set<String> = ["python", "python3"]

    /// The HTTP server's own errors in this service's shapes.
    public static let errorResponse: @Sendable (Int, String) -> HTTPResponse = { status, message in
        status == 503 ? .json(503, ["status": "SandboxError", "message": message]) : .json(status, ["detail": message])
    }

    /// The HTTP handler for `sandbox`. Runs block the connection's thread.
    public static func handler(sandbox: Sandbox) -> HTTPServer.Handler {
        return { request in
            switch (request.method, request.path) {
            case ("GET", "/v1/ping"), ("GET", "/health"):
                return HTTPResponse(status: 200, contentType: "text/plain", body: Array("pong".utf8))
            case ("POST", "/run_code"):
                return runCode(request.body, sandbox: sandbox)
            case (_, "/run_code"), (_, "/v1/ping"):
                return .json(405, ["detail": "method not allowed"])
            default:
                return .json(404, ["detail": "not found"])
            }
        }
    }

    static func runCode(_ body: [UInt8], sandbox: Sandbox) -> HTTPResponse {
        guard let obj = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
            return .json(422, ["detail": "body must be a JSON object"])
        }
        guard let code = obj["code"] as? String else { return .json(422, ["detail": "field 'code' (string) is required"]) }
        let language = obj["language"] as? String ?? "python"
        guard pythonLanguages.contains(language) else {
            return .json(422, ["detail": "language '\(language)' is not supported; this service runs python"])
        }
        var limits = sandbox.config.defaultLimits
        if let t = (obj["run_timeout"] as? NSNumber)?.doubleValue {
            guard t > 0, t <= 3600 else { return .json(422, ["detail": "run_timeout must be in (0, 3600] seconds"]) }
            limits.wallMs = max(1, Int((t * 1000).rounded()))
            limits.cpuMs = limits.wallMs
        }
        if let m = (obj["memory_limit_MB"] as? NSNumber)?.intValue, m > 0 {
            limits.memoryMB = m
        }
        if let files = obj["files"] as? [String: Any], !files.isEmpty {
            return fusionResponse(status: "SandboxError", message: "files are not supported by this executor", run: nil, record: nil)
        }
        let stdin = (obj["stdin"] as? String).map { Array($0.utf8) } ?? []
        let program = Array(code.utf8)
        let runLimits = limits
        let outcome = blockingRun { try await sandbox.run(code: program, stdin: stdin, limits: runLimits) }
        switch outcome {
        case .success(let r):
            return fusionResponse(for: r)
        case .failure(let e as SandboxError):
            switch e {
            case .invalidRequest(let m): return .json(422, ["detail": m])
            case .overloaded: return .json(503, ["status": "SandboxError", "message": e.description])
            default: return fusionResponse(status: "SandboxError", message: e.description, run: nil, record: nil)
            }
        case .failure(let e):
            return fusionResponse(status: "SandboxError", message: "\(e)", run: nil, record: nil)
        }
    }

    static func fusionResponse(for r: RunResult) -> HTTPResponse {
        let runStatus: String
        let status: String
        switch r.status {
        case .ok: (status, runStatus) = ("Success", "Finished")
        case .timeout: (status, runStatus) = ("Failed", "TimeLimitExceeded")
        case .sandboxError: (status, runStatus) = ("SandboxError", "Error")
        case .error, .memory, .outputLimit, .killed: (status, runStatus) = ("Failed", "Finished")
        }
        let returnCode: Any = r.exitCode ?? r.signal.map { -$0 } ?? NSNull()
        let run: [String: Any] = [
            "status": runStatus, "execution_time": r.wallMs / 1000, "return_code": returnCode,
            "stdout": r.stdout, "stderr": r.stderr,
        ]
        let record = (try? JSONSerialization.jsonObject(with: JSONEncoder().encode(r))) ?? [:]
        return fusionResponse(status: status, message: r.sandboxMessage ?? "", run: run, record: record)
    }

    static func fusionResponse(status: String, message: String, run: [String: Any]?, record: Any?) -> HTTPResponse {
        .json(200, [
            "status": status, "message": message, "compile_result": NSNull(),
            "run_result": run ?? NSNull(), "files": [String: String](), "executor_pod_name": NSNull(),
            "r1ci": record ?? NSNull(),
        ])
    }
}

private final class OutcomeBox<T>: @unchecked Sendable { var value: Result<T, Error>? }

/// Bridges an async call onto a plain (non-cooperative) thread.
func blockingRun<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) -> Result<T, Error> {
    let box = OutcomeBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        do { box.value = .success(try await body()) } catch { box.value = .failure(error) }
        done.signal()
    }
    done.wait()
    return box.value!
}
