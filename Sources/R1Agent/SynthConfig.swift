// What a synthesis run does, stored with its set so the set says how it was
// made: where traces come from (the tasks' oracle programs, or a teacher model
// with rejection sampling), which items, and the shares of each trace variant.
// Item i of a task is its item at seed `seed + i` (inside the training seed
// range) and, unless a level is fixed, at level i mod the task's level count.

import Foundation
import R1Tasks

public enum SynthSource: String, Sendable, Codable, CaseIterable {
    /// The task's oracle program, run through the loop by a scripted teacher.
    case oracle
    /// A model (embedded, a file or a remote endpoint), kept when the verifier accepts.
    case teacher
}

/// How a kept trace was made; exported with it so a set can be filtered or weighted.
public enum SynthVariant: String, Sendable, Codable, CaseIterable {
    /// Oracle: reasoning, the solving program, its result, the answer.
    case code
    /// Oracle: as `code`, plus a second program that checks the answer before it is given.
    case check
    /// Oracle: an easy item answered in text alone (the gold answer is known; no code ran).
    case text
    /// A teacher model's own trace that the verifier accepted.
    case teacher
}

public struct SynthConfig: Sendable, Codable, Equatable {
    public var source: SynthSource
    /// Teacher only: the model as named and what it resolved to (a path, or the remote spec).
    public var model: String?
    public var modelPath: String?
    public var tasks: [String]
    /// Items per task.
    public var count: Int
    /// First item seed; item i uses seed + i.
    public var seed: UInt64
    /// A level (index or name) for every item; nil cycles through each task's levels.
    public var level: String?
    /// Teacher: samples per item (K) and their temperature.
    public var samples: Int = 4
    public var temperature: Float = 0.7
    /// Kept traces per task, at most.
    public var cap: Int = 70
    /// Teacher: the prompt style; oracle traces use `code`, or `text` for text-only ones.
    public var style: PromptStyle = .free
    /// Oracle: share of items whose trace checks its answer with a second program.
    public var checkShare: Double = 0.25
    /// Oracle: share of easy items (short gold answer) answered in text alone.
    public var textShare: Double = 0.15
    public var limits: AgentLimits = AgentLimits()

    public init(source: SynthSource, tasks: [String], count: Int, seed: UInt64) {
        self.source = source; self.tasks = tasks; self.count = count; self.seed = seed
    }

    enum CodingKeys: String, CodingKey {
        case source, model, tasks, count, seed, level, samples, temperature, cap, style, limits
        case modelPath = "model_path", checkShare = "check_share", textShare = "text_share"
    }

    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }

    public static func decode(_ json: String) throws -> SynthConfig {
        do { return try JSONDecoder().decode(SynthConfig.self, from: Data(json.utf8)) }
        catch { throw AgentError("stored synthesis settings are unreadable: \(error)") }
    }

    /// Checks what can be checked before any work: tasks exist, levels resolve, seeds stay in the training range.
    public func validate() throws {
        guard count >= 1 else { throw AgentError("the item count must be ≥ 1") }
        guard cap >= 1 else { throw AgentError("the per-task cap must be ≥ 1") }
        guard samples >= 1 else { throw AgentError("the samples per item must be ≥ 1") }
        guard (0...1).contains(checkShare), (0...1).contains(textShare) else { throw AgentError("shares must be in [0, 1]") }
        guard seed < Splits.defaultTrainSeedRange.upperBound,
              UInt64(count) <= Splits.defaultTrainSeedRange.upperBound - seed else {
            throw AgentError("items \(seed)…\(seed &+ UInt64(count) &- 1) leave the training seed range "
                             + "\(Splits.defaultTrainSeedRange.lowerBound)..<\(Splits.defaultTrainSeedRange.upperBound)")
        }
        for id in tasks { _ = try TaskRegistry.task(id).level(named: level) }
    }

    /// Item `i` of `task`.
    public func item(_ task: any ReasoningTask, _ i: Int) throws -> TaskItem {
        let levels = task.info.levels.count
        let level = self.level == nil ? i % levels : try task.level(named: self.level)
        return try task.item(seed: seed + UInt64(i), level: level)
    }

    /// A generator for the choices made about one item (variant, phrasing), fixed by the set's seed and the item.
    func random(for item: TaskItem) -> SplitMix64 {
        let h = fnv1a64("synth|\(seed)|\(item.task)|\(item.seed)|\(item.index)|\(item.level)")
        return SplitMix64(state: h)
    }
}
