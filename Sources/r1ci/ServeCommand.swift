// r1ci serve: an OpenAI-compatible API (/v1/models, /v1/chat/completions,
// /v1/completions with SSE streaming) over a local model or a remote one.

import ArgumentParser
import Foundation
import R1Engine
import R1HTTP
import R1Serve

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve a model over an OpenAI-compatible HTTP API.")

    @Option(name: .long, help: "Model: a known name (smollm2-135m), a GGUF path, or openai:URL#NAME.")
    var model: String = "smollm2-135m"
    @Option(name: .long, help: "IPv4 address to listen on.")
    var host: String = "127.0.0.1"
    @Option(name: .long, help: "Port (0 picks a free one; the URL line says which).")
    var port: Int = 8080
    @Option(name: .long, help: "Engine threads (default: $R1CI_THREADS or all cores).")
    var threads: Int?
    @Option(name: .long, help: "The model id clients use (default: the model's name or file stem).")
    var name: String?
    @Option(name: .customLong("max-connections"), help: "Concurrent connections accepted.")
    var maxConnections: Int = 64

    func validate() throws {
        guard (0...65535).contains(port) else { throw InputError("--port must be 0…65535") }
        if let t = threads, t < 1 { throw InputError("--threads must be ≥ 1") }
        guard maxConnections >= 1 else { throw InputError("--max-connections must be ≥ 1") }
        if let name, name.isEmpty || name.contains("/") { throw InputError("--name must be non-empty, without '/'") }
    }

    func run() throws {
        let backend = try wrap { try openBackend(model: model, threads: threads ?? Engine.defaultThreads, name: name) }
        let server = OpenAIServer(backend: backend, host: host, port: UInt16(port), maxConnections: maxConnections)
        do { try server.start() } catch let e as HTTPServerError { throw InputError(e.description) }
        emit("r1ci serve: \(backend.modelName) on http://\(host):\(server.port)/v1")
        waitForStopSignal()
        server.stop()
    }
}

/// Blocks until SIGINT or SIGTERM arrives (long-running services stop cleanly).
func waitForStopSignal() {
    let stop = DispatchSemaphore(value: 0)
    var sources: [DispatchSourceSignal] = []
    for sig in [SIGINT, SIGTERM] {
        signal(sig, SIG_IGN)
        let src = DispatchSource.makeSignalSource(signal: sig, queue: .global())
        src.setEventHandler { stop.signal() }
        src.resume()
        sources.append(src)
    }
    stop.wait()
    sources.forEach { $0.cancel() }
}
