// r1ci generate / models / bench engine, run as a user would, on the tiny
// fixture model (no model download needed).

import Foundation
import Testing

@Suite struct EngineCLITests {
    let tiny = packageRoot.appendingPathComponent("Tests/R1EngineTests/Fixtures/tiny-llama.gguf").path

    @Test func generateJSON() throws {
        let r = try r1ci(["generate", "--model", tiny, "--prompt", "Hi", "--max-tokens", "5", "--temperature", "0.8",
                          "--seed", "3", "--json", "--threads", "2"])
        #expect(r.status == 0, "\(r.stderr)")
        let obj = try jsonObject(r.stdout.split(separator: "\n").first ?? "")
        let toks = try #require(obj["tokens"] as? [Int])
        #expect(toks.count <= 5 && toks.count == (obj["logprobs"] as? [Double])?.count)
        #expect(obj["prompt_tokens"] as? [Int] == [72, 105])
        let again = try r1ci(["generate", "--model", tiny, "--prompt", "Hi", "--max-tokens", "5", "--temperature", "0.8",
                              "--seed", "3", "--json", "--threads", "1"])
        #expect(try jsonObject(again.stdout.split(separator: "\n").first ?? "")["tokens"] as? [Int] == toks)
    }

    @Test func generateSamplesAndStreaming() throws {
        let r = try r1ci(["generate", "--model", tiny, "--prompt", "Hi", "--max-tokens", "4", "--temperature", "1",
                          "--samples", "3", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let obj = try jsonObject(r.stdout.split(separator: "\n").first ?? "")
        #expect((obj["samples"] as? [[String: Any]])?.count == 3)
        let s = try r1ci(["generate", "--model", tiny, "--chat", "--prompt", "Hi", "--max-tokens", "4"])
        #expect(s.status == 0 && s.stderr.contains("tok/s"))
    }

    @Test func clearErrors() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("r1ci-no-models-\(getpid())").path
        let missing = try r1ci(["generate", "--model", "smollm2-135m", "--prompt", "x"], environment: ["R1CI_MODELS": empty])
        #expect(missing.status == 2 && missing.stdout.isEmpty)
        #expect(missing.stderr.contains("make test") && missing.stderr.split(separator: "\n").count == 1)
        let nofile = try r1ci(["generate", "--model", "/nonexistent/m.gguf", "--prompt", "x"])
        #expect(nofile.status == 2 && nofile.stderr.contains("neither a known name"))
        let notGGUF = try r1ci(["generate", "--model", packageRoot.appendingPathComponent("Package.swift").path, "--prompt", "x"])
        #expect(notGGUF.status == 2 && notGGUF.stderr.contains("bad magic"))
        let badArg = try r1ci(["generate", "--model", tiny, "--prompt", "x", "--top-p", "0"])
        #expect(badArg.status == 2 && badArg.stderr.split(separator: "\n").count == 1)
    }

    @Test func modelsList() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("r1ci-no-models-\(getpid())").path
        let r = try r1ci(["models", "list", "--json"], environment: ["R1CI_MODELS": empty])
        #expect(r.status == 0)
        let obj = try jsonObject(r.stdout.split(separator: "\n").first ?? "")
        let models = try #require(obj["models"] as? [[String: Any]])
        #expect(models.first?["name"] as? String == "smollm2-135m" && models.first?["installed"] as? Bool == false)
        let text = try r1ci(["models", "list"], environment: ["R1CI_MODELS": empty])
        #expect(text.stdout.contains("smollm2-135m") && text.stdout.contains("missing"))
    }

    @Test func benchEngine() throws {
        let r = try r1ci(["bench", "engine", "--model", tiny, "--pp", "8", "--tg", "4", "--reps", "1", "--threads", "1", "--batch", "2", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let obj = try jsonObject(r.stdout.split(separator: "\n").first ?? "")
        #expect((obj["pp_tok_s"] as? Double ?? 0) > 0 && (obj["tg_tok_s"] as? Double ?? 0) > 0)
    }
}
