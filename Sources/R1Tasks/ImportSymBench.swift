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
            let candidates = family.map { adapterReadings(family: $0, question: question, gold: gold) } ?? []
            return ImportedItem(question: question, gold: gold,
                                metadata: .object(Importer.familyOrExact(family: family, gold: gold, familyMetadata: familyMetadata,
                                                                         candidates: candidates)))
        }
        let described = family.map { "family \($0)" } ?? "no R1CI family"
        return (items, "SymBench items from \(Importer.lastComponent(folder)) (\(described)); exact match unless R1CI's verifier accepts an item's own solution.")
    }

    /// Readings of a sample as the metadata R1CI's verifier of `family` reads, for the families
    /// whose checker needs the puzzle and not only the answer. Each is only a guess: it is used
    /// when the verifier then accepts the sample's own solution (Importer.familyOrExact).
    ///   game24: the numbers are those of the solution expression (each must appear in the
    ///   question), the target one of the question's integers.
    static func adapterReadings(family: String, question: String, gold: String) -> [[String: JSONValue]] {
        switch family {
        case "game24":
            let used = integers(in: gold)
            var available = integers(in: question)
            for n in used {
                guard let i = available.firstIndex(of: n) else { return [] }
                available.remove(at: i)
            }
            let targets = [24] + integers(in: question).filter { $0 != 24 }
            var seen = Set<Int>()
            return targets.filter { seen.insert($0).inserted }.map {
                ["numbers": JSONValue(used.sorted()), "target": .int($0)]
            }
        default:
            return []
        }
    }

    /// The unsigned integers written in `text`, in order.
    static func integers(in text: String) -> [Int] {
        text.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
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
