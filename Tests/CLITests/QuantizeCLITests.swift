// r1ci quantize and r1ci models list with Hugging Face folders, run as a user
// would: a tiny HF folder (made by Tests/R1EngineTests/make_tiny_hf.py) is
// quantized, listed and run; bad input gets one line, status 2, and no file.

import Foundation
import Testing

@Suite struct QuantizeCLITests {
    /// A model cache holding the tiny HF folders and their GGUF twins.
    static let cache: String = {
        let tmp = FileManager.default.temporaryDirectory.path
        for name in (try? FileManager.default.contentsOfDirectory(atPath: tmp)) ?? [] where name.hasPrefix("r1ci-cli-hf-") {
            if let pid = Int32(name.dropFirst(12)), pid != getpid(), kill(pid, 0) != 0 {   // left by an earlier run
                try? FileManager.default.removeItem(atPath: tmp + "/" + name)
            }
        }
        let dir = tmp + "/r1ci-cli-hf-\(getpid())"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "make_tiny_hf.py", dir]
        p.currentDirectoryURL = packageRoot.appendingPathComponent("Tests/R1EngineTests")
        p.environment = ProcessInfo.processInfo.environment.merging(["PYTHONDONTWRITEBYTECODE": "1"]) { $1 }
        p.standardOutput = FileHandle.nullDevice
        try? p.run()
        p.waitUntilExit()
        return dir
    }()

    @Test func quantizeFolderListAndRun() throws {
        let cache = Self.cache
        try #require(FileManager.default.fileExists(atPath: cache + "/hf-qwen2/config.json"), "make_tiny_hf.py failed (needs numpy, gguf, tokenizers)")
        let out = cache + "/hf-qwen2-q4_0.gguf"
        let q = try r1ci(["quantize", "--model", cache + "/hf-qwen2", "--type", "q4_0", "--out", out])
        #expect(q.status == 0 && q.stdout.contains("Q4_0") && q.stdout.contains("16 quantized"), "\(q.stderr)")
        let g = try r1ci(["generate", "--model", out, "--prompt", "Hi", "--max-tokens", "3", "--json"])
        #expect(g.status == 0, "\(g.stderr)")
        let hf = try r1ci(["generate", "--model", cache + "/hf-llama", "--chat", "--prompt", "Hi", "--max-tokens", "3", "--json"])
        #expect(hf.status == 0, "\(hf.stderr)")

        let list = try r1ci(["models", "list", "--json"], environment: ["R1CI_MODELS": cache])
        let models = try #require(try jsonObject(list.stdout.split(separator: "\n").first ?? "")["models"] as? [[String: Any]])
        let byName = Dictionary(models.map { ($0["name"] as! String, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byName["smollm2-135m"]?["default"] as? Bool == true)
        #expect(byName["hf-llama"]?["format"] as? String == "hf" && byName["hf-llama"]?["architecture"] as? String == "llama")
        #expect(byName["hf-qwen2"]?["architecture"] as? String == "qwen2" && (byName["hf-qwen2"]?["parameters"] as? Int ?? 0) > 0)
        #expect(byName["hf-qwen2-q4_0.gguf"]?["format"] as? String == "gguf")
        let text = try r1ci(["models", "list"], environment: ["R1CI_MODELS": cache])
        #expect(text.stdout.contains("hf-llama\thf\tllama"))
    }

    @Test func badInput() throws {
        let cache = Self.cache
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("r1ci-q-bad-\(getpid())").path
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let notAModel = tmp + "/plain"
        try FileManager.default.createDirectory(atPath: notAModel, withIntermediateDirectories: true)
        let cases: [([String], String)] = [
            (["--model", cache + "/hf-llama", "--type", "q5_k", "--out", tmp + "/a.gguf"], "--type must be one of q8_0, q4_0"),
            (["--model", cache + "/hf-llama", "--type", "q8_0", "--out", tmp + "/nodir/a.gguf"], "does not exist"),
            (["--model", notAModel, "--type", "q8_0", "--out", tmp + "/a.gguf"], "has no config.json"),
            (["--model", "/nonexistent", "--type", "q8_0", "--out", tmp + "/a.gguf"], "neither a known name"),
            (["--model", packageRoot.appendingPathComponent("Package.swift").path, "--type", "q8_0", "--out", tmp + "/a.gguf"], "bad magic"),
        ]
        for (args, want) in cases {
            let r = try r1ci(["quantize"] + args)
            #expect(r.status == 2 && r.stderr.contains(want) && r.stderr.split(separator: "\n").count == 1, "\(args): \(r.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp) == ["plain"])   // nothing written
    }
}
