// r1ci_run_start, r1ci_runs_list_json, r1ci_run_metrics_json, r1ci_run_stop and
// r1ci_run_resume: what the Training page does with background runs. A run's
// worker is the `r1ci` executable: $R1CI_BINARY, else `r1ci` beside the
// program that loaded this library (the studio and r1ci are built side by side).

import Foundation
import R1Store
import R1Tasks
import R1Train

func runWorkspace(_ ws: OpaquePointer?) -> Workspace? {
    ws.map { Unmanaged<Workspace>.fromOpaque(UnsafeRawPointer($0)).takeUnretainedValue() }
}

/// The r1ci executable that runs workers.
func workerExecutable() throws -> String {
    if let path = ProcessInfo.processInfo.environment["R1CI_BINARY"], !path.isEmpty { return path }
    if let me = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
        let beside = URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent("r1ci").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
    }
    throw TrainError("cannot find the r1ci executable: set R1CI_BINARY")
}

/// Runs `body` on the workspace: TrainError (bad config, wrong state) is an invalid argument.
func runCall(_ ws: OpaquePointer?, _ body: (Workspace) throws -> Int32) -> Int32 {
    guard let workspace = runWorkspace(ws) else { return fail(R1CI_ERR_INVALID_ARGUMENT, "workspace handle is NULL") }
    do { return try body(workspace) }
    catch let error as TrainError { return fail(R1CI_ERR_INVALID_ARGUMENT, error.description) }
    catch let error as StoreError { return fail(error.description.hasPrefix("no run") ? R1CI_ERR_INVALID_ARGUMENT : R1CI_ERR_STORE, error.description) }
    catch { return fail(R1CI_ERR_INTERNAL, "\(error)") }
}

@_cdecl("r1ci_run_start")
public func r1ci_run_start(_ ws: OpaquePointer?, _ configJSON: UnsafePointer<CChar>?, _ outID: UnsafeMutablePointer<Int64>?) -> Int32 {
    guard let outID else { return fail(R1CI_ERR_INVALID_ARGUMENT, "output pointer is NULL") }
    guard let text = takeString(configJSON, "config_json") else { return fail(R1CI_ERR_INVALID_ARGUMENT, "config_json is NULL") }
    return runCall(ws) { workspace in
        guard let obj = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw TrainError("config_json is not a JSON object")
        }
        guard let name = obj["method"] as? String, let method = TrainingMethod.all[name] else {
            throw TrainError("config_json needs \"method\": one of \(TrainingMethod.all.keys.sorted().joined(separator: ", "))")
        }
        var fields = obj
        let runName = fields.removeValue(forKey: "name") as? String
        let config = try method.schema.resolve(file: try method.schema.values(from: fields, origin: "config_json"))
        outID.pointee = try RunLauncher.start(workspace: workspace, config: config, name: runName, executable: try workerExecutable())
        return R1CI_OK
    }
}

@_cdecl("r1ci_runs_list_json")
public func r1ci_runs_list_json(_ ws: OpaquePointer?, _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runCall(ws) { workspace in
        try RunLauncher.reconcile(workspace)
        return giveString(try encodeJSON(try workspace.runDetails()), to: out)
    }
}

@_cdecl("r1ci_run_metrics_json")
public func r1ci_run_metrics_json(_ ws: OpaquePointer?, _ run: Int64, _ afterStep: Int64,
                                  _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runCall(ws) { workspace in
        _ = try workspace.runDetail(run)
        return giveString(try encodeJSON(try workspace.runMetrics(run, afterStep: afterStep)), to: out)
    }
}

@_cdecl("r1ci_run_stop")
public func r1ci_run_stop(_ ws: OpaquePointer?, _ run: Int64) -> Int32 {
    runCall(ws) { try RunLauncher.stop(workspace: $0, id: run); return R1CI_OK }
}

@_cdecl("r1ci_run_resume")
public func r1ci_run_resume(_ ws: OpaquePointer?, _ run: Int64) -> Int32 {
    runCall(ws) { try RunLauncher.resume(workspace: $0, id: run, executable: try workerExecutable()); return R1CI_OK }
}
