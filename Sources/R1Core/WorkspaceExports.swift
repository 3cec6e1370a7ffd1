// r1ci_workspace_*: opening, describing and closing a workspace.

import Foundation
import R1Store
import R1Tasks

@_cdecl("r1ci_workspace_open")
public func r1ci_workspace_open(_ path: UnsafePointer<CChar>?,
                                _ out: UnsafeMutablePointer<OpaquePointer?>?) -> Int32 {
    guard let out else { return fail(R1CI_ERR_INVALID_ARGUMENT, "output pointer is NULL") }
    let directory = path.map { URL(fileURLWithPath: String(cString: $0)) } ?? Workspace.defaultDirectory()
    do {
        let ws = try Workspace(directory: directory)
        try registerImportedTasks(ws)   // TaskLibraryExports.swift
        out.pointee = OpaquePointer(Unmanaged.passRetained(ws).toOpaque())
        return R1CI_OK
    } catch {
        return fail(R1CI_ERR_STORE, "\(error)")
    }
}

@_cdecl("r1ci_workspace_close")
public func r1ci_workspace_close(_ ws: OpaquePointer?) {
    guard let ws else { return }
    Unmanaged<Workspace>.fromOpaque(UnsafeRawPointer(ws)).release()
}

@_cdecl("r1ci_workspace_info_json")
public func r1ci_workspace_info_json(_ ws: OpaquePointer?,
                                     _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    guard let ws else { return fail(R1CI_ERR_INVALID_ARGUMENT, "workspace handle is NULL") }
    let workspace = Unmanaged<Workspace>.fromOpaque(UnsafeRawPointer(ws)).takeUnretainedValue()
    do {
        let info = WorkspaceInfo(directory: workspace.directory.path, database: workspace.databaseURL.path,
                                 schemaVersion: workspace.schemaVersion, runs: try workspace.runs().count)
        return giveString(try encodeJSON(info), to: out)
    } catch {
        return fail(R1CI_ERR_STORE, "\(error)")
    }
}
