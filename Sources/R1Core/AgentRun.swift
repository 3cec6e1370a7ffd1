// One run of the code-interpreter loop for a caller that watches it: the
// Playground page through r1ci_agent_run_json, and `r1ci run`. The model is
// loaded (and kept for the next run), the question made, the loop run on the
// shared sandbox with every step reported as a small JSON event, the answer
// scored when the question is a task item, and the whole trace returned.

import Foundation
import R1Agent
import R1Engine
import R1Sandbox
import R1Tasks

/// A stop request another thread can raise while a run goes on.
public final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false
    public init() {}
    public func raise() { lock.lock(); raised = true; lock.unlock() }
    public var isRaised: Bool { lock.lock(); defer { lock.unlock() }; return raised }
}

/// Why a run could not start: the status the C ABI returns and the message.
public struct AgentRunError: Error, CustomStringConvertible {
    public let status: Int32
    public let description: String
}

/// The last model loaded, kept so that runs after the first skip the load.
private final class EngineCache: @unchecked Sendable {
    static let shared = EngineCache()
    private let lock = NSLock()
    private var path: String?
    private var engine: Engine?

    func engine(for path: String) throws -> Engine {
        lock.lock(); defer { lock.unlock() }
        if path == self.path, let engine { return engine }
        engine = nil
        let loaded = try Engine(path: path)
        (self.path, engine) = (path, loaded)
        return loaded
    }
}

public enum AgentRun {
    /// Runs the request (AgentRequest's JSON) to its end and returns the finish
    /// event's trace as JSON. `onEvent` gets each event as one JSON object, in
    /// order, on this thread; returning false stops the run as `stop` does.
    public static func run(requestJSON: String, stop: StopFlag? = nil,
                           onEvent: ((String) -> Bool)? = nil) throws -> String {
        let request: AgentRequest
        do { request = try AgentRequest(json: requestJSON) } catch {
            throw AgentRunError(status: R1CI_ERR_INVALID_ARGUMENT, description: "\(error)")
        }
        // A remote model still needs a local tokenizer: it builds the token prompt
        // the server reads and encodes the replies (and names tokens in events).
        let remote: RemoteBackend?
        do { remote = try RemoteBackend(spec: request.model) } catch {
            throw AgentRunError(status: R1CI_ERR_INVALID_ARGUMENT, description: "\(error)")
        }
        let engine: Engine
        do {
            let local = remote.map { request.tokenizer ?? $0.remoteModel } ?? request.model
            engine = try EngineCache.shared.engine(for: try ModelCatalog.resolve(local))
        } catch {
            let what = remote == nil ? "" : "remote model \(request.model) needs its tokenizer ('tokenizer': a known name or GGUF): "
            throw AgentRunError(status: R1CI_ERR_INVALID_ARGUMENT, description: what + "\(error)")
        }
        let sandbox: Sandbox
        do { sandbox = try SharedSandbox.shared.get() } catch {
            throw AgentRunError(status: R1CI_ERR_SANDBOX, description: "the sandbox cannot start: \(error)")
        }

        // The question, and the item it is when it is one.
        let questionText: String, item: TaskItem?, task: (any ReasoningTask)?
        switch request.question {
        case .item(let t, let seed, let level, let index):
            do { item = try t.item(seed: seed, level: level, index: index) } catch {
                throw AgentRunError(status: R1CI_ERR_INVALID_ARGUMENT, description: "\(error)")
            }
            (questionText, task) = (item!.question, t)
        case .text(let text):
            (questionText, item, task) = (text, nil, nil)
        }
        let traceItem = item.map { TraceItem(task: $0.task, seed: $0.seed, index: $0.index, level: $0.level) }

        let agent = CodeInterpreterAgent(runner: sandbox, limits: request.limits, style: request.style)
        // Used by the loop on one thread at a time (blockOn runs it to its end here).
        nonisolated(unsafe) let source: any TokenSource = remote.map {
            RemoteSource(backend: $0, tokenizer: engine.tokenizer, template: engine.template,
                         temperature: request.sampling.temperature, seed: request.sampling.seed, capacity: 1 << 30)
        } ?? EngineSession(engine: engine, sampling: request.sampling)
        let reporter = EventReporter(engine: engine, style: request.style, stop: stop, onEvent: onEvent)
        reporter.started(model: request.model, question: questionText, item: item, style: request.style)

        var trace = blockOn {
            await agent.run(question: questionText, item: traceItem, source: source) { reporter.agentEvent($0) }
        }
        if let task, let item {
            Scoring.score(&trace, task: task, metadata: item.metadata, config: RewardConfig())
        }
        return reporter.finished(trace)
    }
}
