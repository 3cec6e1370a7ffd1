// The default train/test split of task families, in the paper's proportion
// (about three quarters train). `r1ci tasks split --write` writes this table to
// data/splits/default.json, and a test keeps the two the same.

public enum Split: String, Sendable, Codable, CaseIterable {
    case train, test
}

public enum Splits {
    /// Test tasks of the default split; every other registered task trains.
    /// Two of the eight registered tasks, a quarter: keep about that share here
    /// as families are added.
    public static let defaultTest: Set<String> = [
        "blocksworld",
        "logical_deduction",
    ]

    public static func defaultSplit(of taskID: String) -> Split {
        defaultTest.contains(taskID) ? .test : .train
    }
}
