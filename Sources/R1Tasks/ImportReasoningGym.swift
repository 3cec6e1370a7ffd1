// Reasoning Gym JSONL exports: one {"question": str, "answer": str,
// "metadata": {"source_dataset": name, ...}} per line. When R1CI generates the
// family named by source_dataset and its verifier accepts the line's own answer
// on the line's metadata, that verifier scores the item; otherwise exact match.

enum ReasoningGymImport {
    static func items(path: String) throws -> [ImportedItem] {
        try Importer.jsonlObjects(path).map { line, fields in
            let at = "\(path):\(line)"
            guard let question = fields["question"]?.stringValue else { throw ImportError("\(at): \"question\" is missing or not a string") }
            guard let answerValue = fields["answer"] else { throw ImportError("\(at): \"answer\" is missing") }
            guard let gold = Importer.goldText(answerValue) else {
                throw ImportError("\(at): \"answer\" is null (items without a gold answer cannot be imported)")
            }
            var metadata: [String: JSONValue] = [:]
            if let m = fields["metadata"] {
                guard let object = m.objectValue else { throw ImportError("\(at): \"metadata\" is not an object") }
                metadata = object
            }
            let family = metadata["source_dataset"]?.stringValue
            var scoring = Importer.familyOrExact(family: family, gold: gold, familyMetadata: metadata)
            if let family { scoring["source_dataset"] = .string(family) }
            return ImportedItem(question: question, gold: gold, metadata: .object(scoring))
        }
    }
}
