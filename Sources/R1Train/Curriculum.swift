// Curricula for RL on the task library.
//
// Improvement potential (R1-Code-Interpreter v2, §4): with binary rewards a
// question of pass rate p gives an expected squared group advantage ∝ p(1−p),
// so Π = 4p(1−p) ∈ [0, 1] says how much a question can teach. p is estimated
// from K sampled answers per question; questions (not tasks) are cut into four
// bins by Π — [0.64, 1], [0.48, 0.64), [0.32, 0.48), [0, 0.32) — and stage k
// trains on bins 1…k merged, a fixed number of steps per stage.
//
// Accuracy threshold: each task keeps a rolling window of recent outcomes at
// its current level; once the window is full, accuracy above `raiseAbove`
// moves the task one level up and below `lowerBelow` one level down (the
// window restarts), every change recorded.

/// Π = 4p(1−p) of `correct` out of `samples` answers, as 4·c·(K−c)/K² so that
/// p and 1 − p give the same value exactly (bin edges are compared with ≥).
public func improvementPotential(correct: Int, samples: Int) -> Double {
    guard samples > 0 else { return 0 }
    return Double(4 * correct * (samples - correct)) / Double(samples * samples)
}

/// One question of a task, identified by how the task library regenerates it.
public struct CurriculumQuestion: Sendable, Hashable, Codable {
    public var task: String
    public var seed: UInt64
    public var level: Int
    public init(task: String, seed: UInt64, level: Int) { self.task = task; self.seed = seed; self.level = level }
}

public struct PotentialCurriculum: Sendable, Codable {
    /// Lower edges of bins 1, 2, 3; bin 4 takes the rest.
    public static let binLowerEdges = [0.64, 0.48, 0.32]
    /// bins[k] holds bin k+1's questions, highest potential first (ties in input order).
    public let bins: [[CurriculumQuestion]]
    public let stepsPerStage: Int

    /// potentials[i] is Π of questions[i].
    public init(questions: [CurriculumQuestion], potentials: [Double], stepsPerStage: Int) {
        precondition(questions.count == potentials.count, "one potential per question")
        var bins = [[(CurriculumQuestion, Double, Int)]](repeating: [], count: 4)
        for (i, (q, p)) in zip(questions, potentials).enumerated() {
            let bin = Self.binLowerEdges.firstIndex { p >= $0 } ?? 3
            bins[bin].append((q, p, i))
        }
        self.bins = bins.map { $0.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.2 < $1.2 }.map(\.0) }
        self.stepsPerStage = max(1, stepsPerStage)
    }

    /// 1-based stage of a 0-based step (stage 4 goes on after its steps).
    public func stage(atStep step: Int) -> Int { min(4, step / stepsPerStage + 1) }

    /// The questions trained at `step`: bins 1…stage merged — or, while those are all
    /// empty, bins 1…j up to the first non-empty bin j (so a stage never has nothing to train).
    public func pool(atStep step: Int) -> [CurriculumQuestion] {
        let merged = bins.prefix(stage(atStep: step)).flatMap { $0 }
        guard merged.isEmpty, let first = bins.firstIndex(where: { !$0.isEmpty }) else { return merged }
        return bins[first]
    }
}

public struct LevelChange: Sendable, Equatable, Codable {
    public var step: Int
    public var task: String
    public var from: Int
    public var to: Int
    /// The rolling accuracy that caused the change.
    public var accuracy: Double
}

public struct LevelCurriculum: Sendable, Codable {
    public var window: Int
    public var raiseAbove: Double
    public var lowerBelow: Double
    /// Current level per task.
    public private(set) var levels: [String: Int]
    /// Level count per task (levels run 0..<count).
    public let levelCounts: [String: Int]
    public private(set) var history: [LevelChange] = []
    var recent: [String: [Bool]] = [:]

    public init(levels: [String: Int], levelCounts: [String: Int], window: Int = 20, raiseAbove: Double = 0.7,
                lowerBelow: Double = 0.3) {
        self.levels = levels; self.levelCounts = levelCounts
        self.window = max(1, window); self.raiseAbove = raiseAbove; self.lowerBelow = lowerBelow
    }

    /// Rolling accuracy of `task` at its current level, nil before any outcome.
    public func accuracy(_ task: String) -> Double? {
        guard let r = recent[task], !r.isEmpty else { return nil }
        return Double(r.filter { $0 }.count) / Double(r.count)
    }

    /// Adds outcomes of `task` seen at `step`; may move the task's level.
    public mutating func record(task: String, outcomes: [Bool], step: Int) {
        var r = recent[task, default: []] + outcomes
        if r.count > window { r.removeFirst(r.count - window) }
        recent[task] = r
        guard r.count >= window, let acc = accuracy(task), let level = levels[task] else { return }
        let top = (levelCounts[task] ?? 1) - 1
        var next = level
        if acc > raiseAbove && level < top { next = level + 1 }
        if acc < lowerBelow && level > 0 { next = level - 1 }
        guard next != level else { return }
        levels[task] = next
        recent[task] = []
        history.append(LevelChange(step: step, task: task, from: level, to: next, accuracy: acc))
    }
}
