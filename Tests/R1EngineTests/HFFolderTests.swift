// Hugging Face folders against independent oracles (make_tiny_hf.py): the
// engine's logits from a safetensors folder vs a float64 numpy forward pass; the
// same weights as a GGUF (llama Q/K permuted) giving the same logits;
// tokenizer.json encode/decode vs the `tokenizers` library (tiny trained BPEs
// with the smollm and qwen2+NFC pre-tokenizers, and SmolLM2's real vocabulary).
import Foundation
import Testing
@testable import R1Engine

@Suite struct HFFolderTests {
    @Test(arguments: ["hf-llama", "hf-qwen2"])
    func folderMatchesFloat64Reference(name: String) throws {
        let (dir, exp) = try TinyHF.get()
        let g = try #require(exp.models[name])
        let engine = try Engine(folder: dir + "/" + name, threads: 2)
        let c = engine.model.config
        #expect(c.arch == (name == "hf-llama" ? "llama" : "qwen2") && c.ropeNeox && c.vocab == g.vocab)
        #expect(engine.model.tiedEmbeddings == g.tied)
        #expect((engine.model.layers[0].bq != nil) == (name == "hf-qwen2"))
        for (label, out) in [("prefill", engine.logits(g.tokens)), ("decode-f32", engine.stepLogits(g.tokens, precision: .f32))] {
            let (d, scale) = logitError(out, g.logits)
            #expect(d < 1e-4 * max(1, scale), "\(name) \(label): max |Δ| \(d), logit scale \(scale)")
        }
        let (dq, scale) = logitError(engine.stepLogits(g.tokens, precision: .int8Activations), g.logits)
        #expect(dq < 0.05 * max(1, scale), "\(name) int8 decode: max |Δ| \(dq)")
    }

    @Test(arguments: ["hf-llama", "hf-qwen2"])
    func ggufTwinGivesTheSameLogits(name: String) throws {
        let (dir, exp) = try TinyHF.get()
        let g = try #require(exp.models[name])
        let folder = try Engine(path: dir + "/" + name, threads: 2)
        let gguf = try Engine(path: dir + "/" + name + ".gguf", threads: 2)
        #expect(gguf.model.config.ropeNeox == (name == "hf-qwen2"))   // llama GGUF: adjacent pairs
        let a = folder.logits(g.tokens), b = gguf.logits(g.tokens)
        let d = zip(a, b).reduce(0.0) { max($0, Double(abs($1.0 - $1.1))) }
        #expect(d < 1e-4 * max(1, logitError(a, g.logits).scale), "\(name): folder vs GGUF max |Δ| \(d)")
        // Same tokenizer from tokenizer.json and from GGUF metadata.
        let text = "<|im_start|>user\nWhat is 17 * 23? café<|im_end|>\n"
        #expect(folder.tokenizer.encode(text, parseSpecial: true) == gguf.tokenizer.encode(text, parseSpecial: true))
    }

    @Test func tokenizerConfigAndGenerationConfig() throws {
        let (dir, exp) = try TinyHF.get()
        for name in ["hf-llama", "hf-qwen2"] {
            let g = try #require(exp.models[name])
            let e = try Engine(folder: dir + "/" + name, threads: 1)
            let t = e.tokenizer
            #expect(t.eos == g.eos && t.padding == g.pad && t.bos == nil && !t.addBOS)
            #expect(t.endOfGeneration == Set(g.eog))
            #expect(t.normalization == (name == "hf-qwen2" ? .nfc : .none))
            #expect(t.pre == (name == "hf-qwen2" ? "qwen2" : "smollm"))
            #expect(e.template.text?.contains("<|im_start|>") == true)
            let chat = e.template.render([ChatMessage(role: "user", content: "Hi")], addGenerationPrompt: true)
            #expect(chat.hasPrefix(name == "hf-qwen2" ? "<|im_start|>system\nYou are Qwen" : "<|im_start|>user\nHi"))
        }
    }

    @Test(arguments: ["hf-llama", "hf-qwen2", "smollm2"])
    func tokenizerJSONMatchesHF(name: String) throws {
        let (dir, exp) = try TinyHF.get()
        guard let goldens = exp.tokenizers[name] else {
            print("skipping \(name) tokenizer.json check: \(TinyHF.smolLM2Path) missing (run `make test` set-up)")
            return
        }
        let path = name == "smollm2" ? dir + "/smollm2-tokenizer.json" : dir + "/\(name)/tokenizer.json"
        let tok = try Tokenizer(tokenizerJSON: path)
        var bad: [String] = []
        for g in goldens.encode where tok.encode(g.text, parseSpecial: true) != g.ids {
            bad.append("\(g.text.debugDescription): got \(tok.encode(g.text, parseSpecial: true)) want \(g.ids)")
        }
        #expect(goldens.encode.count >= 600)
        #expect(bad.isEmpty, "\(name): \(bad.count) mismatches, first: \(bad.prefix(3).joined(separator: "\n"))")
        let badDecode = goldens.decode.filter { tok.decode($0.ids) != $0.text }
        #expect(badDecode.isEmpty, "\(name): \(badDecode.count) decode mismatches")
        if name == "smollm2" {   // tokenizer.json and GGUF metadata give the same tokenizer
            #expect(tok.tokens == Fixtures.smollm.tokens && tok.mergeList == Fixtures.smollm.mergeList)
            for g in goldens.encode.prefix(200) { #expect(Fixtures.smollm.encode(g.text, parseSpecial: true) == g.ids) }
        }
    }

    @Test func nfcAppliesBetweenSpecialTokens() throws {
        let (dir, _) = try TinyHF.get()
        let tok = try Tokenizer(tokenizerJSON: dir + "/hf-qwen2/tokenizer.json")
        #expect(tok.encode("cafe\u{301}") == tok.encode("caf\u{e9}"))
        #expect(tok.encode("<|im_end|>e\u{301}", parseSpecial: true) == tok.encode("<|im_end|>\u{e9}", parseSpecial: true))
        let plain = try Tokenizer(tokenizerJSON: dir + "/hf-llama/tokenizer.json")
        #expect(plain.encode("cafe\u{301}") != plain.encode("caf\u{e9}"))
    }
}
