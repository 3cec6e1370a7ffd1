// Plain JSONL: one {"question": str, "answer": str or number,
// "choices": [str, ...] (optional), "tolerance": number (optional)} per line.
// With choices the question gains an "Options:" list and the answer is scored by
// option letter or text; with a tolerance the answer must be a number within it
// (absolute); otherwise exact after normalisation.

enum PlainJSONLImport {
    static let letters = (65...90).map { String(UnicodeScalar(UInt8($0))) }

    static func items(path: String) throws -> [ImportedItem] {
        try Importer.jsonlObjects(path).map { line, fields in
            let at = "\(path):\(line)"
            guard let question = fields["question"]?.stringValue else { throw ImportError("\(at): \"question\" is missing or not a string") }
            guard let answerValue = fields["answer"], let gold = Importer.goldText(answerValue), !gold.isEmpty else {
                throw ImportError("\(at): \"answer\" is missing or empty")
            }
            if let choicesValue = fields["choices"] {
                guard let choices = choicesValue.stringArray, (2...26).contains(choices.count) else {
                    throw ImportError("\(at): \"choices\" must be a list of 2 to 26 strings")
                }
                guard let index = choices.firstIndex(of: gold) ?? letters.firstIndex(of: gold).flatMap({ $0 < choices.count ? $0 : nil }) else {
                    throw ImportError("\(at): \"answer\" is neither one of the choices nor a choice letter")
                }
                let shown = Array(letters.prefix(choices.count))
                let listed = zip(shown, choices).map { "(\($0)) \($1)" }.joined(separator: "\n")
                return ImportedItem(question: question + "\nOptions:\n" + listed, gold: "(\(shown[index]))",
                                    metadata: ["answer": .string(shown[index]), "scoring": "choice",
                                               "choices": ["letters": JSONValue(shown), "texts": JSONValue(choices)]])
            }
            if let toleranceValue = fields["tolerance"] {
                guard let tolerance = toleranceValue.doubleValue, tolerance >= 0 else {
                    throw ImportError("\(at): \"tolerance\" must be a number ≥ 0")
                }
                guard ImportScoring.number(gold) != nil else {
                    throw ImportError("\(at): \"tolerance\" needs a numeric answer, not \(gold)")
                }
                return ImportedItem(question: question, gold: gold,
                                    metadata: ["answer": .string(gold), "scoring": "number", "tolerance": .double(tolerance)])
            }
            return ImportedItem(question: question, gold: gold, metadata: ["answer": .string(gold), "scoring": "exact"])
        }
    }
}
