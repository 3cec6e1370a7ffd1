// Reasoning Gym style task families (first batch), written from scratch with
// R1CI's own generators, wording and verifiers.

public enum ReasoningGymTasksA {
    public static let all: [any ReasoningTask] = [
        BasicArithmeticTask(),
        ChainSumTask(),
        GCDTask(),
        LCMTask(),
        PrimeFactorizationTask(),
        FractionSimplificationTask(),
        BaseConversionTask(),
        LegCountingTask(),
        DiceTask(),
        SimpleEquationsTask(),
        PolynomialMultiplicationTask(),
        SimpleGeometryTask(),
        BFTask(),
        NumberSequenceTask(),
    ]
}
