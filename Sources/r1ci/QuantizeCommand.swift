// r1ci quantize: write a Q8_0 or Q4_0 GGUF from any model the engine loads.

import ArgumentParser
import Foundation
import R1Engine

struct QuantizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quantize",
        abstract: "Write a Q8_0 or Q4_0 GGUF from a model (known name, GGUF file or Hugging Face folder).")

    @Option(name: .long, help: "Model: a known name (smollm2-135m), a GGUF path or a Hugging Face folder.")
    var model: String
    @Option(name: .long, help: "Quantization type: q8_0 or q4_0.")
    var type: String
    @Option(name: .long, help: "Output GGUF file (written to a temporary file, then renamed).")
    var out: String

    func validate() throws {
        guard QuantType(rawValue: type.lowercased()) != nil else {
            throw InputError("--type must be one of \(QuantType.allCases.map(\.rawValue).joined(separator: ", ")), not '\(type)'")
        }
        guard out.hasSuffix(".gguf") else { throw InputError("--out must name a .gguf file") }
        let dir = URL(fileURLWithPath: out).deletingLastPathComponent().path
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            throw InputError("--out: folder \(dir) does not exist")
        }
    }

    func run() throws {
        let qt = QuantType(rawValue: type.lowercased())!
        let path = try wrap { try ModelCatalog.resolve(model) }
        let loaded = try wrap { try LocalModel(path: path) }
        let s = try wrap { try Quantizer.write(loaded, type: qt, to: out) }
        emit("wrote \(s.path): \(qt.rawValue.uppercased()), \(s.tensors) tensors (\(s.quantized) quantized), "
             + String(format: "%.1f MB", Double(s.bytes) / 1e6))
    }
}
