// The tiny Hugging Face models of make_tiny_hf.py, built once per test run into
// a temporary folder, and the oracles it computed (float64 logits, `tokenizers`
// goldens, gguf-py quantization goldens).
import Foundation
import Testing

struct TinyHFExpected: Decodable {
    struct Model: Decodable {
        let tokens: [Int32]; let logits: [[Double]]; let vocab: Int; let tied: Bool
        let eog: [Int32]; let pad: Int32; let eos: Int32
    }
    struct Enc: Decodable { let text: String; let ids: [Int32] }
    struct Dec: Decodable { let ids: [Int32]; let text: String }
    struct Goldens: Decodable { let encode: [Enc]; let decode: [Dec] }
    struct QuantRow: Decodable { let x: [Float]; let q8_0: String; let q4_0: String }
    let models: [String: Model]
    let tokenizers: [String: Goldens]
    let quant_rows: [QuantRow]
}

enum TinyHF {
    static let testsDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let smolLM2Path = ModelCatalogPaths.smolLM2

    /// The folder holding hf-llama/, hf-qwen2/, their .gguf twins and expected.json.
    static let built: Result<(dir: String, expected: TinyHFExpected), PythonError> = {
        removeStaleFolders(prefix: "r1ci-tinyhf-")
        let dir = NSTemporaryDirectory() + "r1ci-tinyhf-\(getpid())"
        var args = ["make_tiny_hf.py", dir]
        if FileManager.default.fileExists(atPath: smolLM2Path) { args += ["--smollm2", smolLM2Path] }
        do {
            _ = try python(args)
            let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/expected.json"))
            return .success((dir, try JSONDecoder().decode(TinyHFExpected.self, from: data)))
        } catch let e as PythonError {
            return .failure(e)
        } catch {
            return .failure(PythonError(description: "expected.json: \(error)"))
        }
    }()

    static func get() throws -> (dir: String, expected: TinyHFExpected) { try built.get() }
}

enum ModelCatalogPaths {
    static var smolLM2: String {
        let env = ProcessInfo.processInfo.environment
        let base = env["R1CI_MODELS"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((env["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/.cache")) + "/r1ci/models")
        return base + "/SmolLM2-135M-Instruct.Q4_1.gguf"
    }
}

/// Removes `<tmp>/<prefix><pid>` folders left by earlier test runs whose process is gone.
func removeStaleFolders(prefix: String) {
    let tmp = NSTemporaryDirectory()
    for name in (try? FileManager.default.contentsOfDirectory(atPath: tmp)) ?? [] where name.hasPrefix(prefix) {
        if let pid = Int32(name.dropFirst(prefix.count)), pid != getpid(), kill(pid, 0) != 0 {
            try? FileManager.default.removeItem(atPath: tmp + name)
        }
    }
}

struct PythonError: Error, CustomStringConvertible { let description: String }

/// Runs python3 with `args` in the test folder (numpy, gguf and tokenizers must be
/// installed); returns stdout, throws with stderr when it fails.
func python(_ args: [String]) throws -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3"] + args
    p.currentDirectoryURL = TinyHF.testsDir
    p.environment = ProcessInfo.processInfo.environment.merging(["PYTHONDONTWRITEBYTECODE": "1"]) { $1 }
    let out = Pipe(), err = Pipe()
    p.standardOutput = out; p.standardError = err
    do { try p.run() } catch { throw PythonError(description: "cannot run python3: \(error)") }
    let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    guard p.terminationStatus == 0 else {
        throw PythonError(description: "python3 \(args.joined(separator: " ")) failed (needs numpy, gguf, tokenizers): "
                          + String(decoding: e, as: UTF8.self).suffix(600))
    }
    return String(decoding: o, as: UTF8.self)
}

/// max |a − b| and the logit scale max |b| over one model's (T, V) logits.
func logitError(_ out: [Float], _ ref: [[Double]]) -> (maxDiff: Double, scale: Double) {
    let V = ref[0].count
    var d = 0.0, s = 0.0
    for (t, row) in ref.enumerated() {
        for (v, r) in row.enumerated() { d = max(d, abs(Double(out[t * V + v]) - r)); s = max(s, abs(r)) }
    }
    return (d, s)
}
