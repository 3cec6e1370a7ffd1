// The default train/test split of task families, in the paper's proportion
// (about three quarters train). `r1ci tasks split --write` writes this table to
// data/splits/default.json, and a test keeps the two the same.

public enum Split: String, Sendable, Codable, CaseIterable {
    case train, test
}

public enum Splits {
    /// Test tasks of the default split; every other registered task trains.
    public static let defaultTest: Set<String> = [
        "blocksworld",
    ]

    public static func defaultSplit(of taskID: String) -> Split {
        defaultTest.contains(taskID) ? .test : .train
    }
}
