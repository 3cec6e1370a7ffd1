// SFT synthesis: oracle traces through the real loop and sandbox with the
// SmolLM2 tokenizer; every kept trace passes the task's verifier, its loss mask
// is 0 exactly on the execution-result blocks (rebuilt here from the cells'
// stdout), the same seed gives the same traces, the cap holds, teacher
// rejection sampling drops what the verifier rejects, and the exported JSONL
// read by the SFT encoder gives back the trace's ids and masks token for token.

import Foundation
import Testing
import R1Agent
import R1Engine
import R1Sandbox
import R1Store
import R1Tasks
import R1Train

@Suite(.serialized, .enabled(if: Shared.engine != nil, "SmolLM2-135M is not installed"))
struct SynthTests {
    let tasks = ["game24", "navigate", "number_sorting", "chain_sum"]

    func oracle(_ config: SynthConfig) async throws -> (SynthCounts, [SynthTrace]) {
        let engine = try #require(Shared.engine)
        var kept: [SynthTrace] = []
        let counts = try await SynthRunner(config: config, runner: Shared.sandbox)
            .runOracle(tokenizer: engine.tokenizer, template: engine.template, capacity: engine.model.config.contextLength) {
                kept.append($0)
            }
        return (counts, kept)
    }

    @Test func oracleTracesPassTheVerifierAndMaskExactlyTheResults() async throws {
        let engine = try #require(Shared.engine)
        var config = SynthConfig(source: .oracle, tasks: tasks, count: 3, seed: 11)
        config.checkShare = 0.5
        let (counts, kept) = try await oracle(config)
        #expect(counts.attempted == 12 && counts.kept == 12 && counts.dropped.isEmpty, "\(counts)")
        #expect(Set(kept.compactMap { $0.trace.item?.task }) == Set(tasks))
        for k in kept {
            let t = k.trace, item = try #require(t.item)
            let task = try TaskRegistry.task(item.task)
            let taskItem = try task.item(seed: item.seed, level: item.level, index: item.index)
            #expect(task.verify(answer: try #require(t.answer), metadata: taskItem.metadata).isCorrect)
            #expect(t.end == .answer && t.verdict?.isCorrect == true)
            // Variants: code = one call, check = two (the second prints "match"), text = none.
            switch k.variant {
            case .code: #expect(t.cells.count == 1 && t.cells[0].code == task.oracle(metadata: taskItem.metadata))
            case .check: #expect(t.cells.count == 2 && t.cells[1].result?.stdout == "match\n")
            case .text: #expect(t.cells.isEmpty && taskItem.gold.count <= 12 && item.level == 0)
            case .teacher: Issue.record("oracle synthesis made a teacher trace")
            }
            // The mask: after the prompt, the 0-runs decode to exactly the result blocks of the cells, in order.
            let ids = t.tokenIDs, mask = t.lossMask
            let start = t.promptTokens
            #expect(mask[..<start].allSatisfy { $0 == 0 })
            var zeroRuns: [String] = [], run: [Int32] = []
            for i in start..<ids.count {
                if mask[i] == 0 { run.append(ids[i]) } else if !run.isEmpty { zeroRuns.append(engine.tokenizer.decode(run)); run = [] }
            }
            #expect(run.isEmpty, "a trace ends on a model token")
            let expected = t.cells.map { "\nCode Execution Results:\n```\n\($0.result!.stdout.trimmingCharacters(in: .newlines))\n```\n" }
            #expect(zeroRuns == expected)
            // The answer's turn ends with <|im_end|>, trained on.
            #expect(ids.last == engine.tokenizer.id(of: "<|im_end|>") && mask.last == 1)
        }
        #expect(Set(kept.map(\.variant)).isSuperset(of: [.code, .check]))
    }

    @Test func sameSeedSameTracesOtherSeedOtherWords() async throws {
        let config = SynthConfig(source: .oracle, tasks: ["navigate", "chain_sum"], count: 3, seed: 5)
        let (_, a) = try await oracle(config)
        let (_, b) = try await oracle(config)
        #expect(a.map(\.trace.tokenIDs) == b.map(\.trace.tokenIDs) && a.map(\.variant) == b.map(\.variant))
        var other = config
        other.seed = 6
        let (_, c) = try await oracle(other)
        #expect(a.map(\.trace.modelText) != c.map(\.trace.modelText))
    }

    @Test func capStopsEachTask() async throws {
        var config = SynthConfig(source: .oracle, tasks: ["number_sorting", "game24"], count: 6, seed: 0)
        config.cap = 2
        let (counts, kept) = try await oracle(config)
        #expect(counts.perTask == ["number_sorting": 2, "game24": 2] && kept.count == 4 && counts.items == 4)
    }

    @Test func textOnlyTracesAreMarkedAndRunNoCode() async throws {
        var config = SynthConfig(source: .oracle, tasks: ["chain_sum"], count: 4, seed: 3)
        config.textShare = 1
        config.level = "0"
        let (counts, kept) = try await oracle(config)
        #expect(counts.kept == 4 && kept.allSatisfy { $0.variant == .text && $0.trace.cells.isEmpty })
        #expect(kept.allSatisfy { $0.trace.style != .code })
    }

    @Test func teacherRejectionSamplingKeepsOnlyVerifiedAndHoldsTheCap() async throws {
        // A scripted teacher answering right on every other sample: half the traces are rejected.
        let counter = Counter()
        var config = SynthConfig(source: .teacher, tasks: ["chain_sum", "number_sorting"], count: 3, seed: 9)
        config.samples = 2
        config.cap = 2
        var golds: [String: String] = [:]
        for id in config.tasks {
            for i in 0..<config.count { let item = try config.item(try TaskRegistry.task(id), i); golds[item.question] = item.gold }
        }
        let known = golds
        let open: @Sendable (SamplingParams) throws -> any TokenSource = { _ in
            ItemAnswerer(golds: known, right: counter.next() % 2 == 0)
        }
        var kept: [SynthTrace] = []
        let counts = try await SynthRunner(config: config, runner: Shared.sandbox).runTeacher(.sources(open)) { kept.append($0) }
        #expect(counts.perTask == ["chain_sum": 2, "number_sorting": 2])
        #expect(kept.allSatisfy { $0.variant == .teacher && $0.trace.verdict?.isCorrect == true })
        #expect(counts.dropped["rejected"] == counts.attempted - counts.kept - (counts.dropped["over_cap"] ?? 0))
        #expect((counts.dropped["rejected"] ?? 0) >= 2)
    }

    @Test func exportedJSONLTrainsOnExactlyTheTraceMasks() async throws {
        let engine = try #require(Shared.engine)
        var config = SynthConfig(source: .oracle, tasks: tasks, count: 2, seed: 21)
        config.checkShare = 0.5; config.textShare = 0.5
        let (_, kept) = try await oracle(config)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("synth-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try SynthExport.write(kept, to: file)
        let conversations = try readChatJSONL(path: file)
        #expect(conversations.count == kept.count)
        let encoder = SFTEncoder(tokenizer: engine.tokenizer, template: engine.template)
        let newline = engine.tokenizer.encode("\n")
        for (k, messages) in zip(kept, conversations) {
            let t = k.trace
            #expect(messages.map(\.role).prefix(3) == ["system", "user", "assistant"])
            #expect(messages.filter { $0.role == "tool" }.count == t.cells.count)
            let example = try encoder.encode(messages)
            // The trace, token for token, then the template's newline after <|im_end|> (not trained on).
            #expect(Array(example.tokens.prefix(t.tokenIDs.count)) == t.tokenIDs)
            #expect(Array(example.modelMask.prefix(t.tokenIDs.count)) == t.lossMask.map(Float.init))
            #expect(Array(example.tokens.dropFirst(t.tokenIDs.count)) == newline)
            #expect(example.modelMask.dropFirst(t.tokenIDs.count).allSatisfy { $0 == 0 })
        }
    }

    @Test func exportWritesWholeFilesOrNothing() throws {
        #expect(throws: AgentError.self) { try SynthExport.write([], to: "/nonexistent-dir/x.jsonl") }
        #expect(!FileManager.default.fileExists(atPath: "/nonexistent-dir/x.jsonl"))
        let dir = FileManager.default.temporaryDirectory.path
        #expect(throws: AgentError.self) { try SynthExport.write([], to: dir) }
    }
}

/// Counts calls across concurrent closures.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func next() -> Int { lock.withLock { defer { n += 1 }; return n } }
}

/// A scripted teacher that looks the question's gold answer up and gives it, or a wrong one.
final class ItemAnswerer: TokenSource, @unchecked Sendable {
    let golds: [String: String]
    let right: Bool
    private var inner = ScriptedSource("")
    init(golds: [String: String], right: Bool) { self.golds = golds; self.right = right }

    func renderPrompt(system: String, user: String) -> (text: String, tokens: [Int32]) {
        inner = ScriptedSource(right ? "It is <<<\(golds[user] ?? "?")>>>" : "It is <<<not this>>>")
        return inner.renderPrompt(system: system, user: user)
    }
    func encodeAppended(_ text: String) -> [Int32] { inner.encodeAppended(text) }
    var remaining: Int { inner.remaining }
    func append(_ tokens: [Int32]) throws { try inner.append(tokens) }
    func generate(maxTokens: Int, stop: @escaping (String) -> Bool, onEvent: ((StreamEvent) -> Bool)?) throws -> SessionTurn {
        try inner.generate(maxTokens: maxTokens, stop: stop, onEvent: onEvent)
    }
    func closeTurn() throws -> (token: Int32, logprob: Float)? { try inner.closeTurn() }
}
