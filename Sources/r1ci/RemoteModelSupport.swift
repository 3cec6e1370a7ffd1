// Remote models on the command line: `openai:URL#NAME` parsed into a backend,
// and the local tokenizer that builds the token prompts the server reads and
// encodes its replies (the served model's own: a known name or a GGUF path;
// by default NAME, when the catalogue knows it).

import Foundation
import R1Engine

/// The spec as given and its backend; one line naming the problem for a malformed spec.
func remoteSpec(_ model: String) throws -> (spec: String, backend: RemoteBackend) {
    do {
        guard let backend = try RemoteBackend(spec: model) else { throw InputError("'\(model)' is not an openai: model") }
        return (model, backend)
    } catch let e as BackendError {
        throw InputError(e.description)
    }
}

/// The tokenizer and chat template for a remote model's traces.
func remoteTokenizer(spec: String, named: String?, backend: RemoteBackend) throws -> (tokenizer: Tokenizer, template: ChatTemplate) {
    let name = named ?? backend.remoteModel
    let path: String
    do { path = try ModelCatalog.resolve(name) } catch {
        throw InputError("remote model \(spec) needs its tokenizer: --tokenizer NAME_OR_GGUF (\(error))")
    }
    let engine = try wrap { try Engine(path: path, threads: 1) }
    return (engine.tokenizer, engine.template)
}
