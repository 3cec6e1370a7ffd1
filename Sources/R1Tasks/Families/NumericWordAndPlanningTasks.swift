// Task library II, batch A: Reasoning Gym arithmetic, algebra and probability
// families, templated grade-school word problems, R1CI's own exact algebra
// and probability tasks, and the remaining generatable SymBench tasks.

public enum NumericWordAndPlanningTasks {
    public static let all: [any ReasoningTask] = [
        // Reasoning Gym: arithmetic
        BitwiseArithmeticTask(),
        CalendarArithmeticTask(),
        CountBitsTask(),
        DecimalArithmeticTask(),
        DecimalChainSumTask(),
        NumberFormatTask(),
        PowerFunctionTask(),
        ProductsTask(),
        TimeIntervalsTask(),
        // Reasoning Gym: algebra and probability
        ComplexArithmeticTask(),
        PolynomialEquationsTask(),
        SimpleIntegrationTask(),
        CoinFlipTask(),
        // Grade-school word problems (Reasoning Gym's gsm_symbolic; SymBench's GSM-Hard)
        GSMSymbolicTask(),
        GSMHardTask(),
        // R1CI: exact algebra
        DefiniteIntegralTask(),
        PolynomialDivisionTask(),
        LinearSystemTask(),
        // R1CI: exact probability
        UrnDrawsTask(),
        UrnSequenceTask(),
        BayesTestTask(),
        // SymBench
        PathPlanTask(),
        LogicPuzzleTask(),
        ConstrainedLinearArrangementTask(),
        SynthesisDecompositionTask(),
    ]
}
