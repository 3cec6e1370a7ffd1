// Importers: each format written here by the test itself (never fetched), read
// back, and scored against the answers the test wrote; malformed files fail
// with the file and the line or JSON path named.

import Foundation
import Testing
@testable import R1Tasks

private func scratch() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("r1ci-import-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

private func write(_ text: String, _ dir: URL, _ name: String) throws -> String {
    let url = dir.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
}

private func json(_ value: Any) throws -> String {
    String(decoding: try JSONSerialization.data(withJSONObject: value), as: UTF8.self)
}

/// The error text `body` throws, or nil.
private func importError(_ body: () throws -> Any) -> String? {
    do { _ = try body(); return nil } catch { return "\(error)" }
}

@Suite struct ImportTests {
    @Test func bbhMultipleChoiceIsScoredByLetterAndFreeFormExactly() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let snarks = "Which statement is sarcastic?\nOptions:\n(A) Yes, because having interests is bad\n(B) Yes, because having interests is good"
        let path = try write(try json(["canary": "test", "examples": [
            ["input": snarks, "target": "(A)"],
            ["input": "How would a typical person answer? Did the man cause the fire?", "target": "No"],
        ]]), dir, "snarks.json")
        let task = ImportedTask(try Importer.read(kind: .bbh, path: path))
        #expect(task.info.id == "bbh_snarks")
        #expect(task.info.source.rawValue == "imported:bbh")
        let mc = try task.item(seed: Splits.defaultEvalSeedBase, level: 0)
        #expect(mc.question == snarks && mc.gold == "(A)")
        for accepted in ["A", "(A)", "a", "A)", "(A) Yes, because having interests is bad", "Yes, because having interests is bad",
                         "The answer is (A)."] {
            #expect(task.verify(answer: accepted, metadata: mc.metadata).isCorrect, "\(accepted)")
        }
        for rejected in ["B", "(B)", "(A) or (B)", "", "Yes", "Z", "Yes, because having interests is good"] {
            #expect(!task.verify(answer: rejected, metadata: mc.metadata).isCorrect, "\(rejected)")
        }
        let free = try task.item(seed: Splits.defaultEvalSeedBase + 1, level: 0)
        #expect(free.gold == "No")
        #expect(task.verify(answer: " no. ", metadata: free.metadata).isCorrect)
        #expect(!task.verify(answer: "Yes", metadata: free.metadata).isCorrect)
        #expect(!task.verify(answer: "No, not at all", metadata: free.metadata).isCorrect)
        // The oracle prints the stored answer.
        #expect(task.oracle(metadata: free.metadata) == "print(\"No\")\n")
    }

    @Test func bbhTargetWrittenAsAnOptionsTextBecomesThatOption() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = "Find a movie similar to these.\nOptions:\n(A) Monsters, Inc\n(B) The Fly"
        let path = try write(try json(["examples": [["input": input, "target": "Monsters, Inc"]]]), dir, "movie.json")
        let def = try Importer.read(kind: .bbh, path: path)
        #expect(def.items[0].gold == "(A)" && def.scoringCounts == ["choice": 1])
        let task = ImportedTask(def)
        #expect(task.verify(answer: "A", metadata: def.items[0].metadata).isCorrect)
        #expect(task.verify(answer: "monsters, inc", metadata: def.items[0].metadata).isCorrect)
        #expect(!task.verify(answer: "(B)", metadata: def.items[0].metadata).isCorrect)
    }

    @Test func evaluationQuestionIIsStoredItemIAndPositionsWrap() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lines = (0..<5).map { try! json(["question": "q\($0)", "answer": "\($0)"]) }.joined(separator: "\n")
        let task = ImportedTask(try Importer.read(kind: .jsonl, path: try write(lines + "\n", dir, "five.jsonl")))
        for i in 0..<7 {
            let item = try task.item(seed: Splits.defaultEvalSeedBase + UInt64(i), level: 0)
            #expect(item.question == "q\(i % 5)")
        }
        #expect(try task.item(seed: 3, level: 0, index: 1).question == "q4")
        #expect(throws: TaskError.self) { try task.item(seed: 0, level: 1) }
    }

    @Test func plainJSONLChoicesAndTolerance() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try write([
            try json(["question": "Capital of France?", "answer": "Paris", "choices": ["Lyon", "Paris", "Nice"]]),
            try json(["question": "pi to two places?", "answer": 3.14, "tolerance": 0.005]),
            try json(["question": "2+2?", "answer": "4"]),
        ].joined(separator: "\n"), dir, "mixed.jsonl")
        let def = try Importer.read(kind: .jsonl, path: path, name: "mine")
        #expect(def.id == "mine" && def.items.count == 3)
        let task = ImportedTask(def)
        let mc = def.items[0]
        #expect(mc.question.hasSuffix("Options:\n(A) Lyon\n(B) Paris\n(C) Nice") && mc.gold == "(B)")
        #expect(task.verify(answer: "Paris", metadata: mc.metadata).isCorrect)
        #expect(task.verify(answer: "(B)", metadata: mc.metadata).isCorrect)
        #expect(!task.verify(answer: "Lyon", metadata: mc.metadata).isCorrect)
        let pi = def.items[1].metadata
        #expect(task.verify(answer: "3.1416", metadata: pi).isCorrect)
        #expect(task.verify(answer: "3.144", metadata: pi).isCorrect)
        #expect(!task.verify(answer: "3.146", metadata: pi).isCorrect)
        #expect(!task.verify(answer: "pi", metadata: pi).isCorrect)
        let four = def.items[2].metadata
        #expect(task.verify(answer: "4", metadata: four).isCorrect)
        #expect(!task.verify(answer: "44", metadata: four).isCorrect)
    }

    @Test func reasoningGymLinesUseR1CIsVerifierWhenItFits() throws {
        // Items in Reasoning Gym's export shape whose metadata R1CI's gcd verifier reads,
        // made from R1CI's own generator; one family R1CI lacks; one whose metadata does not fit.
        let gcd = try TaskRegistry.task("gcd")
        let made = try gcd.item(seed: 5, level: 0)
        var rgMetadata = made.metadata.objectValue!
        rgMetadata["source_dataset"] = "gcd"
        let lines = [
            try String(decoding: JSONEncoder().encode(["question": JSONValue.string(made.question), "answer": .string(made.gold),
                                                        "metadata": .object(rgMetadata)]), as: UTF8.self),
            try json(["question": "How many legs?", "answer": "8", "metadata": ["source_dataset": "no_such_family"]]),
            try json(["question": "gcd of 4 and 6?", "answer": "2", "metadata": ["source_dataset": "gcd", "unrelated": 1]]),
        ]
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let def = try Importer.read(kind: .rg, path: try write(lines.joined(separator: "\n"), dir, "export.jsonl"))
        #expect(def.scoringCounts == ["family:gcd": 1, "exact": 2])
        let task = ImportedTask(def)
        let first = def.items[0].metadata
        #expect(task.verify(answer: made.gold, metadata: first) == gcd.verify(answer: made.gold, metadata: made.metadata))
        // A substring of the gold (Reasoning Gym's partial credit) gets nothing here.
        #expect(task.verify(answer: made.gold + "1", metadata: first).score == 0)
        #expect(task.verify(answer: "8", metadata: def.items[1].metadata).isCorrect)
        #expect(task.verify(answer: "2", metadata: def.items[2].metadata).isCorrect)
    }

    @Test func symbenchFolderReadsSamplesInNumericOrder() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let folder = dir.appendingPathComponent("number_multiply")
        for (i, (q, s)) in [(10, ("Compute 2*3*4.", "24")), (2, ("Compute -1*5.", "-5")), (1, ("Compute [1,2] reversed", "[2, 1]"))] {
            _ = try write(q, folder, "sample_\(i)/question.txt")
            _ = try write(s.hasPrefix("[") ? s : "\"\(s)\"", folder, "sample_\(i)/solution.json")
        }
        let def = try Importer.read(kind: .symbench, path: folder.path)
        #expect(def.id == "symbench_number_multiply")
        #expect(def.items.map(\.question) == ["Compute [1,2] reversed", "Compute -1*5.", "Compute 2*3*4."])
        let task = ImportedTask(def)
        #expect(task.verify(answer: "[2,1]", metadata: def.items[0].metadata).isCorrect)
        #expect(!task.verify(answer: "[1,2]", metadata: def.items[0].metadata).isCorrect)
        #expect(task.verify(answer: "24", metadata: def.items[2].metadata).isCorrect)
        #expect(!task.verify(answer: "25", metadata: def.items[2].metadata).isCorrect)
    }

    @Test func symbenchGame24FolderIsScoredByR1CIsVerifier() throws {
        // A SymBench-style folder written from R1CI's own game24 items: the adapter reads the
        // numbers from each solution, and R1CI's checker then accepts any right expression.
        let game24 = try TaskRegistry.task("game24")
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let folder = dir.appendingPathComponent("game24_dataset")
        let made = try (0..<4).map { try game24.item(seed: 11, level: 1, index: UInt64($0)) }
        for (i, item) in made.enumerated() {
            _ = try write(item.question, folder, "sample_\(i)/question.txt")
            _ = try write(JSONValue.string(item.gold).canonicalJSON(), folder, "sample_\(i)/solution.json")
        }
        let def = try Importer.read(kind: .symbench, path: folder.path)
        #expect(def.scoringCounts == ["family:game24": 4])
        let task = ImportedTask(def)
        for (stored, original) in zip(def.items, made) {
            #expect(task.verify(answer: "(\(original.gold))", metadata: stored.metadata).isCorrect)
            #expect(task.oracle(metadata: stored.metadata) == "print(\(JSONValue.string(original.gold).canonicalJSON()))\n")
            // An expression that reaches the target with other numbers is still wrong.
            #expect(!task.verify(answer: "6*4", metadata: stored.metadata).isCorrect)
        }
    }

    @Test func malformedFilesNameTheFileAndTheLine() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = try json(["question": "q", "answer": "a"])
        let cases: [(ImportKind, String, String, String)] = [
            (.jsonl, "bad.jsonl", good + "\n\n{\"question\": \"q\", \"answer\": \n", "bad.jsonl:3: not valid JSON"),
            (.jsonl, "noanswer.jsonl", good + "\n" + (try json(["question": "q"])), "noanswer.jsonl:2: \"answer\" is missing"),
            (.jsonl, "choices.jsonl", try json(["question": "q", "answer": "x", "choices": ["a", "b"]]), "choices.jsonl:1: \"answer\" is neither"),
            (.jsonl, "tol.jsonl", try json(["question": "q", "answer": "abc", "tolerance": 0.1]), "tol.jsonl:1: \"tolerance\" needs a numeric answer"),
            (.jsonl, "array.jsonl", "[1, 2]\n", "array.jsonl:1: not a JSON object"),
            (.rg, "null.jsonl", try json(["question": "q", "answer": NSNull(), "metadata": [:] as [String: Any]]), "null.jsonl:1: \"answer\" is null"),
            (.bbh, "noexamples.json", "{\"items\": []}", "noexamples.json: $.examples is missing"),
            (.bbh, "target.json", try json(["examples": [["input": "a", "target": "b"], ["input": "c"]]]), "target.json: $.examples[1].target is missing"),
            (.bbh, "option.json", try json(["examples": [["input": "Options:\n(A) x\n(B) y", "target": "(D)"]]]), "option.json: $.examples[0].target (D) is not one of the input's options"),
            (.bbh, "syntax.json", "{\"examples\": [\n{\"input\": \"a\",\n\"target\" \"b\"}]}", "syntax.json: not valid JSON"),
            (.jsonl, "empty.jsonl", "\n\n", "empty.jsonl: no items"),
        ]
        for (kind, name, text, expected) in cases {
            let path = try write(text, dir, name)
            let message = importError { try Importer.read(kind: kind, path: path) }
            #expect(message?.contains(expected) == true, "\(name): \(message ?? "no error")")
            #expect(message?.contains("\n") == false)
        }
        #expect(importError { try Importer.read(kind: .bbh, path: dir.appendingPathComponent("missing.json").path) }?.contains("no such file") == true)
        let folder = dir.appendingPathComponent("game24")
        _ = try write("q", folder, "sample_0/question.txt")
        #expect(importError { try Importer.read(kind: .symbench, path: folder.path) }?.contains("sample_0/solution.json: no such file") == true)
        _ = try write("{oops", folder, "sample_0/solution.json")
        #expect(importError { try Importer.read(kind: .symbench, path: folder.path) }?.contains("sample_0/solution.json: not valid JSON") == true)
        // Names: generated ids and odd characters are refused.
        let ok = try write(good, dir, "ok.jsonl")
        #expect(importError { try Importer.read(kind: .jsonl, path: ok, name: "gcd") }?.contains("generated task") == true)
        #expect(importError { try Importer.read(kind: .jsonl, path: ok, name: "a b") }?.contains("must be") == true)
    }

    @Test func definitionRoundTripsThroughJSON() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try write(try json(["examples": [["input": "Options:\n(A) x\n(B) y", "target": "(B)"]]]), dir, "t.json")
        let def = try Importer.read(kind: .bbh, path: path)
        #expect(try ImportedTaskDefinition.decode(try def.json()) == def)
    }
}
