// SymBench / CodeSteer dataset folders: sample_<i>/question.txt and
// sample_<i>/solution.json per item, items ordered by i. The folder's name picks
// the R1CI family (e.g. `game24`, `eight_queens`, `game24_dataset`); its verifier
// scores an item when it accepts that item's own solution (Importer.familyOrExact),
// otherwise the answer must equal the solution (as text, or as the same JSON value).

import Foundation

enum SymBenchImport {
    static func items(folder: String) throws -> ([ImportedItem], String) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) else {
            throw ImportError("\(folder): no such folder")
        }
        guard isDirectory.boolValue else { throw ImportError("\(folder): not a folder of sample_*/ directories") }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let samples = names.compactMap { name -> (Int, String)? in
            guard name.hasPrefix("sample_"), let i = Int(name.dropFirst(7)) else { return nil }
            return (i, name)
        }.sorted { $0.0 < $1.0 }
        guard !samples.isEmpty else { throw ImportError("\(folder): no sample_<number> folders") }
        let family = familyID(forFolder: Importer.lastComponent(folder))
        let items = try samples.map { sample -> ImportedItem in
            let name = sample.1
            let dir = URL(fileURLWithPath: folder).appendingPathComponent(name)
            let questionPath = dir.appendingPathComponent("question.txt").path
            let solutionPath = dir.appendingPathComponent("solution.json").path
            let question = try Importer.text(questionPath).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !question.isEmpty else { throw ImportError("\(questionPath): empty question") }
            let solution = try Importer.json(try Importer.text(solutionPath), origin: solutionPath)
            guard let gold = Importer.goldText(solution), !gold.isEmpty else {
                throw ImportError("\(solutionPath): $ is null or empty, not a solution")
            }
            var familyMetadata = solution.objectValue ?? [:]
            familyMetadata["solution"] = solution
            familyMetadata["question"] = .string(question)
            return ImportedItem(question: question, gold: gold,
                                metadata: .object(Importer.familyOrExact(family: family, gold: gold, familyMetadata: familyMetadata)))
        }
        let described = family.map { "family \($0)" } ?? "no R1CI family"
        return (items, "SymBench items from \(Importer.lastComponent(folder)) (\(described)); exact match unless R1CI's verifier accepts an item's own solution.")
    }

    /// The generated SymBench task a folder name refers to, if any: the name lowercased,
    /// with "_dataset"/"dataset_" and separators dropped, compared the same way with ids.
    static func familyID(forFolder name: String) -> String? {
        func key(_ s: String) -> String {
            s.lowercased().replacingOccurrences(of: "dataset", with: "").filter { $0.isLetter || $0.isNumber }
        }
        let wanted = key(name)
        let aliases = ["2048": "game2048", "sudoku": "sudoku", "standardsudoku": "sudoku", "eightqueen": "eight_queens"]
        if let id = aliases[wanted], TaskRegistry.isGenerated(id) { return id }
        return TaskRegistry.all.first { $0.info.source == .symbench && key($0.info.id) == wanted }?.info.id
            ?? TaskRegistry.all.first { key($0.info.id) == wanted }?.info.id
    }
}
