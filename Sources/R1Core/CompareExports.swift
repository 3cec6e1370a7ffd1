// r1ci_evaluations_list_json, r1ci_comparison_json, r1ci_comparison_questions_json
// and r1ci_trace_json: what the Compare page reads — stored evaluations, the
// comparison of two (the very text `r1ci compare --json` prints), its questions
// by bucket, task and correctness, and a stored trace laid out for reading.

import Foundation
import R1Agent
import R1Store
import R1Tasks

private func openWorkspace(_ ws: OpaquePointer?) -> Workspace? {
    ws.map { Unmanaged<Workspace>.fromOpaque(UnsafeRawPointer($0)).takeUnretainedValue() }
}

/// Runs `body` against the workspace and hands its text to C: the caller's
/// mistakes (AgentError: a missing evaluation, a bad filter) are invalid
/// arguments, the store's failures store errors.
private func answer(_ ws: OpaquePointer?, _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                    _ body: (Workspace) throws -> String) -> Int32 {
    guard let out else { return fail(R1CI_ERR_INVALID_ARGUMENT, "output pointer is NULL") }
    out.pointee = nil
    guard let workspace = openWorkspace(ws) else { return fail(R1CI_ERR_INVALID_ARGUMENT, "workspace handle is NULL") }
    do {
        return giveString(try body(workspace), to: out)
    } catch let error as AgentError {
        return fail(R1CI_ERR_INVALID_ARGUMENT, error.description)
    } catch let error as StoreError {
        return fail(R1CI_ERR_STORE, "\(error)")
    } catch {
        return fail(R1CI_ERR_INTERNAL, "\(error)")
    }
}

@_cdecl("r1ci_evaluations_list_json")
public func r1ci_evaluations_list_json(_ ws: OpaquePointer?,
                                       _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    answer(ws, out) { try encodeJSON($0.evaluationListings()) }
}

@_cdecl("r1ci_comparison_json")
public func r1ci_comparison_json(_ ws: OpaquePointer?, _ a: Int64, _ b: Int64,
                                 _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    answer(ws, out) { try $0.comparison(a, b).json() }
}

@_cdecl("r1ci_comparison_questions_json")
public func r1ci_comparison_questions_json(_ ws: OpaquePointer?, _ a: Int64, _ b: Int64,
                                           _ filterJSON: UnsafePointer<CChar>?,
                                           _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    answer(ws, out) { workspace in
        let filter = try filterJSON.map { try ComparisonFilter(json: String(cString: $0)) } ?? ComparisonFilter()
        return try encodeJSON(try workspace.comparedQuestions(a, b, filter: filter))
    }
}

@_cdecl("r1ci_trace_json")
public func r1ci_trace_json(_ ws: OpaquePointer?, _ traceID: Int64,
                            _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    answer(ws, out) { workspace in
        guard let view = try workspace.traceView(id: traceID) else {
            throw AgentError("no trace \(traceID) in the workspace")
        }
        return try encodeJSON(view)
    }
}
