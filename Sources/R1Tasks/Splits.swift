// The default train/test split of task families, in the paper's proportion
// (about three quarters train). `r1ci tasks split --write` writes this table to
// data/splits/default.json, and a test keeps the two the same.

public enum Split: String, Sendable, Codable, CaseIterable {
    case train, test
}

public enum Splits {
    /// Test tasks of the default split; every other registered task trains. About a
    /// quarter of the families, drawn so that every source and most categories appear
    /// on both sides. SymBench's test tasks follow CodeSteer's "unseen" set where R1CI
    /// has them (letters, eight queens, cryptanalysis, string splitting, combinatorial
    /// calculation, 2048).
    public static let defaultTest: Set<String> = [
        // SymBench
        "blocksworld", "letters", "eight_queens", "cryptanalysis", "string_splitting",
        "combinatorial_calculation", "game2048",
        // BIG-Bench-Hard
        "logical_deduction", "tracking_shuffled_objects_7", "date_understanding", "word_sorting",
        "geometric_shapes",
        // Reasoning Gym
        "lcm", "base_conversion", "polynomial_multiplication", "dice", "shortest_path", "knights_knaves",
        "maze", "game_of_life", "count_primes",
    ]

    public static func defaultSplit(of taskID: String) -> Split {
        defaultTest.contains(taskID) ? .test : .train
    }
}

extension Splits {
    /// Seeds used for training items by default: 0..<1_000_000.
    public static let defaultTrainSeedRange: Range<UInt64> = 0..<1_000_000
    /// Evaluation item i uses seed `defaultEvalSeedBase + i` (10^9 + i), far outside
    /// the training range; `r1ci tasks leakage` checks the two never share a question.
    public static let defaultEvalSeedBase: UInt64 = 1_000_000_000

    /// Question text normalised for leakage checks: lowercased, whitespace collapsed.
    public static func normalisedQuestionHash(_ question: String) -> UInt64 {
        let words = question.lowercased().split(whereSeparator: { $0.isWhitespace })
        return fnv1a64(words.joined(separator: " "))
    }
}
