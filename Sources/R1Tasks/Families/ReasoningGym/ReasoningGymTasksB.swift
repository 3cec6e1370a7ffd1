// Reasoning Gym tasks written fresh for R1CI (set B), grouped by Reasoning
// Gym category. TaskRegistry.all includes this list.

public enum ReasoningGymTasksB {
    public static let all: [any ReasoningTask] = [
        // algorithmic
        SpiralMatrixTask(),
        RotateMatrixTask(),
        BinaryMatrixTask(),
        CaesarCipherTask(),
        IsomorphicStringsTask(),
        PalindromeGenerationTask(),
        GroupAnagramsTask(),
        GameOfLifeTask(),
        GameOfLifeHaltingTask(),
        RottenOrangesTask(),
        CountPrimesTask(),
        NumberSortingTask(),
        // graphs
        LargestIslandTask(),
        CourseScheduleTask(),
        ShortestPathTask(),
        // games
        MazeTask(),
        MiniSudokuTask(),
        // cognition
        ColorCubeRotationTask(),
        // logic
        KnightsKnavesTask(),
        ZebraPuzzlesTask(),
        // arc
        Arc1DTask(),
    ]
}
