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
        var parser: Parser
        // Plain ASCII without carriage returns (so that bytes and Characters
        // coincide) is tokenised byte by byte: generators parse their own
        // expressions on every item, and grapheme iteration dominated that.
        if text.utf8.allSatisfy({ $0 < 0x80 && $0 != 13 }) {
            guard text.utf8.count <= maxLength else { throw ParseError.tooLong }
            var codes: [UInt8] = []
            codes.reserveCapacity(text.utf8.count)
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "x"), UInt8(ascii: "X"):
                    let afterOperand = codes.last.map { Parser.isDigit($0) || $0 == UInt8(ascii: ")") } ?? false
                    codes.append(afterOperand ? UInt8(ascii: "*") : byte)
                case UInt8(ascii: ":"): codes.append(UInt8(ascii: "/"))
                case UInt8(ascii: "["), UInt8(ascii: "{"): codes.append(UInt8(ascii: "("))
                case UInt8(ascii: "]"), UInt8(ascii: "}"): codes.append(UInt8(ascii: ")"))
                case 9...13, 32: continue  // ASCII whitespace
                default: codes.append(byte)
                }
            }
            parser = Parser(codes: codes, characters: nil)
        } else {
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
            parser = Parser(codes: tokens.map { $0.asciiValue ?? 0 }, characters: tokens)
        }
        guard !parser.codes.isEmpty else { throw ParseError.empty }
        let expr = try parser.expression(depth: 0)
        guard parser.position == parser.codes.count else {
            throw parser.codes[parser.position] == UInt8(ascii: ")") ? ParseError.unbalanced
                : ParseError.unexpected(parser.token(at: parser.position))
        }
        return expr
    }

    private struct Parser {
        /// Each token's ASCII byte; 0 for a token that is not a single ASCII character.
        let codes: [UInt8]
        /// The tokens as Characters when the text was not plain ASCII (for messages).
        let characters: [Character]?
        var position = 0
        var peek: UInt8? { position < codes.count ? codes[position] : nil }

        static func isDigit(_ code: UInt8) -> Bool { code >= UInt8(ascii: "0") && code <= UInt8(ascii: "9") }

        func token(at i: Int) -> String {
            characters.map { String($0[i]) } ?? String(Character(Unicode.Scalar(codes[i])))
        }

        mutating func expression(depth: Int) throws -> ArithmeticExpression {
            guard depth < 64 else { throw ParseError.tooLong }
            var left = try term(depth: depth)
            while let op = peek, op == UInt8(ascii: "+") || op == UInt8(ascii: "-") {
                position += 1
                left = .binary(Character(Unicode.Scalar(op)), left, try term(depth: depth))
            }
            return left
        }

        mutating func term(depth: Int) throws -> ArithmeticExpression {
            var left = try factor(depth: depth)
            while let op = peek, op == UInt8(ascii: "*") || op == UInt8(ascii: "/") {
                position += 1
                left = .binary(Character(Unicode.Scalar(op)), left, try factor(depth: depth))
            }
            return left
        }

        mutating func factor(depth: Int) throws -> ArithmeticExpression {
            guard depth < 64 else { throw ParseError.tooLong }
            guard let ch = peek else { throw ParseError.unexpected("end") }
            if ch == UInt8(ascii: "-") { position += 1; return .negate(try factor(depth: depth + 1)) }
            if ch == UInt8(ascii: "+") { position += 1; return try factor(depth: depth + 1) }
            if ch == UInt8(ascii: "(") {
                position += 1
                let inner = try expression(depth: depth + 1)
                guard peek == UInt8(ascii: ")") else { throw ParseError.unbalanced }
                position += 1
                return inner
            }
            guard Parser.isDigit(ch) else { throw ParseError.unexpected(token(at: position)) }
            var digitCount = 0, value = 0
            while let d = peek, Parser.isDigit(d) {
                value = value &* 10 &+ Int(d - UInt8(ascii: "0"))  // exact while digitCount ≤ 15
                digitCount += 1
                position += 1
            }
            guard digitCount <= 15 else { throw ParseError.badNumber }
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
