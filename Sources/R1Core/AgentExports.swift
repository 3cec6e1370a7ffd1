// r1ci_agent_run_json and its stop handle, and r1ci_models_list_json: what the
// Playground page calls. The run itself is AgentRun, which `r1ci run` calls too.

import Foundation

/// The C callback: (event_json, user_data) → nonzero to stop the run.
public typealias EventCallback = @convention(c) (UnsafePointer<CChar>?, UnsafeMutableRawPointer?) -> Int32

private func stopFlag(_ handle: OpaquePointer?) -> StopFlag? {
    handle.map { Unmanaged<StopFlag>.fromOpaque(UnsafeRawPointer($0)).takeUnretainedValue() }
}

@_cdecl("r1ci_stop_new")
public func r1ci_stop_new(_ out: UnsafeMutablePointer<OpaquePointer?>?) -> Int32 {
    guard let out else { return fail(R1CI_ERR_INVALID_ARGUMENT, "output pointer is NULL") }
    out.pointee = OpaquePointer(Unmanaged.passRetained(StopFlag()).toOpaque())
    return R1CI_OK
}

@_cdecl("r1ci_stop_raise")
public func r1ci_stop_raise(_ stop: OpaquePointer?) {
    stopFlag(stop)?.raise()
}

@_cdecl("r1ci_stop_free")
public func r1ci_stop_free(_ stop: OpaquePointer?) {
    guard let stop else { return }
    Unmanaged<StopFlag>.fromOpaque(UnsafeRawPointer(stop)).release()
}

@_cdecl("r1ci_agent_run_json")
public func r1ci_agent_run_json(_ requestJSON: UnsafePointer<CChar>?, _ stop: OpaquePointer?,
                                _ onEvent: EventCallback?, _ userData: UnsafeMutableRawPointer?,
                                _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    guard let out else { return fail(R1CI_ERR_INVALID_ARGUMENT, "output pointer is NULL") }
    out.pointee = nil
    guard let requestJSON else { return fail(R1CI_ERR_INVALID_ARGUMENT, "request is NULL") }
    let forward: ((String) -> Bool)? = onEvent.map { callback in
        { event in event.withCString { callback($0, userData) } == 0 }
    }
    do {
        return giveString(try AgentRun.run(requestJSON: String(cString: requestJSON), stop: stopFlag(stop), onEvent: forward),
                          to: out)
    } catch let error as AgentRunError {
        return fail(error.status, error.description)
    } catch {
        return fail(R1CI_ERR_INTERNAL, "\(error)")
    }
}

@_cdecl("r1ci_models_list_json")
public func r1ci_models_list_json(_ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    giveString(EventReporter.json(ModelListing.object()), to: out)
}
