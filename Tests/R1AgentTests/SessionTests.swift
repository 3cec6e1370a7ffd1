// EngineSession on the real SmolLM2: generating, appending tokens of our own and
// generating again on the kept KV cache gives, token for token, what greedy
// decoding over the whole concatenation gives when the model reads it all at
// once (teacher forcing with Engine.logits, an independent forward from scratch).

import Foundation
import Testing
import R1Engine

@Suite(.serialized, .enabled(if: Shared.engine != nil, "SmolLM2-135M is not installed"))
struct SessionTests {
    @Test func continuationMatchesTeacherForcedGreedy() throws {
        let engine = try #require(Shared.engine)
        let V = engine.model.config.vocab
        let session = EngineSession(engine: engine, capacity: 512, sampling: .greedy, precision: .f32)
        let prompt = engine.renderChat([ChatMessage(role: "user", content: "Count from one to twenty in words.")])
        try session.append(prompt)
        let first = try session.generate(maxTokens: 12)
        let inserted = engine.tokenizer.encode("\nCode Execution Results:\n```\n7 8 9\n```\n")
        try session.append(inserted)
        let second = try session.generate(maxTokens: 12)
        #expect(first.reason == .length && second.reason == .length)
        #expect(session.tokens == prompt + first.tokens + inserted + second.tokens)

        // Teacher forcing: logits at every position of the whole sequence in one pass.
        let all = prompt + first.tokens + inserted + second.tokens
        let logits = engine.logits(Array(all.dropLast()))
        func check(_ turn: SessionTurn, from start: Int) {
            for (i, token) in turn.tokens.enumerated() {
                let row = Array(logits[((start + i - 1) * V)..<((start + i) * V)])
                let sorted = row.sorted(by: >)
                let best = row.firstIndex(of: sorted[0])!
                // Clear argmax: the session's token is the same; always: its logprob is the row's log-softmax.
                if sorted[0] - sorted[1] > 0.01 { #expect(Int(token) == best, "position \(start + i)") }
                let m = Double(sorted[0])
                let logZ = m + log(row.reduce(0.0) { $0 + exp(Double($1) - m) })
                #expect(abs(Double(turn.logprobs[i]) - (Double(row[Int(token)]) - logZ)) < 2e-3)
            }
        }
        check(first, from: prompt.count)
        check(second, from: prompt.count + first.tokens.count + inserted.count)
        #expect(first.text == engine.tokenizer.decode(first.tokens))
    }

    @Test func stopCheckEndsRightAfterTheTokenThatTriggeredIt() throws {
        let engine = try #require(Shared.engine)
        let session = EngineSession(engine: engine, capacity: 512)
        try session.append(engine.renderChat([ChatMessage(role: "user", content: "Say hello.")]))
        var seen = ""
        let turn = try session.generate(maxTokens: 40, stop: { seen += $0; return seen.count >= 5 })
        #expect(turn.reason == .stopped)
        #expect(turn.text == seen && seen.count >= 5)
        #expect(engine.tokenizer.decode(Array(turn.tokens.dropLast())).count < 5)
    }

    @Test func fullContextStopsGenerationAndRefusesAppends() throws {
        let engine = try #require(Shared.engine)
        let prompt = engine.renderChat([ChatMessage(role: "user", content: "Hi")])
        let session = EngineSession(engine: engine, capacity: prompt.count + 3)
        try session.append(prompt)
        let turn = try session.generate(maxTokens: 100)
        #expect(turn.reason == .context || turn.reason == .endOfGeneration)
        #expect(session.tokens.count == session.capacity || turn.reason == .endOfGeneration)
        #expect(throws: EngineError.self) { try session.append(Array(repeating: 1, count: 10)) }
    }
}
