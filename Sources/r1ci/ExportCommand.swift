// `r1ci export RUN|CHECKPOINT --format hf|gguf`: a run's last checkpoint (or a
// checkpoint folder of a run) as a Hugging Face folder, or as a GGUF that this
// engine and llama.cpp load. The GGUF is made from the Hugging Face folder
// (written to a temporary folder) by the same quantizer as `r1ci quantize`.

import ArgumentParser
import Foundation
import R1Engine
import R1Store
import R1Train

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export a run's checkpoint as a Hugging Face folder or a GGUF file.")

    @Argument(help: "A run id, or a checkpoint folder (<workspace>/runs/ID/checkpoints/step-N).") var source: String
    @Option(name: .long, help: "hf (folder: config, tokenizer, safetensors) or gguf.") var format: String
    @Option(name: .long, help: "GGUF weight type: q8_0, q4_0 or f32 (exact).") var quant = "q8_0"
    @Option(name: .long, help: "Output folder (hf) or file (gguf).") var out: String
    @OptionGroup var workspace: WorkspaceOption

    func validate() throws {
        guard format == "hf" || format == "gguf" else { throw InputError("--format must be hf or gguf, got '\(format)'") }
        guard QuantType(rawValue: quant) != nil else {
            throw InputError("--quant must be one of \(QuantType.allCases.map(\.rawValue).joined(separator: ", ")), got '\(quant)'")
        }
        guard !out.isEmpty else { throw InputError("--out must name a path") }
    }

    func run() throws {
        let (configJSON, label, checkpoint) = try locate()
        let job = try trainWrap { () -> TrainingJob in
            let (method, config) = try TrainingMethod.decode(json: configJSON)
            let job = try method.make(config)
            try job.loadState(from: checkpoint)
            return job
        }
        if format == "hf" {
            try trainWrap { try job.writeHFModel(to: out) }
            emit("exported \(label) step \(job.completedSteps) to \(out) (Hugging Face folder)")
            return
        }
        let dest = URL(fileURLWithPath: out).standardizedFileURL
        let folder = dest.deletingLastPathComponent().appendingPathComponent(".\(dest.lastPathComponent).hf-\(getpid())")
        defer { try? FileManager.default.removeItem(at: folder) }
        try trainWrap { try job.writeHFModel(to: folder.path) }
        let model = try wrap { try LocalModel(path: folder.path) }
        let summary = try wrap { try Quantizer.write(model, type: QuantType(rawValue: quant)!, to: dest.path) }
        emit("exported \(label) step \(job.completedSteps) to \(out) (GGUF \(quant), \(summary.tensors) tensors, \(summary.bytes) bytes)")
    }

    /// The run config, a name for messages, and the checkpoint folder named by `source`.
    func locate() throws -> (String, String, URL) {
        if let id = Int64(source) {
            let detail = try workspace.open().runDetail(id)
            guard let path = detail.checkpointPath, FileManager.default.fileExists(atPath: path) else {
                throw InputError("run \(id) has no checkpoint yet")
            }
            return (detail.configJSON, "run \(id)", URL(fileURLWithPath: path))
        }
        let dir = URL(fileURLWithPath: source).standardizedFileURL
        guard FileManager.default.fileExists(atPath: dir.appendingPathComponent("state.json").path),
              let config = try? String(contentsOf: dir.appendingPathComponent("config.json"), encoding: .utf8) else {
            throw InputError("\(source) is neither a run id nor a checkpoint folder (state.json and config.json)")
        }
        return (config, dir.lastPathComponent, dir)
    }
}
