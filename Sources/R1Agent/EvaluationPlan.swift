// What an evaluation runs: its settings (stored with it, so a resumed run uses
// the same ones) and the fixed list of (question, sample) items they produce.
// Question i of a task is the task's item at seed 10^9 + i (the evaluation seed
// range, disjoint from training seeds); sample k gets its own sampling seed.

import Foundation
import R1Engine
import R1Store
import R1Tasks

public struct EvaluationConfig: Sendable, Codable, Equatable {
    /// The model as the user named it, and the file it resolved to.
    public var model: String
    public var modelPath: String
    public var split: String?
    /// Task ids, in the order they run.
    public var tasks: [String]
    /// Questions per task.
    public var count: Int
    /// Samples per question (mean@K, maj@K).
    public var samples: Int
    public var temperature: Float
    public var seed: UInt64
    /// A level name or index for every task; nil = each task's default level.
    public var level: String?
    public var style: PromptStyle
    public var limits: AgentLimits
    public var reward: RewardConfig

    public init(model: String, modelPath: String, split: String?, tasks: [String], count: Int, samples: Int,
                temperature: Float, seed: UInt64, level: String?, style: PromptStyle = .free,
                limits: AgentLimits = AgentLimits(), reward: RewardConfig = RewardConfig()) {
        self.model = model; self.modelPath = modelPath; self.split = split; self.tasks = tasks; self.count = count
        self.samples = samples; self.temperature = temperature; self.seed = seed; self.level = level
        self.style = style; self.limits = limits; self.reward = reward
    }

    enum CodingKeys: String, CodingKey {
        case model, split, tasks, count, samples, temperature, seed, level, style, limits, reward
        case modelPath = "model_path"
    }

    /// Canonical JSON (sorted keys): what the store keeps and what resuming compares.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }

    public static func decode(_ json: String) throws -> EvaluationConfig {
        do { return try JSONDecoder().decode(EvaluationConfig.self, from: Data(json.utf8)) }
        catch { throw AgentError("stored evaluation settings are unreadable: \(error)") }
    }

    /// The sampling settings of one sample: temperature as configured, a seed
    /// of its own derived from the evaluation seed and the item.
    public func sampling(for key: EvaluationItemKey) -> SamplingParams {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in "\(seed)|\(key.task)|\(key.seed)|\(key.index)|\(key.level)|\(key.sample)".utf8 {
            h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return SamplingParams(temperature: temperature, seed: h)
    }
}

public struct PlannedItem: Sendable {
    public let key: EvaluationItemKey
    public let item: TaskItem
}

public enum EvaluationPlan {
    /// Every (question, sample) of the evaluation, in run order.
    public static func items(_ config: EvaluationConfig) throws -> [PlannedItem] {
        var out: [PlannedItem] = []
        for id in config.tasks {
            let task = try TaskRegistry.task(id)
            let level = try task.level(named: config.level)
            for i in 0..<config.count {
                let item = try task.item(seed: Splits.defaultEvalSeedBase + UInt64(i), level: level)
                for k in 0..<config.samples {
                    out.append(PlannedItem(key: EvaluationItemKey(task: id, seed: item.seed, index: item.index,
                                                                  level: level, sample: k), item: item))
                }
            }
        }
        return out
    }

    /// The tasks of a split (registry order), or the named ones after checking them.
    public static func tasks(split: Split?, named: [String]) throws -> [String] {
        if !named.isEmpty {
            for id in named { _ = try TaskRegistry.task(id) }
            return named
        }
        return TaskRegistry.all.map(\.info.id).filter { split == nil || Splits.defaultSplit(of: $0) == split }
    }
}
