// Reasoning Gym tasks written fresh for R1CI (set C: cognition, games,
// geometry, graphs, logic), grouped by Reasoning Gym category.
// TaskRegistry.all includes this list.

public enum ReasoningGymTasksC {
    public static let all: [any ReasoningTask] = [
        // logic
        AliceInWonderlandTask(),
        SyllogismTask(),
        SelfReferenceTask(),
        CircuitLogicTask(),
        PropositionalLogicTask(),
        // graphs
        FamilyRelationshipsTask(),
        QuantumLockTask(),
        PathStarTask(),
        TopologicalSortTask(),
        CycleDetectionTask(),
        ConnectedComponentsTask(),
        MinimumSpanningTreeTask(),
        // games
        NQueensTask(),
        TowerOfHanoiTask(),
        KakurasuTask(),
        CountdownTask(),
        SurvoTask(),
        FutoshikiTask(),
        SlidingPuzzleTask(),
        EmojiMysteryTask(),
        SokobanTask(),
        KnightSwapTask(),
        // cognition
        NeedleHaystackTask(),
        RectangleCountTask(),
        ModuloGridTask(),
        // geometry
        AdvancedGeometryTask(),
    ]
}
