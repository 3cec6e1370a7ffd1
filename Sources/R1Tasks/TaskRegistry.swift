// Every task R1CI knows, by id. New task families register here.

public enum TaskRegistry {
    /// All tasks, in catalogue order.
    public static let all: [any ReasoningTask] = [
        Game24Task(),
        MultistepArithmeticTask(),
        SudokuTask(),
        BlocksworldTask(),
        LogicalDeductionTask(),
        StringInsertionTask(),
    ] + BBHTasks.all + SymBenchTasks.all + ReasoningGymTasksA.all + ReasoningGymTasksB.all
        + ReasoningGymTasksC.all
        + NumericWordAndPlanningTasks.all
        + ReasoningGymTasksAlgorithmic.all

    private static let byID: [String: any ReasoningTask] = {
        var map: [String: any ReasoningTask] = [:]
        for task in all {
            precondition(map[task.info.id] == nil, "duplicate task id \(task.info.id)")
            map[task.info.id] = task
        }
        return map
    }()

    public static func task(_ id: String) throws -> any ReasoningTask {
        guard let task = byID[id] ?? ImportedTasks.task(id) else { throw TaskError.unknownTask(id) }
        return task
    }

    public static var categories: [String] {
        Array(Set(all.map(\.info.category))).sorted()
    }
}
