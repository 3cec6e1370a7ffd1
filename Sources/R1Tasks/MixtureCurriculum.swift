// Per-task difficulty that changes while a mixture is being read (by a trainer
// on another thread). A level set for a task replaces the levels of that task's
// entries from the next item drawn on. Every change is kept in `history`, and an
// optional `onChange` hook lets the caller store it (the CLI writes it to the
// workspace's difficulty_changes table).
//
// `observe(task:score:step:)` is an optional adaptive rule after Reasoning Gym's
// trainer: over the last `window` scores of a task, a mean above `raiseAbove`
// moves it one level up, below `lowerBelow` one level down; the window restarts
// after each move.

import Foundation

public struct DifficultyChange: Sendable, Codable, Equatable {
    public let task: String
    public let oldLevel: Int
    public let newLevel: Int
    public let step: Int64?
    public let reason: String

    enum CodingKeys: String, CodingKey {
        case task, step, reason
        case oldLevel = "old_level", newLevel = "new_level"
    }
}

public final class MixtureCurriculum: @unchecked Sendable {
    public var window = 32
    public var raiseAbove = 0.7
    public var lowerBelow = 0.3

    private let lock = NSLock()
    private var levels: [String: Int] = [:]
    private var levelCounts: [String: Int] = [:]
    private var recent: [String: [Double]] = [:]
    private var changes: [DifficultyChange] = []
    private let onChange: (@Sendable (DifficultyChange) -> Void)?

    /// Starts every task at its first entry's level.
    public init(_ definition: MixtureDefinition, onChange: (@Sendable (DifficultyChange) -> Void)? = nil) {
        for e in definition.entries where levels[e.task] == nil {
            levels[e.task] = e.level
            levelCounts[e.task] = (try? TaskRegistry.task(e.task).info.levels.count) ?? 1
        }
        self.onChange = onChange
    }

    /// The task's current level, nil for a task not in the mixture.
    public func level(of task: String) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        return levels[task]
    }

    /// Sets a task's level and records the change (a no-op when it is already there).
    public func setLevel(_ level: Int, for task: String, step: Int64? = nil, reason: String = "set") throws {
        lock.lock()
        guard let old = levels[task], let count = levelCounts[task] else {
            lock.unlock()
            throw MixtureError("task \(task) is not in the mixture")
        }
        guard (0..<count).contains(level) else {
            lock.unlock()
            throw MixtureError("level \(level) is out of range for \(task) (0…\(count - 1))")
        }
        guard old != level else { lock.unlock(); return }
        levels[task] = level
        recent[task] = []
        let change = DifficultyChange(task: task, oldLevel: old, newLevel: level, step: step, reason: reason)
        changes.append(change)
        lock.unlock()
        onChange?(change)
    }

    /// Feeds one score of a task; may move its level (see the file comment).
    public func observe(task: String, score: Double, step: Int64? = nil) {
        lock.lock()
        guard let level = levels[task], let count = levelCounts[task] else { lock.unlock(); return }
        var scores = recent[task, default: []]
        scores.append(score)
        if scores.count > window { scores.removeFirst(scores.count - window) }
        recent[task] = scores
        let mean = scores.reduce(0, +) / Double(scores.count)
        lock.unlock()
        guard scores.count == window else { return }
        if mean > raiseAbove, level + 1 < count {
            _ = try? setLevel(level + 1, for: task, step: step, reason: String(format: "mean score %.2f > %.2f", mean, raiseAbove))
        } else if mean < lowerBelow, level > 0 {
            _ = try? setLevel(level - 1, for: task, step: step, reason: String(format: "mean score %.2f < %.2f", mean, lowerBelow))
        }
    }

    /// Every change so far, oldest first.
    public var history: [DifficultyChange] {
        lock.lock()
        defer { lock.unlock() }
        return changes
    }

    /// The current level of every task in the mixture.
    public var currentLevels: [String: Int] {
        lock.lock()
        defer { lock.unlock() }
        return levels
    }
}
