// r1ci_model_*: loading a GGUF model, describing it, generating with a
// streaming callback, and freeing it.

import Foundation
import R1Engine
import R1Tasks

/// What an r1ci_model handle points to: the engine and how the caller named it.
final class LoadedModel {
    let engine: Engine
    let name: String
    let path: String

    init(name: String, path: String, engine: Engine) {
        self.name = name
        self.path = path
        self.engine = engine
    }
}

/// The model's shape and files, for r1ci_model_info_json.
struct ModelInfo: Encodable {
    let name, path, architecture: String
    let layers, hiddenSize, heads, kvHeads, headDim, ffnSize, vocabSize, contextLength: Int
    let ropeTheta: Float
    let tiedEmbeddings: Bool
    let fileBytes: Int
    let threads: Int

    init(_ loaded: LoadedModel) {
        let model = loaded.engine.model, config = model.config
        name = loaded.name
        path = loaded.path
        architecture = config.arch
        layers = config.nLayers
        hiddenSize = config.dim
        heads = config.nHeads
        kvHeads = config.nKVHeads
        headDim = config.headDim
        ffnSize = config.ffnDim
        vocabSize = config.vocab
        contextLength = config.contextLength
        ropeTheta = config.ropeTheta
        tiedEmbeddings = model.tiedEmbeddings
        fileBytes = model.fileBytes
        threads = loaded.engine.threads
    }

    enum CodingKeys: String, CodingKey {
        case name, path, architecture, layers, heads, threads
        case hiddenSize = "hidden_size", kvHeads = "kv_heads", headDim = "head_dim", ffnSize = "ffn_size"
        case vocabSize = "vocab_size", contextLength = "context_length", ropeTheta = "rope_theta"
        case tiedEmbeddings = "tied_embeddings", fileBytes = "file_bytes"
    }
}

/// The C callback: (piece, token, logprob, user_data) → nonzero to cancel.
public typealias TokenCallback = @convention(c) (UnsafePointer<CChar>?, Int32, Float, UnsafeMutableRawPointer?) -> Int32

private func loadedModel(_ handle: OpaquePointer?) -> LoadedModel? {
    handle.map { Unmanaged<LoadedModel>.fromOpaque(UnsafeRawPointer($0)).takeUnretainedValue() }
}

/// Engine-side failures are the caller's input (a bad file, a prompt too long); anything else is ours.
private func engineFailure(_ error: any Error) -> Int32 {
    switch error {
    case is EngineError, is GGUFError, is TokenizerError, is RequestError:
        return fail(R1CI_ERR_INVALID_ARGUMENT, "\(error)")
    default:
        return fail(R1CI_ERR_INTERNAL, "\(error)")
    }
}

@_cdecl("r1ci_model_load")
public func r1ci_model_load(_ model: UnsafePointer<CChar>?, _ out: UnsafeMutablePointer<OpaquePointer?>?) -> Int32 {
    guard let out else { return fail(R1CI_ERR_INVALID_ARGUMENT, "output pointer is NULL") }
    out.pointee = nil
    guard let model else { return fail(R1CI_ERR_INVALID_ARGUMENT, "model is NULL") }
    let name = String(cString: model)
    do {
        let path = try ModelCatalog.resolve(name)
        let engine: Engine
        do { engine = try Engine(path: path) } catch {
            throw EngineError("cannot load model \(path): \(error)")
        }
        let loaded = LoadedModel(name: name, path: path, engine: engine)
        out.pointee = OpaquePointer(Unmanaged.passRetained(loaded).toOpaque())
        return R1CI_OK
    } catch {
        return engineFailure(error)
    }
}

@_cdecl("r1ci_model_free")
public func r1ci_model_free(_ model: OpaquePointer?) {
    guard let model else { return }
    Unmanaged<LoadedModel>.fromOpaque(UnsafeRawPointer(model)).release()
}

@_cdecl("r1ci_model_info_json")
public func r1ci_model_info_json(_ model: OpaquePointer?,
                                 _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    guard let loaded = loadedModel(model) else { return fail(R1CI_ERR_INVALID_ARGUMENT, "model handle is NULL") }
    do {
        return giveString(try encodeJSON(ModelInfo(loaded)), to: out)
    } catch {
        return fail(R1CI_ERR_INTERNAL, "\(error)")
    }
}

@_cdecl("r1ci_model_generate")
public func r1ci_model_generate(_ model: OpaquePointer?, _ requestJSON: UnsafePointer<CChar>?,
                                _ onToken: TokenCallback?, _ userData: UnsafeMutableRawPointer?,
                                _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    guard let out else { return fail(R1CI_ERR_INVALID_ARGUMENT, "output pointer is NULL") }
    out.pointee = nil
    guard let loaded = loadedModel(model) else { return fail(R1CI_ERR_INVALID_ARGUMENT, "model handle is NULL") }
    guard let requestJSON else { return fail(R1CI_ERR_INVALID_ARGUMENT, "request is NULL") }
    do {
        let request = try GenerateRequest(json: String(cString: requestJSON))
        let engine = loaded.engine
        let prompt: [Int32]
        switch request.prompt {
        case .text(let text): prompt = engine.tokenizer.encode(text)
        case .messages(let messages): prompt = engine.renderChat(messages)
        }
        // The callback sees each step; the flush of held-back text at the end has token -1.
        let stream: ((StreamEvent) -> Bool)? = onToken.map { callback in
            { event in event.text.withCString { callback($0, event.token, event.logprob, userData) } == 0 }
        }
        let generation = try engine.generate(prompt: prompt, params: request.params, onEvent: stream)
        return giveString(try encodeJSON(GenerateResult(generation)), to: out)
    } catch {
        return engineFailure(error)
    }
}
