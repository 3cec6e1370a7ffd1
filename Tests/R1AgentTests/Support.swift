// Shared pieces of the agent tests: the real SmolLM2 engine (when installed),
// one sandbox, and a scripted token source that types a fixed text one
// character per token, so the loop's edge cases can be driven exactly. After
// an answer the loop asks it for the end-of-turn token: 0, as at end of script.

import Foundation
import R1Agent
import R1Engine
import R1Sandbox

enum Shared {
    static let smolPath: String? = try? ModelCatalog.resolve("smollm2-135m")
    static let engine: Engine? = smolPath.flatMap { try? Engine(path: $0, threads: 2) }

    static let sandbox: Sandbox = {
        do { return try Sandbox(config: SandboxConfig(slots: 1, preload: ["math"])) }
        catch { fatalError("sandbox could not start on this host: \(error)") }
    }()
}

/// A token source that "generates" a script: token = a character's Unicode
/// scalar value, so text and tokens map one to one. Token 0 is end-of-sequence,
/// produced when the script runs out.
final class ScriptedSource: TokenSource {
    private var script: [Character]
    private var position = 0
    /// Everything appended and generated, in order (what a model would have seen).
    private(set) var seen: [Int32] = []
    let capacity: Int

    init(_ script: String, capacity: Int = 1 << 30) {
        self.script = Array(script)
        self.capacity = capacity
    }

    static func tokens(_ text: String) -> [Int32] { text.unicodeScalars.map { Int32(bitPattern: $0.value) } }

    func renderPrompt(system: String, user: String) -> (text: String, tokens: [Int32]) {
        let text = "[system]\(system)[user]\(user)[assistant]"
        return (text, Self.tokens(text))
    }
    func encodeAppended(_ text: String) -> [Int32] { Self.tokens(text) }
    var remaining: Int { capacity - seen.count }
    func append(_ tokens: [Int32]) throws { seen += tokens }

    func generate(maxTokens: Int, stop: @escaping (String) -> Bool,
                  onEvent: ((StreamEvent) -> Bool)?) throws -> SessionTurn {
        var turn = SessionTurn()
        while true {
            if position == script.count {
                turn.tokens.append(0); turn.logprobs.append(-0.5); seen.append(0)
                turn.reason = .endOfGeneration
                return turn
            }
            let c = script[position]
            position += 1
            let ids = Self.tokens(String(c))
            turn.tokens += ids; turn.logprobs += ids.map { _ in -0.25 }; seen += ids
            turn.text.append(c)
            if stop(String(c)) { turn.reason = .stopped; return turn }
            if turn.tokens.count >= maxTokens { turn.reason = .length; return turn }
            if remaining <= 0 { turn.reason = .context; return turn }
        }
    }

    /// The end-of-turn token after an answer: 0 (the script's end-of-sequence), log-probability -0.125.
    func closeTurn() throws -> (token: Int32, logprob: Float)? {
        seen.append(0)
        return (0, -0.125)
    }
}
