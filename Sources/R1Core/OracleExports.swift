// r1ci_task_run_oracle_json and the shared sandbox's start and stop: run an
// item's oracle program in the sandbox and score what it printed.

import Foundation
import R1Sandbox
import R1Tasks

/// Limits of one oracle run: oracles are short programs; these leave room for a busy machine.
let oracleLimits = SandboxLimits(wallMs: 30_000, memoryMB: 1024)

/// One oracle run: which item, how the program ran, and the verdict on its output.
struct OracleRun: Encodable {
    let task: String
    let seed: UInt64
    let level: Int
    let levelName: String
    let index: UInt64
    let gold: String
    /// The answer read from stdout, as the verifier saw it (same as verdict.answer).
    let answer: String
    let run: RunResult
    let verdict: CheckResult

    enum CodingKeys: String, CodingKey {
        case task, seed, level, index, gold, answer, run, verdict
        case levelName = "level_name"
    }
}

@_cdecl("r1ci_task_run_oracle_json")
public func r1ci_task_run_oracle_json(_ taskID: UnsafePointer<CChar>?, _ seed: UInt64, _ level: Int32, _ index: UInt64,
                                      _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    guard let out else { return fail(R1CI_ERR_INVALID_ARGUMENT, "output pointer is NULL") }
    out.pointee = nil
    let task: any ReasoningTask, item: TaskItem
    do {
        let (found, levelIndex) = try resolveTask(taskID, level)
        task = found
        item = try found.item(seed: seed, level: levelIndex, index: index)
    } catch let error as TaskError {
        return fail(R1CI_ERR_INVALID_ARGUMENT, "\(error)")
    } catch {
        return fail(R1CI_ERR_INTERNAL, "\(error)")
    }

    let program = task.oracle(metadata: item.metadata)
    let result: Result<RunResult, any Error>
    do {
        let sandbox = try SharedSandbox.shared.get()
        result = blockOn {
            do { return .success(try await sandbox.run(program, limits: oracleLimits)) } catch { return .failure(error) }
        }
    } catch {
        return fail(R1CI_ERR_SANDBOX, "the sandbox cannot start: \(error)")
    }
    let run: RunResult
    switch result {
    case .success(let r): run = r
    case .failure(let error): return fail(R1CI_ERR_SANDBOX, "the oracle could not run: \(error)")
    }

    let verdict = CheckResult(task: task, typed: run.stdout, metadata: item.metadata)
    let report = OracleRun(task: item.task, seed: item.seed, level: item.level, levelName: item.levelName,
                           index: item.index, gold: item.gold, answer: verdict.answer, run: run, verdict: verdict)
    do {
        return giveString(try encodeJSON(report), to: out)
    } catch {
        return fail(R1CI_ERR_INTERNAL, "\(error)")
    }
}

@_cdecl("r1ci_sandbox_start")
public func r1ci_sandbox_start() -> Int32 {
    do {
        _ = try SharedSandbox.shared.get()
        return R1CI_OK
    } catch {
        return fail(R1CI_ERR_SANDBOX, "the sandbox cannot start: \(error)")
    }
}

@_cdecl("r1ci_sandbox_stop")
public func r1ci_sandbox_stop() {
    SharedSandbox.shared.stop()
}
