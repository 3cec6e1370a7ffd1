// r1ci_task*: the catalogue, item generation and answer checking.

import Foundation
import R1Tasks

@_cdecl("r1ci_tasks_list_json")
public func r1ci_tasks_list_json(_ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    do {
        return giveString(try encodeJSON(TaskRegistry.allWithImported.map { TaskSummary($0) }), to: out)
    } catch {
        return fail(R1CI_ERR_INTERNAL, "\(error)")
    }
}

/// Resolves the task and level shared by generate, check and the oracle run.
func resolveTask(_ taskID: UnsafePointer<CChar>?, _ level: Int32) throws -> (any ReasoningTask, Int) {
    guard let taskID else { throw TaskError.unknownTask("(NULL)") }
    let task = try TaskRegistry.task(String(cString: taskID))
    let index = level < 0 ? task.info.defaultLevel : Int(level)
    guard task.info.levels.indices.contains(index) else {
        throw TaskError.levelOutOfRange(task: task.info.id, level: String(level), count: task.info.levels.count)
    }
    return (task, index)
}

@_cdecl("r1ci_task_generate_json")
public func r1ci_task_generate_json(_ taskID: UnsafePointer<CChar>?, _ seed: UInt64, _ level: Int32, _ index: UInt64,
                                    _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    do {
        let (task, levelIndex) = try resolveTask(taskID, level)
        let item = try task.item(seed: seed, level: levelIndex, index: index)
        return giveString(try encodeJSON(ItemWithOracle(item: item, oracle: task.oracle(metadata: item.metadata))), to: out)
    } catch let error as TaskError {
        return fail(R1CI_ERR_INVALID_ARGUMENT, "\(error)")
    } catch {
        return fail(R1CI_ERR_INTERNAL, "\(error)")
    }
}

@_cdecl("r1ci_task_check_json")
public func r1ci_task_check_json(_ taskID: UnsafePointer<CChar>?, _ seed: UInt64, _ level: Int32, _ index: UInt64,
                                 _ answer: UnsafePointer<CChar>?,
                                 _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    guard let answer else { return fail(R1CI_ERR_INVALID_ARGUMENT, "answer is NULL") }
    do {
        let (task, levelIndex) = try resolveTask(taskID, level)
        let item = try task.item(seed: seed, level: levelIndex, index: index)
        let typed = String(cString: answer)
        return giveString(try encodeJSON(CheckResult(task: task, typed: typed, metadata: item.metadata)), to: out)
    } catch let error as TaskError {
        return fail(R1CI_ERR_INVALID_ARGUMENT, "\(error)")
    } catch {
        return fail(R1CI_ERR_INTERNAL, "\(error)")
    }
}
