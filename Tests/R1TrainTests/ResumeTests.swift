// Resume: an SFT job's saved state (weights or adapters, AdamW moments, step
// counters, data order and RNG) loaded into a fresh job gives the losses an
// uninterrupted job would have given.

import Foundation
import Testing
@testable import R1Train

@Suite struct ResumeTests {
    let tiny = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../R1EngineTests/Fixtures/tiny-llama.gguf").standardized.path

    /// State saved after k steps and loaded into a fresh job continues with the same losses, for
    /// full fine-tuning and for LoRA (whose checkpoint holds only the adapters).
    @Test(arguments: [nil, 4] as [Int?])
    func savedStateContinuesTheSameLosses(loraRank: Int?) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("r1ci-resume-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("d.jsonl").path
        let lines = (0..<5).map { #"{"messages": [{"role": "user", "content": "twice \#($0)"}, {"role": "assistant", "content": "\#($0 * 2)"}]}"# }
        try lines.joined(separator: "\n").write(toFile: data, atomically: true, encoding: .utf8)
        var values: [String: ConfigValue] = ["model": .string(tiny), "data": .string(data), "steps": .int(7), "lr": .float(1e-3),
                                             "batch": .int(2), "seq": .int(48), "warmup": .int(2), "seed": .int(9)]
        if let loraRank { values["lora_rank"] = .int(loraRank) }
        let config = try SFTJob.schema.resolve(file: values)
        let straight = try SFTJob(config: config)
        let reference = try (0..<7).map { _ in try straight.step()["train/loss"]! }

        let first = try SFTJob(config: config)
        for _ in 0..<3 { _ = try first.step() }   // 3 of 5 rows per epoch of 2: mid-epoch
        let state = dir.appendingPathComponent("state")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        try first.saveState(to: state)
        let second = try SFTJob(config: config)
        try second.loadState(from: state)
        #expect(second.completedSteps == 3)
        let resumed = try (3..<7).map { _ in try second.step()["train/loss"]! }
        #expect(Array(reference[3...]) == resumed)
    }
}
