// The SymBench families R1CI generates itself, in catalogue order.

public enum SymBenchTasks {
    public static let all: [any ReasoningTask] = [
        NumberMultiplyTask(),
        LettersTask(),
        EightQueensTask(),
        LightPuzzlesTask(),
        PoolingTask(),
        MatrixTransformationTask(),
        PatternRecognitionTask(),
        StringDeletionModificationTask(),
        StringSplittingTask(),
        StringSynthesisTask(),
        CombinatorialCalculationTask(),
        LogicalEquationTask(),
        NewOperatorTask(),
        StatisticalCountingTask(),
        PermutationsCombinationsTask(),
        Game2048Task(),
        ReversiTask(),
        CryptanalysisTask(),
        LetterLogicDiagramTask(),
        BoxLiftTask(),
        MahjongTask(),
        BoxNetTask(),
    ]
}
