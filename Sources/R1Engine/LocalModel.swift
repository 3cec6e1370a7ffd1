// One entry point for every model on disk: a GGUF file or a Hugging Face folder
// (config.json + safetensors + tokenizer.json) becomes a model, a tokenizer and
// a chat template.

import Foundation

public struct LocalModel {
    public enum Format: String, Sendable { case gguf, huggingFace = "hf" }
    public let format: Format
    public let path: String
    public let transformer: Transformer
    public let tokenizer: Tokenizer
    public let template: ChatTemplate
    /// A display name (general.name, or the folder's name).
    public let name: String

    public init(path: String) throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { throw EngineError("model path \(path) does not exist") }
        self.path = path
        if isDir.boolValue {
            let f = try HFFolder(path: path)
            format = .huggingFace
            transformer = f.transformer
            tokenizer = f.tokenizer
            template = .forTemplate(f.chatTemplate)
            name = URL(fileURLWithPath: path).lastPathComponent
        } else {
            let g = try GGUFFile(path: path)
            format = .gguf
            transformer = try Transformer(config: ModelConfig(gguf: g), tensors: GGUFTensorSource(g, origin: path))
            tokenizer = try Tokenizer(gguf: g)
            template = .forModel(g)
            name = g["general.name"]?.string ?? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        }
    }
}
