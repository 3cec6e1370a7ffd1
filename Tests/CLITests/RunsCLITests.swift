// Background runs end to end through the r1ci binary on the tiny llama fixture:
// config files and flags, runs list/show/stop/resume, a SIGKILLed worker, and
// that a stopped-and-resumed or killed-and-resumed run gives exactly the
// per-step losses of an uninterrupted one.

import Foundation
import Testing

@Suite(.serialized) struct RunsCLITests {
    let tiny = packageRoot.appendingPathComponent("Tests/R1EngineTests/Fixtures/tiny-llama.gguf").path

    /// A temporary folder with a small chat dataset.
    func scratch() throws -> (URL, String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("r1ci-runs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let lines = (0..<6).map { i in
            #"{"messages": [{"role": "user", "content": "add \#(i) and \#(i + 1)"}, {"role": "assistant", "content": "the sum is \#(2 * i + 1)"}]}"#
        }
        let data = dir.appendingPathComponent("data.jsonl").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: data, atomically: true, encoding: .utf8)
        return (dir, data)
    }

    func config(_ data: String, steps: Int, extra: String = "") -> String {
        """
        model: \(tiny)
        data: \(data)
        steps: \(steps)
        lr: 1e-3
        batch: 2
        seq: 64
        eval_fraction: 0.2
        seed: 3
        \(extra)
        """
    }

    /// Waits until the run leaves queued/running; returns its final `runs list --json` object.
    func waitForEnd(_ ws: String, _ id: Int, timeout: Double = 120) throws -> [String: Any] {
        let start = Date()
        while Date().timeIntervalSince(start) < timeout {
            let list = try r1ci(["runs", "list", "--json", "--workspace", ws])
            for line in list.stdout.split(separator: "\n") {
                let obj = try jsonObject(line)
                if obj["id"] as? Int == id, let state = obj["state"] as? String, state != "queued" && state != "running" { return obj }
            }
            Thread.sleep(forTimeInterval: 0.2)
        }
        Issue.record("run \(id) did not end within \(timeout) s")
        return [:]
    }

    /// step → train/loss from the run's metrics.jsonl (verl form).
    func losses(_ ws: String, _ id: Int) throws -> [Int: Double] {
        let text = try String(contentsOfFile: "\(ws)/runs/\(id)/metrics.jsonl", encoding: .utf8)
        var out: [Int: Double] = [:]
        for line in text.split(separator: "\n") {
            let obj = try jsonObject(line)
            if let step = obj["step"] as? Int, let data = obj["data"] as? [String: Any], let loss = data["train/loss"] as? Double {
                #expect(out[step] == nil, "step \(step) logged twice")
                out[step] = loss
            }
        }
        return out
    }

    /// The store's train/loss per step, through `runs show --json`.
    func storeLosses(_ ws: String, _ id: Int) throws -> [Int: Double] {
        let show = try r1ci(["runs", "show", String(id), "--json", "--workspace", ws])
        var out: [Int: Double] = [:]
        for line in show.stdout.split(separator: "\n") {
            let obj = try jsonObject(line)
            if let step = obj["step"] as? Int, let loss = (obj["data"] as? [String: Any])?["train/loss"] as? Double { out[step] = loss }
        }
        return out
    }

    func start(_ ws: String, _ cfg: String, _ extra: [String] = [], env: [String: String] = [:]) throws -> Int {
        let run = try r1ci(["train", "sft", "--config", cfg, "--background", "--json", "--workspace", ws] + extra, environment: env)
        #expect(run.status == 0, "\(run.stderr)")
        let first = try #require(run.stdout.split(separator: "\n").first)
        return try #require(try jsonObject(first)["run"] as? Int)
    }

    @Test func stoppedAndKilledRunsResumeOnTheSameLossCurve() throws {
        let (dir, data) = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let ws = dir.appendingPathComponent("ws").path
        let cfg = dir.appendingPathComponent("run.yaml").path
        try config(data, steps: 12).write(toFile: cfg, atomically: true, encoding: .utf8)

        // Uninterrupted.
        let a = try start(ws, cfg)
        #expect(try waitForEnd(ws, a)["state"] as? String == "finished")
        let reference = try losses(ws, a)
        #expect(reference.keys.sorted() == Array(1...12))
        #expect(try storeLosses(ws, a) == reference)
        // Its checkpoint exports to a GGUF the engine runs and to a Hugging Face folder.
        let gguf = dir.appendingPathComponent("a.gguf").path, hf = dir.appendingPathComponent("a-hf").path
        let export = try r1ci(["export", String(a), "--format", "gguf", "--quant", "f32", "--out", gguf, "--workspace", ws])
        #expect(export.status == 0 && export.stdout.contains("step 12"), "\(export.stderr)")
        #expect(try r1ci(["generate", "--model", gguf, "--prompt", "add 1", "--max-tokens", "3"]).status == 0)
        #expect(try r1ci(["export", "\(ws)/runs/\(a)/checkpoints/step-000012", "--format", "hf", "--out", hf]).status == 0)
        #expect(FileManager.default.fileExists(atPath: hf + "/model.safetensors") && FileManager.default.fileExists(atPath: hf + "/tokenizer.json"))
        let badExport = try r1ci(["export", String(a), "--format", "onnx", "--out", gguf, "--workspace", ws])
        #expect(badExport.status == 2 && badExport.stderr.contains("--format"))

        // Stopped part-way (SIGTERM), then resumed. Progress is read from the run's files (cheap to poll).
        let slow = ["R1CI_TEST_STEP_DELAY": "0.5"]
        func logged(_ id: Int) -> Int { ((try? losses(ws, id)) ?? [:]).count }
        let b = try start(ws, cfg, env: slow)
        var waited = 0
        while logged(b) < 2 && waited < 1200 { Thread.sleep(forTimeInterval: 0.05); waited += 1 }
        let stop = try r1ci(["runs", "stop", String(b), "--workspace", ws])
        #expect(stop.status == 0 && stop.stdout.contains("stopped"), "\(stop.stdout)\(stop.stderr)")
        let stoppedAt = logged(b)
        #expect(stoppedAt >= 2 && stoppedAt < 12, "stopped after \(stoppedAt) steps")
        let resume = try r1ci(["runs", "resume", String(b), "--workspace", ws])
        #expect(resume.status == 0, "\(resume.stderr)")
        #expect(try waitForEnd(ws, b)["state"] as? String == "finished")
        #expect(try losses(ws, b) == reference)

        // SIGKILLed after a checkpoint, marked failed by `runs list`, resumed.
        let c = try start(ws, cfg, ["--checkpoint-every", "2"], env: slow)
        let list = try r1ci(["runs", "list", "--json", "--workspace", ws])
        let detail = try list.stdout.split(separator: "\n").map(jsonObject).first { $0["id"] as? Int == c } ?? [:]
        let pid = try #require(detail["pid"] as? Int)
        let latest = "\(ws)/runs/\(c)/checkpoints/latest"
        waited = 0
        while ((try? String(contentsOfFile: latest, encoding: .utf8)) ?? "") < "step-000004" && waited < 1200 {
            Thread.sleep(forTimeInterval: 0.05); waited += 1
        }
        kill(pid_t(pid), SIGKILL)
        Thread.sleep(forTimeInterval: 0.3)
        let failed = try waitForEnd(ws, c)
        #expect(failed["state"] as? String == "failed")
        #expect(try r1ci(["runs", "resume", String(c), "--workspace", ws]).status == 0)
        #expect(try waitForEnd(ws, c)["state"] as? String == "finished")
        #expect(try losses(ws, c) == reference)
        #expect(try storeLosses(ws, c) == reference)
    }

    @Test func flagsOverrideTheFileAndBadConfigsWriteNothing() throws {
        let (dir, data) = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let ws = dir.appendingPathComponent("ws").path
        let cfg = dir.appendingPathComponent("run.json").path
        try #"{"model": "\#(tiny)", "data": "\#(data)", "steps": 2, "seq": 64, "lr": 0.001}"#.write(toFile: cfg, atomically: true, encoding: .utf8)
        let id = try start(ws, cfg, ["--steps", "3"])
        #expect(try waitForEnd(ws, id)["state"] as? String == "finished")
        #expect(try losses(ws, id).keys.sorted() == [1, 2, 3])
        let show = try r1ci(["runs", "show", String(id), "--workspace", ws])
        #expect(show.stdout.contains(#""steps":3"#), "\(show.stdout)")

        let cases: [(String, [String], String)] = [
            ("steps: 2\nlearning_rate: 0.1\ndata: \(data)\n", [], "learning_rate"),
            ("steps: 0\ndata: \(data)\n", [], "steps (--steps) = 0"),
            ("steps: 2\ndata: \(data)\nlr: -1\n", [], "lr (--lr) = -1"),
            ("steps: 2\ndata: \(data)\nbatch: many\n", [], "batch = many"),
            ("steps: 2\ndata: \(data)\n", ["--eval-fraction", "1.5"], "eval_fraction"),
            ("[1, 2]\n", [], "mapping"),
        ]
        for (text, extra, named) in cases {
            let bad = dir.appendingPathComponent("bad.yaml").path
            try text.write(toFile: bad, atomically: true, encoding: .utf8)
            let badWS = dir.appendingPathComponent("badws").path
            let run = try r1ci(["train", "sft", "--config", bad, "--background", "--workspace", badWS] + extra)
            #expect(run.status == 2, "\(text)")
            #expect(run.stderr.hasPrefix("r1ci: ") && run.stderr.contains(named) && run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: badWS), "a workspace was created for \(text)")
        }
    }

    @Test func aFailedCheckpointWriteFailsTheRunAndKeepsTheLastGoodOne() throws {
        let (dir, data) = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let ws = dir.appendingPathComponent("ws").path
        let cfg = dir.appendingPathComponent("run.yaml").path
        try config(data, steps: 6, extra: "checkpoint_every: 2").write(toFile: cfg, atomically: true, encoding: .utf8)
        let id = try start(ws, cfg, env: ["R1CI_TEST_CHECKPOINT_FAILURE": "4"])
        let end = try waitForEnd(ws, id)
        #expect(end["state"] as? String == "failed")
        #expect((end["message"] as? String ?? "").contains("checkpoint at step 4 not written (No space left on device (injected)); the last good checkpoint step-000002 stays"),
                "\(end)")
        #expect(end["checkpointStep"] as? Int == 2)
        let folder = "\(ws)/runs/\(id)/checkpoints"
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["latest", "step-000002"])
        // Resumed with room on the disk, it finishes from step 2.
        #expect(try r1ci(["runs", "resume", String(id), "--workspace", ws]).status == 0)
        #expect(try waitForEnd(ws, id)["state"] as? String == "finished")
        #expect(try losses(ws, id).keys.sorted() == Array(1...6))
    }
}
