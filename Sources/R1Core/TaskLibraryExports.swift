// r1ci_task_import, r1ci_mixture_*: the task library's workspace side for the
// studio — importing fixed datasets and editing, storing and sampling mixtures.
// Opening a workspace (r1ci_workspace_open) registers its imported tasks, so
// r1ci_tasks_list_json and r1ci_task_generate_json see them like any task.

import Foundation
import R1Store
import R1Tasks

func workspace(_ ws: OpaquePointer?) -> Workspace? {
    ws.map { Unmanaged<Workspace>.fromOpaque(UnsafeRawPointer($0)).takeUnretainedValue() }
}

/// Registers a workspace's imported tasks in this process.
func registerImportedTasks(_ ws: Workspace) throws {
    try ImportedTasks.load(definitions: try ws.importedTasks().map(\.taskJSON))
}

/// Maps library errors to the ABI's status codes.
func failFromError(_ error: Error) -> Int32 {
    switch error {
    case is ImportError, is MixtureError, is TaskError, is SplitError:
        return fail(R1CI_ERR_INVALID_ARGUMENT, "\(error)")
    case is StoreError:
        return fail(R1CI_ERR_STORE, "\(error)")
    default:
        return fail(R1CI_ERR_INTERNAL, "\(error)")
    }
}

@_cdecl("r1ci_task_import")
public func r1ci_task_import(_ ws: OpaquePointer?, _ kind: UnsafePointer<CChar>?, _ path: UnsafePointer<CChar>?,
                             _ name: UnsafePointer<CChar>?,
                             _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    guard let store = workspace(ws) else { return fail(R1CI_ERR_INVALID_ARGUMENT, "workspace handle is NULL") }
    guard let kindText = takeString(kind, "kind"), let importKind = ImportKind(rawValue: kindText) else {
        return fail(R1CI_ERR_INVALID_ARGUMENT, "import kind must be bbh, symbench, rg or jsonl")
    }
    guard let path = takeString(path, "path") else { return fail(R1CI_ERR_INVALID_ARGUMENT, "path is NULL") }
    do {
        let definition = try Importer.read(kind: importKind, path: path, name: takeString(name, "name"))
        try store.saveImportedTask(id: definition.id, kind: importKind.rawValue, sourcePath: definition.sourcePath,
                                   itemCount: definition.items.count, taskJSON: try definition.json())
        ImportedTasks.register([ImportedTask(definition)])
        return giveString(try encodeJSON(ImportSummary(definition)), to: out)
    } catch {
        return failFromError(error)
    }
}

@_cdecl("r1ci_mixture_save_json")
public func r1ci_mixture_save_json(_ ws: OpaquePointer?, _ json: UnsafePointer<CChar>?) -> Int32 {
    guard let store = workspace(ws) else { return fail(R1CI_ERR_INVALID_ARGUMENT, "workspace handle is NULL") }
    guard let json = takeString(json, "json") else { return fail(R1CI_ERR_INVALID_ARGUMENT, "mixture JSON is NULL") }
    do {
        let definition = try MixtureDefinition.decode(json, origin: "mixture")
        try definition.validate()
        try store.saveMixture(name: definition.name, json: try definition.json())
        return R1CI_OK
    } catch {
        return failFromError(error)
    }
}

@_cdecl("r1ci_mixtures_list_json")
public func r1ci_mixtures_list_json(_ ws: OpaquePointer?, _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    guard let store = workspace(ws) else { return fail(R1CI_ERR_INVALID_ARGUMENT, "workspace handle is NULL") }
    do {
        let definitions = try store.mixtures().map { try MixtureDefinition.decode($0.json, origin: "mixture \($0.name)") }
        return giveString(try encodeJSON(definitions), to: out)
    } catch {
        return failFromError(error)
    }
}

@_cdecl("r1ci_mixture_sample_json")
public func r1ci_mixture_sample_json(_ ws: OpaquePointer?, _ name: UnsafePointer<CChar>?, _ start: UInt64, _ count: UInt32,
                                     _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    guard let store = workspace(ws) else { return fail(R1CI_ERR_INVALID_ARGUMENT, "workspace handle is NULL") }
    guard let name = takeString(name, "name") else { return fail(R1CI_ERR_INVALID_ARGUMENT, "mixture name is NULL") }
    guard (1...10_000).contains(count) else { return fail(R1CI_ERR_INVALID_ARGUMENT, "count must be 1…10000") }
    do {
        guard let json = try store.mixture(name: name) else {
            return fail(R1CI_ERR_INVALID_ARGUMENT, "no mixture '\(name)' in the workspace")
        }
        let definition = try MixtureDefinition.decode(json, origin: "mixture \(name)")
        let curriculum = MixtureCurriculum(definition)
        for change in try store.difficultyChanges(mixture: name) {
            try curriculum.setLevel(change.newLevel, for: change.task, step: change.step, reason: change.reason)
        }
        let items = try MixtureStream(definition, curriculum: curriculum).items(from: start, count: Int(count))
        return giveString(try encodeJSON(items), to: out)
    } catch {
        return failFromError(error)
    }
}
