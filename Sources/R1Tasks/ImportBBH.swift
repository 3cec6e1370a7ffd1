// BIG-Bench-Hard task files: {"examples": [{"input": str, "target": str}, ...]}
// (optionally with "canary"). A target like "(C)" makes the item multiple choice:
// the options are the "(X) text" lines of the input, scored by letter. Any other
// target (True, valid, Yes, 24, ") ] }", word lists) is scored exactly after
// normalisation — unless it is the text of one of the input's options (a few
// movie_recommendation and ruin_names targets are written that way), which
// makes it that option's letter. The six files R1CI cannot generate (causal_judgement,
// disambiguation_qa, movie_recommendation, ruin_names,
// salient_translation_error_detection, snarks) all have this shape.

enum BBHImport {
    static func items(path: String) throws -> [ImportedItem] {
        let root = try Importer.json(try Importer.text(path), origin: path)
        guard let examples = root["examples"] else { throw ImportError("\(path): $.examples is missing") }
        guard let list = examples.arrayValue else { throw ImportError("\(path): $.examples is not a list") }
        return try list.enumerated().map { i, example in
            let at = "\(path): $.examples[\(i)]"
            guard example.objectValue != nil else { throw ImportError("\(at) is not an object") }
            guard let input = example["input"]?.stringValue else { throw ImportError("\(at).input is missing or not a string") }
            guard let targetValue = example["target"], let target = Importer.goldText(targetValue) else {
                throw ImportError("\(at).target is missing")
            }
            let options = self.options(in: input)
            let byText = options.first { ImportScoring.normalise($0.text) == ImportScoring.normalise(target) }?.letter
            if let letter = optionLetter(target) ?? byText {
                if !options.isEmpty, !options.contains(where: { $0.letter == letter }) {
                    throw ImportError("\(at).target (\(letter)) is not one of the input's options")
                }
                let choices: JSONValue = ["letters": JSONValue(options.map { $0.letter }), "texts": JSONValue(options.map { $0.text })]
                return ImportedItem(question: input, gold: "(\(letter))",
                                    metadata: ["answer": .string(letter), "scoring": "choice", "choices": choices])
            }
            return ImportedItem(question: input, gold: target, metadata: ["answer": .string(target), "scoring": "exact"])
        }
    }

    /// "C" for a target "(C)", else nil.
    static func optionLetter(_ target: String) -> String? {
        let t = Array(target.trimmingCharacters(in: .whitespaces))
        guard t.count == 3, t[0] == "(", t[2] == ")", t[1].isUppercase, t[1].isASCII else { return nil }
        return String(t[1])
    }

    /// The "(X) text" lines of an input, in order.
    static func options(in input: String) -> [(letter: String, text: String)] {
        input.split(separator: "\n").compactMap { line in
            let l = line.trimmingCharacters(in: .whitespaces)
            guard let letter = optionLetter(String(l.prefix(3))) else { return nil }
            return (letter, l.dropFirst(3).trimmingCharacters(in: .whitespaces))
        }
    }
}
