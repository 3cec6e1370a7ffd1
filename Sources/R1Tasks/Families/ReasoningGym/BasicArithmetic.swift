// basic_arithmetic: evaluate an integer expression with +, −, ×, ÷ and
// parentheses. Every division divides one literal by another that divides it,
// so the value is an integer by construction; the gold value comes from the
// project's exact expression parser, never from evaluating text as code.

import Foundation

struct BasicArithmeticTask: ReasoningTask {
    let info = TaskInfo(
        id: "basic_arithmetic",
        title: "Basic arithmetic",
        source: .reasoningGym,
        category: "arithmetic",
        description: "Evaluate an integer expression with +, −, ×, ÷ (exact) and parentheses.",
        knobs: [
            Knob("terms", "how many terms are added or subtracted at the top level"),
            Knob("digits", "digits of each number"),
        ],
        levels: [
            Level("easy", ["terms": 3, "digits": 2]),
            Level("medium", ["terms": 4, "digits": 2]),
            Level("hard", ["terms": 5, "digits": 3]),
            Level("expert", ["terms": 6, "digits": 4]),
        ],
        defaultLevel: 1
    )

    /// One top-level term: a number, a product, an exact quotient or a parenthesised sum times a number.
    private func term(digits: Int, rng: inout SplitMix64) -> String {
        let small = max(1, digits - 1)
        switch rng.int(0...9) {
        case 0...4: return String(RG.number(digits: digits, rng: &rng))
        case 5, 6: return "\(RG.number(digits: digits, rng: &rng)) * \(RG.number(digits: small, rng: &rng))"
        case 7, 8:
            let divisor = rng.int(2...max(2, min(99, RG.power10(small) - 1)))
            let quotient = RG.number(digits: digits, rng: &rng)
            return "\(quotient * divisor) / \(divisor)"
        default:
            let a = RG.number(digits: digits, rng: &rng), b = RG.number(digits: digits, rng: &rng)
            let op = rng.chance(0.5) ? "+" : "-"
            return "(\(a) \(op) \(b)) * \(RG.number(digits: small, rng: &rng))"
        }
    }

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let terms = level["terms"], digits = level["digits"]
        while true {
            var expr = term(digits: digits, rng: &rng)
            if rng.chance(0.15) { expr = expr.contains(" ") ? "-(\(expr))" : "-\(expr)" }
            for _ in 1..<terms {
                expr += rng.chance(0.5) ? " + " : " - "
                expr += term(digits: digits, rng: &rng)
            }
            guard let value = try? ArithmeticExpression.parse(expr).evaluate(), value.isInteger else { continue }
            let question = """
                Calculate \(expr). Division here is exact. Give the integer result as your final answer \
                in the form <<<integer>>>, for example <<<-42>>>.
                """
            return GeneratedItem(question: question, gold: String(value.numerator),
                                 metadata: ["expression": .string(expr), "answer": .int(value.numerator)])
        }
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        RG.verifyInteger(answer: answer, metadata: metadata)
    }

    func oracle(metadata: JSONValue) -> String {
        let expr = metadata["expression"]?.stringValue ?? "0"
        return """
            from fractions import Fraction
            import ast

            OPS = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b,
                   ast.Mult: lambda a, b: a * b, ast.Div: lambda a, b: a / b}

            def value(node):
                if isinstance(node, ast.Expression):
                    return value(node.body)
                if isinstance(node, ast.Constant):
                    return Fraction(node.value)
                if isinstance(node, ast.UnaryOp):
                    return -value(node.operand) if isinstance(node.op, ast.USub) else value(node.operand)
                return OPS[type(node.op)](value(node.left), value(node.right))

            print(value(ast.parse(\(RG.py(.string(expr))), mode="eval")))
            """
    }
}
