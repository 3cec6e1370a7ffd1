// Run configs, checkpoints and metric files: the YAML/JSON schema rules,
// CRC-32C against its published check value, TensorBoard event files read back
// by TensorBoard's own reader (the `tensorboard` Python package) and by ours,
// verl JSONL lines, and a checkpoint write that fails leaving the last good one.

import Foundation
import Testing
@testable import R1Train

@Suite struct RunMetricsTests {
    func temp() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("r1ci-metrics-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func crc32cCheckValue() {
        // The CRC-32C check value of "123456789" (RFC 3720 / the CRC catalogue).
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
    }

    @Test func yamlAndJSONConfigsResolveWithFlagsOverFile() throws {
        let dir = try temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let yaml = dir.appendingPathComponent("a.yaml").path
        try "method: sft\ndata: d.jsonl\nsteps: 5\nlr: 1e-4\nlora_rank: 8\n".write(toFile: yaml, atomically: true, encoding: .utf8)
        let schema = SFTJob.schema
        let file = try schema.values(from: readConfigFile(yaml), origin: yaml)
        let config = try schema.resolve(file: file, flags: ["steps": .int(7)])
        #expect(config.int("steps") == 7 && config.double("lr") == 1e-4 && config.optionalInt("lora_rank") == 8)
        #expect(config.int("batch") == 1 && config.optionalString("out") == nil)
        // The stored JSON gives back the same config.
        #expect(try schema.decode(json: config.json()) == config)

        let json = dir.appendingPathComponent("b.json").path
        try #"{"data": "d.jsonl", "steps": 2, "warmup": 1}"#.write(toFile: json, atomically: true, encoding: .utf8)
        #expect(try schema.resolve(file: schema.values(from: readConfigFile(json), origin: json)).int("warmup") == 1)

        func error(_ mapping: [String: Any], flags: [String: ConfigValue] = [:]) -> String {
            do { _ = try schema.resolve(file: schema.values(from: mapping, origin: "x.yaml"), flags: flags); return "" }
            catch { return "\(error)" }
        }
        #expect(error(["data": "d", "steps": 1, "stepz": 2]).contains("unknown key 'stepz'"))
        #expect(error(["data": "d", "steps": 1, "method": "grpo"]).contains("method"))
        #expect(error(["data": "d", "steps": "three"]).contains("steps = three is not an integer"))
        #expect(error(["data": "d", "steps": 1, "clip": -1]).contains("clip (--clip) = -1.0: must be ≥ 0"))
        #expect(error(["data": "d"]).contains("steps (--steps) is required"))
        #expect(error(["data": "d", "steps": 1], flags: ["seq": .int(1)]).contains("seq (--seq) = 1"))
        #expect(error(["data": "d", "steps": 1, "lora_targets": "q,mlp"]).contains("lora_targets"))
    }

    @Test func tensorBoardFilesReadByTensorBoardAndByUs() throws {
        let dir = try temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let values: [(Int, [String: Double])] = [(1, ["train/loss": 2.5, "train/lr": 1e-4]), (2, ["train/loss": 2.25, "val/loss": 3.125])]
        let url: URL
        do {
            let sink = try TensorBoardSink(directory: dir)
            url = sink.url
            for (step, v) in values { try sink.record(step: step, wallTime: 1000 + Double(step), values: v) }
        }
        let ours = try readTensorBoardEvents(url.path)
        #expect(ours.map { "\($0.step) \($0.name) \($0.value) \($0.wallTime)" } == [
            "1 train/loss 2.5 1001.0", "1 train/lr \(Double(Float(1e-4))) 1001.0", "2 train/loss 2.25 1002.0", "2 val/loss 3.125 1002.0"])

        // TensorBoard's own reader (checks both CRCs of every record).
        let script = """
        import sys
        from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
        acc = EventAccumulator(sys.argv[1]); acc.Reload()
        for tag in sorted(acc.Tags()["scalars"]):
            for e in acc.Scalars(tag): print(tag, e.step, repr(e.value), e.wall_time)
        """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, dir.path]
        let out = Pipe(); p.standardOutput = out
        try p.run(); let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self); p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(text.split(separator: "\n").map(String.init) == [
            "train/loss 1 2.5 1001.0", "train/loss 2 2.25 1002.0", "train/lr 1 \(Double(Float(1e-4))) 1001.0", "val/loss 2 3.125 1002.0"], "\(text)")

        // A flipped payload byte is refused.
        var bytes = try Data(contentsOf: url)
        bytes[bytes.count - 6] ^= 0x40
        try bytes.write(to: url)
        #expect(throws: TrainError.self) { try readTensorBoardEvents(url.path) }
    }

    @Test func verlJSONLRoundTripsAndTruncates() throws {
        let dir = try temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("metrics.jsonl")
        do {
            let sink = try JSONLMetricsSink(url: url)
            for step in 1...4 { try sink.record(step: step, wallTime: 0, values: ["train/loss": Double(step) / 2, "bad": .nan]) }
        }
        #expect(try String(contentsOf: url, encoding: .utf8).split(separator: "\n").first == #"{"data":{"train/loss":0.5},"step":1}"#)
        try JSONLMetricsSink.truncate(url, afterStep: 2)
        #expect(try readVerlJSONL(url.path).map { "\($0.step) \($0.name) \($0.value)" } == ["1 train/loss 0.5", "2 train/loss 1.0"])
    }

    @Test func failedCheckpointWriteKeepsTheLastGoodOne() throws {
        let dir = try temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        var folder = CheckpointFolder(root: dir)
        let first = try folder.save(step: 2) { try Data("two".utf8).write(to: $0.appendingPathComponent("state.json")) }
        #expect(folder.latest()?.path == first.path)
        folder.failFromStep = 3
        #expect {
            _ = try folder.save(step: 4) { try Data("four".utf8).write(to: $0.appendingPathComponent("state.json")) }
        } throws: { "\($0)".contains("step 4 not written (No space left on device (injected)); the last good checkpoint step-000002 stays") }
        #expect(folder.latest()?.path == first.path)
        #expect(try String(contentsOf: first.appendingPathComponent("state.json"), encoding: .utf8) == "two")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["latest", "step-000002"])
        folder.failFromStep = nil
        let second = try folder.save(step: 4) { try Data("four".utf8).write(to: $0.appendingPathComponent("state.json")) }
        #expect(folder.latest()?.path == second.path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["latest", "step-000004"])
    }
}
