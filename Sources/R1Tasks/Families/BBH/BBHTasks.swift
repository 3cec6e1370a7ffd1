// The BIG-Bench-Hard style tasks that R1CI generates itself, in catalogue order.
// TaskRegistry.all includes this list.

public enum BBHTasks {
    public static let all: [any ReasoningTask] = [
        BooleanExpressionsTask(),
        BBHDyckLanguagesTask(),
        NavigateTask(),
        WebOfLiesTask(),
        WordSortingTask(),
        TrackingShuffledObjectsTask(objects: 3),
        TrackingShuffledObjectsTask(objects: 5),
        TrackingShuffledObjectsTask(objects: 7),
        ObjectCountingTask(),
        HyperbatonTask(),
        TemporalSequencesTask(),
        DateUnderstandingTask(),
        ColoredObjectsTask(),
        AnimalTableTask(),
        FormalFallaciesTask(),
        GeometricShapesTask(),
    ]
}
