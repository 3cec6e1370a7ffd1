// Tokenizer vs goldens made by the Hugging Face `tokenizers` library
// (make_tokenizer_goldens.py): encode over 1,200 strings with the smollm
// pre-tokenizer, 600 with the qwen2 one, and decode of 300 random id lists.
import Foundation
import Testing
@testable import R1Engine

struct TokenizerGoldens: Decodable {
    struct Enc: Decodable { let text: String; let ids: [Int32] }
    struct Dec: Decodable { let ids: [Int32]; let text: String }
    let smollm: [Enc]
    let qwen2: [Enc]
    let decode: [Dec]
}

enum Fixtures {
    static func url(_ name: String) -> URL {
        Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)!
    }
    static let vocab: GGUFFile = try! GGUFFile(path: url("smollm2-vocab.gguf").path)
    static let smollm: Tokenizer = try! Tokenizer(gguf: vocab)
    static let goldens: TokenizerGoldens = try! JSONDecoder().decode(
        TokenizerGoldens.self, from: Data(contentsOf: url("tokenizer_goldens.json")))
}

@Suite struct TokenizerTests {
    @Test func smollmEncodeMatchesHF() {
        let tok = Fixtures.smollm
        var bad: [String] = []
        for g in Fixtures.goldens.smollm {
            let ids = tok.encode(g.text, parseSpecial: true)
            if ids != g.ids { bad.append("\(g.text.debugDescription): got \(ids) want \(g.ids)") }
        }
        #expect(Fixtures.goldens.smollm.count >= 1000)
        #expect(bad.isEmpty, "\(bad.count) mismatches, first: \(bad.prefix(5).joined(separator: "\n"))")
    }

    @Test func qwen2PreTokenizerMatchesHF() throws {
        let v = Fixtures.vocab
        let toks = v["tokenizer.ggml.tokens"]!.array!.map { $0.string! }
        let merges = v["tokenizer.ggml.merges"]!.array!.map { $0.string! }
        let types = v["tokenizer.ggml.token_type"]!.array!.map { Int32($0.int!) }
        let tok = try Tokenizer(tokens: toks, merges: merges, types: types, pre: "qwen2", bos: nil, eos: 2)
        var bad: [String] = []
        for g in Fixtures.goldens.qwen2 {
            let ids = tok.encode(g.text, parseSpecial: true)
            if ids != g.ids { bad.append("\(g.text.debugDescription): got \(ids) want \(g.ids)") }
        }
        #expect(bad.isEmpty, "\(bad.count) mismatches, first: \(bad.prefix(5).joined(separator: "\n"))")
    }

    @Test func decodeMatchesHF() {
        let tok = Fixtures.smollm
        var bad = 0
        for g in Fixtures.goldens.decode where tok.decode(g.ids) != g.text { bad += 1 }
        #expect(bad == 0)
        for g in Fixtures.goldens.smollm { #expect(tok.decode(g.ids) == g.text) }
    }

    @Test func heapMergeLoopEqualsRescanLoop() {
        var r = Rand(99)
        let tok = Fixtures.smollm
        for g in Fixtures.goldens.smollm {
            let b = Array(g.text.utf8)
            let (s, l) = tok.bpeBoth(b)
            #expect(s == l)
        }
        for _ in 0..<300 {
            let alphabet = Array("aeinrstl thg".utf8) + Array("éü".utf8)
            let piece = (0..<(2 + Int(r.unit() * 60))).map { _ in alphabet[Int(r.unit() * Double(alphabet.count))] }
            let (s, l) = tok.bpeBoth(piece)
            #expect(s == l)
        }
        // long pieces stay fast (no quadratic blow-up)
        let t0 = Date()
        #expect(tok.encode(String(repeating: "abcdefghij", count: 2000)).count == 8000)
        #expect(Date().timeIntervalSince(t0) < 5)
    }

    @Test func specialsOnlyWhenAsked() {
        let tok = Fixtures.smollm
        #expect(tok.encode("<|im_start|>", parseSpecial: true) == [1])
        #expect(tok.encode("<|im_start|>", parseSpecial: false).count > 1)
        #expect(tok.endOfGeneration == [0, 2])
        #expect(tok.bos == 1 && tok.eos == 2 && !tok.addBOS)
    }

    @Test func chatTemplate() {
        let s = ChatTemplate.chatML(system: .smolLM).render([ChatMessage(role: "user", content: "Hi")], addGenerationPrompt: true)
        #expect(s == "<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n")
        let t = ChatTemplate.chatML(system: .smolLM).render([ChatMessage(role: "system", content: "S"), ChatMessage(role: "user", content: "U")], addGenerationPrompt: false)
        #expect(t == "<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nU<|im_end|>\n")
    }
}
