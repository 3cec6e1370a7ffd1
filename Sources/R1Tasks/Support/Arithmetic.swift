// A parser and exact evaluator for the arithmetic answers models write
// ("(8 - 2) * (5 - 1)", "8÷(3−8/3)"), used instead of ever evaluating an
// answer as code. Grammar:
//   expr   := term (('+' | '-') term)*
//   term   := factor (('*' | '/') factor)*
//   factor := ('-' | '+') factor | number | '(' expr ')'

public indirect enum ArithmeticExpression: Sendable, Equatable {
    case number(Int)
    case negate(ArithmeticExpression)
    case binary(Character, ArithmeticExpression, ArithmeticExpression)

    /// The integer literals in the order they appear.
    public var literals: [Int] {
        switch self {
        case .number(let n): return [n]
        case .negate(let e): return e.literals
        case .binary(_, let l, let r): return l.literals + r.literals
        }
    }

    /// Exact value; nil on division by zero or overflow.
    public func evaluate() -> Rational? {
        switch self {
        case .number(let n): return Rational(integer: n)
        case .negate(let e): return e.evaluate()?.negated()
        case .binary(let op, let l, let r):
            guard let a = l.evaluate(), let b = r.evaluate() else { return nil }
            switch op {
            case "+": return a.adding(b)
            case "-": return a.subtracting(b)
            case "*": return a.multiplied(by: b)
            default: return a.divided(by: b)
            }
        }
    }

    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case empty, tooLong, unexpected(String), unbalanced, badNumber
        public var description: String {
            switch self {
            case .empty: return "empty expression"
            case .tooLong: return "expression too long"
            case .unexpected(let t): return "unexpected '\(t)'"
            case .unbalanced: return "unbalanced parentheses"
            case .badNumber: return "number out of range"
            }
        }
    }

    /// Parses text, mapping ×, x, ÷, − and brackets to their ASCII forms.
    public static func parse(_ text: String, maxLength: Int = 512) throws -> ArithmeticExpression {
        guard text.count <= maxLength else { throw ParseError.tooLong }
        var tokens: [Character] = []
        for ch in text {
            switch ch {
            case "×", "∗", "·": tokens.append("*")
            // A letter x is a multiplication sign only after a number or ')': "3 x 4".
            case _ where (ch == "x" || ch == "X") && (tokens.last.map { $0.isNumber || $0 == ")" } ?? false):
                tokens.append("*")
            case "÷", ":": tokens.append("/")
            case "−", "–", "—": tokens.append("-")
            case "[", "{": tokens.append("(")
            case "]", "}": tokens.append(")")
            case _ where ch.isWhitespace: continue
            default: tokens.append(ch)
            }
        }
        guard !tokens.isEmpty else { throw ParseError.empty }
        var parser = Parser(tokens: tokens)
        let expr = try parser.expression(depth: 0)
        guard parser.position == tokens.count else {
            throw tokens[parser.position] == ")" ? ParseError.unbalanced
                : ParseError.unexpected(String(tokens[parser.position]))
        }
        return expr
    }

    private struct Parser {
        let tokens: [Character]
        var position = 0
        var peek: Character? { position < tokens.count ? tokens[position] : nil }

        mutating func expression(depth: Int) throws -> ArithmeticExpression {
            guard depth < 64 else { throw ParseError.tooLong }
            var left = try term(depth: depth)
            while let op = peek, op == "+" || op == "-" {
                position += 1
                left = .binary(op, left, try term(depth: depth))
            }
            return left
        }

        mutating func term(depth: Int) throws -> ArithmeticExpression {
            var left = try factor(depth: depth)
            while let op = peek, op == "*" || op == "/" {
                position += 1
                left = .binary(op, left, try factor(depth: depth))
            }
            return left
        }

        mutating func factor(depth: Int) throws -> ArithmeticExpression {
            guard depth < 64 else { throw ParseError.tooLong }
            guard let ch = peek else { throw ParseError.unexpected("end") }
            if ch == "-" { position += 1; return .negate(try factor(depth: depth + 1)) }
            if ch == "+" { position += 1; return try factor(depth: depth + 1) }
            if ch == "(" {
                position += 1
                let inner = try expression(depth: depth + 1)
                guard peek == ")" else { throw ParseError.unbalanced }
                position += 1
                return inner
            }
            guard ch.isASCII, ch.isNumber else { throw ParseError.unexpected(String(ch)) }
            var digits = ""
            while let d = peek, d.isASCII, d.isNumber {
                digits.append(d)
                position += 1
            }
            guard digits.count <= 15, let value = Int(digits) else { throw ParseError.badNumber }
            return .number(value)
        }
    }
}

/// The expression-answer checks that Game 24 and its variants share.
extension ArithmeticExpression {
    /// Parses an answer written as `expression` or `expression = target`. On failure the
    /// result is the verdict to return: set equal to something else, or not an expression.
    static func parseAnswer(_ answer: String, target: Int) -> Result<ArithmeticExpression, Rejection> {
        var text = Substring(answer)
        if let eq = text.lastIndex(of: "=") {
            let rhs = text[text.index(after: eq)...].trimmedSpaces()
            guard rhs == String(target) else {
                return .failure(Rejection(.wrong("the expression is set equal to \(rhs), not \(target)")))
            }
            text = text[..<eq]
        }
        do { return .success(try parse(String(text))) } catch {
            return .failure(Rejection(.wrong("not an arithmetic expression: \(error)")))
        }
    }

    /// Whether the expression's exact value is `target`; `reason` explains a correct verdict.
    func verdict(equals target: Int, reason: String) -> Verdict {
        guard let value = evaluate() else { return .wrong("the expression divides by zero") }
        return value == Rational(integer: target) ? .correct(reason) : .wrong("the expression equals \(value), not \(target)")
    }
}

/// A verifier's early "wrong" verdict carried as an error.
struct Rejection: Error {
    let verdict: Verdict
    init(_ verdict: Verdict) { self.verdict = verdict }
}
