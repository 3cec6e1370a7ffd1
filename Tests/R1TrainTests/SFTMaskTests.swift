// Loss masks of SFT conversations: hand-written traces whose model-written text
// is spelled out by hand; the masked-in tokens, decoded span by span, must give
// back exactly that text, and all tokens must decode to the rendered chat.

import XCTest
@testable import R1Train
import R1Engine

final class SFTMaskTests: XCTestCase {
    func testSplitFindsBothResultBlockForms() {
        let outside = "Let me compute.\n```python\nprint(6*7)\n```\nCode Execution Results:\n```\n42\n```\nSo <<<42>>>"
        XCTAssertEqual(splitExecutionResults(outside), [
            TraceSegment("Let me compute.\n```python\nprint(6*7)\n```\n", byModel: true),
            TraceSegment("Code Execution Results:\n```\n42\n```\n", byModel: false),
            TraceSegment("So <<<42>>>", byModel: true)])
        let inside = "```python\nprint(1)\n```\n```\nCode Execution Results:\n1\n```\nDone."
        XCTAssertEqual(splitExecutionResults(inside), [
            TraceSegment("```python\nprint(1)\n```\n", byModel: true),
            TraceSegment("```\nCode Execution Results:\n1\n```\n", byModel: false),
            TraceSegment("Done.", byModel: true)])
        let bare = "x\nCode Execution Results: 3\ny"
        XCTAssertEqual(splitExecutionResults(bare), [
            TraceSegment("x\n", byModel: true), TraceSegment("Code Execution Results: 3\n", byModel: false),
            TraceSegment("y", byModel: true)])
        let cutOff = "a\nCode Execution Results:\n```\nTraceback (most recent"
        XCTAssertEqual(splitExecutionResults(cutOff), [
            TraceSegment("a\n", byModel: true), TraceSegment("Code Execution Results:\n```\nTraceback (most recent", byModel: false)])
        XCTAssertEqual(splitExecutionResults("no tools"), [TraceSegment("no tools", byModel: true)])
    }

    func smolTokenizer() throws -> (Tokenizer, ChatTemplate) {
        let path = ModelCatalog.cacheDirectory() + "/SmolLM2-135M-Instruct.Q4_1.gguf"
        try XCTSkipUnless(FileManager.default.fileExists(atPath: path), "SmolLM2 not downloaded")
        let g = try GGUFFile(path: path)
        return (try Tokenizer(gguf: g), ChatTemplate.forModel(g))
    }

    /// The decoded text of each maximal run of mask-1 tokens.
    func maskedRuns(_ e: SFTExample, _ tok: Tokenizer) -> [String] {
        var runs: [String] = [], current: [Int32] = []
        for (id, m) in zip(e.tokens, e.modelMask) {
            if m > 0 { current.append(id) } else if !current.isEmpty { runs.append(tok.decode(current)); current = [] }
        }
        if !current.isEmpty { runs.append(tok.decode(current)) }
        return runs
    }

    func testMultiTurnTraceMasksPromptAndResults() throws {
        let (tok, template) = try smolTokenizer()
        let first = "I will compute it.\n```python\nprint(sum(range(10)))\n```\nCode Execution Results:\n```\n45\n```\nThe sum is <<<45>>>"
        let second = "```python\nprint(2**10)\n```\n```\nCode Execution Results:\n1024\n```\nSo <<<1024>>>"
        let messages = [ChatMessage(role: "system", content: "Use python."),
                        ChatMessage(role: "user", content: "Sum 0..9?"),
                        ChatMessage(role: "assistant", content: first),
                        ChatMessage(role: "user", content: "And 2^10?"),
                        ChatMessage(role: "assistant", content: second)]
        let e = try SFTEncoder(tokenizer: tok, template: template).encode(messages)
        XCTAssertEqual(tok.decode(e.tokens), template.render(messages, addGenerationPrompt: false))
        XCTAssertEqual(maskedRuns(e, tok), [
            "I will compute it.\n```python\nprint(sum(range(10)))\n```\n",
            "The sum is <<<45>>><|im_end|>",
            "```python\nprint(2**10)\n```\n",
            "So <<<1024>>><|im_end|>"])
    }

    func testDefaultSystemTurnIsPrompt() throws {
        let (tok, template) = try smolTokenizer()
        let messages = [ChatMessage(role: "user", content: "Hi"), ChatMessage(role: "assistant", content: "Hello!")]
        let e = try SFTEncoder(tokenizer: tok, template: template).encode(messages)
        XCTAssertEqual(tok.decode(e.tokens), template.render(messages, addGenerationPrompt: false))
        XCTAssertTrue(tok.decode(e.tokens).contains("named SmolLM"))
        XCTAssertEqual(maskedRuns(e, tok), ["Hello!<|im_end|>"])
    }

    func testSplitShuffleAndPadding() throws {
        let ex = (0..<20).map { i in SFTExample(tokens: (0..<Int32(3 + i % 4)).map { $0 + Int32(i) },
                                                 modelMask: [0] + [Float](repeating: 1, count: 2 + i % 4)) }
        let a = try SFTDataset(ex, maxTokens: 100, evalFraction: 0.1, seed: 7)
        let b = try SFTDataset(ex, maxTokens: 100, evalFraction: 0.1, seed: 7)
        let c = try SFTDataset(ex, maxTokens: 100, evalFraction: 0.1, seed: 8)
        XCTAssertEqual(a.heldOut.count, 2); XCTAssertEqual(a.train.count, 18)
        XCTAssertEqual(a.heldOut, b.heldOut); XCTAssertEqual(a.train, b.train)
        XCTAssertNotEqual(a.train, c.train)
        XCTAssertEqual(Set((a.heldOut + a.train).map(\.tokens)), Set(ex.map(\.tokens)))
        var s1 = SFTSampler(a.train, seed: 3), s2 = SFTSampler(a.train, seed: 3)
        XCTAssertEqual(s1.next(40).map(\.tokens), s2.next(40).map(\.tokens))
        var s3 = SFTSampler(a.train, seed: 3)
        XCTAssertEqual(Set(s3.next(18).map(\.tokens)), Set(a.train.map(\.tokens)), "one epoch visits every example once")

        let rows = [SFTExample(tokens: [5, 6, 7, 8], modelMask: [0, 0, 1, 1]), SFTExample(tokens: [9, 10], modelMask: [0, 1])]
        let batch = paddedBatch(rows, pad: 0)
        XCTAssertEqual(batch.rows, 2)
        XCTAssertEqual(batch.tokens, [5, 6, 7, 9, 0, 0])
        XCTAssertEqual(batch.targets, [6, 7, 8, 10, 0, 0])
        XCTAssertEqual(batch.mask, [0, 1, 1, 1, 0, 0])
    }

    func testNoModelTokensIsAnError() {
        let ex = [SFTExample(tokens: [1, 2, 3], modelMask: [0, 0, 0]), SFTExample(tokens: [1, 2, 3, 4], modelMask: [0, 0, 0, 1])]
        XCTAssertThrowsError(try SFTDataset(ex, maxTokens: 3, evalFraction: 0, seed: 0)) {
            XCTAssertTrue("\($0)".contains("no model tokens"), "\($0)")
        }
    }
}
