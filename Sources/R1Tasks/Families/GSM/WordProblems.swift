// The engine behind gsm_symbolic and gsm_hard: a word-problem template is a
// story with {placeholders}, variables drawn from ranges, variables derived
// from earlier ones (so divisions come out whole), conditions that must be
// positive, and the answer as a formula. Formulas are evaluated exactly with
// the project's arithmetic parser (never as code); the Python oracle evaluates
// the same formula with fractions.

struct WordProblemTemplate: Sendable {
    /// A variable drawn uniformly; `scales` says whether gsm_hard enlarges it.
    struct Draw: Sendable {
        let name: String
        let low: Int, high: Int
        let scales: Bool
    }

    let id: String
    /// Sentences with {variable}, {name} and {name2} placeholders.
    let story: String
    /// The question sentence.
    let ask: String
    let draws: [Draw]
    /// (name, formula over earlier variables); must come out a whole number.
    let derived: [(String, String)]
    /// Formulas that must evaluate to more than zero (e.g. nobody gives away more than they have).
    let positive: [String]
    let answer: String

    /// Arithmetic operations in the answer formula: a rough count of reasoning steps.
    var operations: Int { answer.filter { "+-*/".contains($0) }.count }
}

enum WordProblems {
    /// Replaces every identifier in `formula` by its value; nil when one is unknown.
    static func substitute(_ formula: String, _ values: [String: Int]) -> String? {
        var out = "", word = ""
        func flush() -> Bool {
            guard !word.isEmpty else { return true }
            guard let v = values[word] else { return false }
            out += v < 0 ? "(\(v))" : String(v)
            word = ""
            return true
        }
        for ch in formula {
            if ch.isLetter || ch == "_" || (!word.isEmpty && ch.isNumber) { word.append(ch); continue }
            guard flush() else { return nil }
            out.append(ch)
        }
        guard flush() else { return nil }
        return out
    }

    /// The exact value of a formula under `values`; nil on overflow, division by zero or a bad formula.
    static func evaluate(_ formula: String, _ values: [String: Int]) -> Rational? {
        guard let text = substitute(formula, values),
              let expression = try? ArithmeticExpression.parse(text, maxLength: 1_000) else { return nil }
        return expression.evaluate()
    }

    /// Draws the variables of `template` until every derived value is whole, every
    /// condition positive and the answer a positive whole number.
    static func instantiate(_ template: WordProblemTemplate, scale: Int, rng: inout SplitMix64)
        -> (values: [String: Int], answer: Int) {
        while true {
            var values: [String: Int] = [:]
            for d in template.draws {
                values[d.name] = d.scales && scale > 1 ? rng.int((d.low * scale)...(d.high * scale)) : rng.int(d.low...d.high)
            }
            var ok = true
            for (name, formula) in template.derived {
                guard let v = evaluate(formula, values), v.isInteger else { ok = false; break }
                values[name] = v.numerator
            }
            guard ok, template.positive.allSatisfy({ evaluate($0, values).map { $0.numerator > 0 } ?? false }),
                  let answer = evaluate(template.answer, values), answer.isInteger, answer.numerator > 0 else { continue }
            return (values, answer.numerator)
        }
    }

    static func fill(_ text: String, _ values: [String: Int], names: [String]) -> String {
        var out = text.replacing("{name}", with: names[0]).replacing("{name2}", with: names[1])
        for (key, value) in values.sorted(by: { $0.key.count > $1.key.count }) {
            out = out.replacing("{\(key)}", with: String(value))
        }
        return out
    }

    /// Irrelevant facts, one of which harder levels add before the question.
    static let distractors = [
        "{name} has {extra} cousins who live in another town.",
        "The shop around the corner opened {extra} years ago.",
        "{name2} once walked {extra} kilometres in a single day.",
        "There are {extra} houses on {name}'s street.",
    ]

    /// One item of a word-problem task.
    static func generate(templates: [WordProblemTemplate], level: Level, scale: Int, rng: inout SplitMix64) -> GeneratedItem {
        let pool = templates.filter { $0.operations <= level["max_operations"] }
        let template = rng.pick(pool)
        let people = rng.sample(BBH.names, count: 2)
        var (values, answer) = instantiate(template, scale: scale, rng: &rng)
        var story = fill(template.story, values, names: people)
        if level["distractor"] == 1 {
            values["extra"] = rng.int(2...40)
            story += " " + fill(rng.pick(distractors), values, names: people)
            values.removeValue(forKey: "extra")
        }
        let question = """
            \(story) \(fill(template.ask, values, names: people))
            Give the number as your final answer in the form <<<integer>>>, for example <<<42>>>.
            """
        return GeneratedItem(question: question, gold: String(answer), metadata: [
            "template": .string(template.id), "formula": .string(template.answer),
            "values": .object(values.mapValues { .int($0) }), "answer": .int(answer),
        ])
    }

    /// Integer answers, allowing a currency sign, thousands separators and a ".00" ending.
    static func verify(answer: String, metadata: JSONValue) -> Verdict {
        var s = RG.tidy(answer).replacing("$", with: "").replacing("€", with: "").replacing("£", with: "").trimmed()
        if s.hasSuffix(".00") { s = String(s.dropLast(3)) } else if s.hasSuffix(".0") { s = String(s.dropLast(2)) }
        return RG.verifyInteger(answer: s, metadata: metadata)
    }

    static func oracle(metadata: JSONValue) -> String {
        """
        from fractions import Fraction
        values = {k: Fraction(v) for k, v in \(RG.py(metadata["values"] ?? [:])).items()}
        formula = \(RG.py(metadata["formula"] ?? "0"))
        value = eval(formula, {"__builtins__": {}}, values)
        assert value.denominator == 1
        print(value.numerator)
        """
    }
}
