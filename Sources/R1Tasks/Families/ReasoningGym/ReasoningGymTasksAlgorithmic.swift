// Reasoning Gym algorithmic, arc, code and induction families added in task
// library II (plus a few algorithmic tasks of R1CI's own), written fresh.
// TaskRegistry.all includes this list.

public enum ReasoningGymTasksAlgorithmic {
    public static let all: [any ReasoningTask] = [
        // algorithmic
        SpellBackwardTask(),
        WordSequenceReversalTask(),
        LetterCountingTask(),
        RansomNoteTask(),
        BinaryAlternationTask(),
        NumberFilteringTask(),
        PalindromePartitioningTask(),
        LetterJumbleTask(),
        ABRewritingTask(),
        CryptarithmTask(),
        GraphColorTask(),
        JugsTask(),
        ManipulateMatrixTask(),
        EditDistanceTask(),
        LongestIncreasingSubsequenceTask(),
        MergeIntervalsTask(),
        KnapsackTask(),
        CoinChangeTask(),
        RunLengthEncodingTask(),
        WordLadderTask(),
        // arc
        ArcGridTask(),
        // code
        CodeOutputTask(),
        CodeInputTask(),
        // induction
        ListFunctionsTask(),
        BlicketDetectorTask(),
        StringFunctionsTask(),
    ]
}
