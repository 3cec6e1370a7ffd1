// Helpers shared by the SymBench families: tolerant parsing of list and grid
// answers, and small formatting utilities. Parsing is tolerant about layout
// (brackets, commas, quotes, whitespace); verifiers stay strict about content.

enum SymParse {
    /// Characters that only separate items in a list answer.
    static let separators: Set<Character> = [",", ";", "[", "]", "(", ")", "{", "}", "\"", "'", "`", "\n", "\t", " ", "\r"]

    /// The items of a flat list answer, e.g. `[A, B]`, `A,B`, `"A" "B"`.
    static func tokens(_ text: String, maxCount: Int = 20_000) -> [String]? {
        var out: [String] = []
        var current = ""
        for ch in text {
            if separators.contains(ch) || ch.isWhitespace {
                if !current.isEmpty { out.append(current); current = "" }
                if out.count > maxCount { return nil }
            } else {
                current.append(ch)
            }
        }
        if !current.isEmpty { out.append(current) }
        return out.count > maxCount ? nil : out
    }

    /// An integer written with an optional sign (ASCII or Unicode minus).
    static func integer(_ token: String) -> Int? {
        var t = Substring(token)
        var negative = false
        if let first = t.first, first == "-" || first == "−" || first == "+" {
            negative = first != "+"
            t = t.dropFirst()
        }
        guard !t.isEmpty, t.count <= 18, t.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Int(t) else { return nil }
        return negative ? -v : v
    }

    /// Every item of a list answer as an integer; nil when any item is not one.
    static func integers(_ text: String) -> [Int]? {
        guard let items = tokens(text) else { return nil }
        var out: [Int] = []
        for item in items {
            guard let v = integer(item) else { return nil }
            out.append(v)
        }
        return out
    }

    /// A number written as an integer, a decimal or a fraction `p/q`, as an exact rational.
    static func rational(_ token: String) -> Rational? {
        if let slash = token.firstIndex(of: "/") {
            guard let p = integer(String(token[..<slash])), let q = integer(String(token[token.index(after: slash)...])),
                  q != 0 else { return nil }
            return Rational(p, q)
        }
        var t = token
        var negative = false
        if let first = t.first, first == "-" || first == "−" {
            negative = true
            t.removeFirst()
        } else if t.first == "+" { t.removeFirst() }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first else { return nil }
        let frac = parts.count == 2 ? parts[1] : ""
        guard !(whole.isEmpty && frac.isEmpty), whole.count + frac.count <= 17,
              whole.allSatisfy({ $0.isASCII && $0.isNumber }), frac.allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        var scale = 1
        for _ in 0..<frac.count { scale *= 10 }
        let n = (Int(whole.isEmpty ? "0" : String(whole)) ?? 0) * scale + (Int(frac.isEmpty ? "0" : String(frac)) ?? 0)
        return Rational(negative ? -n : n, scale)
    }

    /// Every item of a list answer as an exact number; nil when any item is not one.
    static func rationals(_ text: String) -> [Rational]? {
        guard let items = tokens(text) else { return nil }
        var out: [Rational] = []
        for item in items {
            guard let v = rational(item) else { return nil }
            out.append(v)
        }
        return out
    }

    /// A grid of single characters given flat or row by row, with or without separators:
    /// `0,1,1,0`, `[[0,1],[1,0]]` and `01\n10` all give `["0","1","1","0"]`.
    static func cells(_ text: String, count: Int) -> [String]? {
        guard let items = tokens(text) else { return nil }
        if items.count == count { return items }
        let chars = items.joined().map(String.init)
        return chars.count == count ? chars : nil
    }
}

enum SymFormat {
    /// Rows of cells joined by a separator, one row a line.
    static func grid<T>(_ rows: [[T]], separator: String = " ") -> String {
        rows.map { $0.map { "\($0)" }.joined(separator: separator) }.joined(separator: "\n")
    }

    /// A Python literal for a list of strings.
    static func pyStrings(_ items: [String]) -> String {
        "[" + items.map { pyString($0) }.joined(separator: ", ") + "]"
    }

    static func pyString(_ s: String) -> String {
        var out = "'"
        for ch in s {
            switch ch {
            case "\\": out += "\\\\"
            case "'": out += "\\'"
            case "\n": out += "\\n"
            default: out.append(ch)
            }
        }
        return out + "'"
    }

    /// A Python literal for a grid of strings.
    static func pyGrid(_ rows: [[String]]) -> String {
        "[" + rows.map(pyStrings).joined(separator: ", ") + "]"
    }

    /// The rational rounded half away from zero to `places` decimals, e.g. "3.33", "-0.25", "4".
    static func decimal(_ r: Rational, places: Int) -> String {
        var scale = 1
        for _ in 0..<places { scale *= 10 }
        let num = r.numerator * scale
        let den = r.denominator
        var q = abs(num) / den
        if (abs(num) % den) * 2 >= den { q += 1 }
        let negative = num < 0 && q != 0
        let whole = q / scale, frac = q % scale
        var s = (negative ? "-" : "") + String(whole)
        if frac != 0 {
            var digits = String(frac)
            digits = String(repeating: "0", count: places - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            s += "." + digits
        }
        return s
    }
}

extension JSONValue {
    /// A grid of strings, or nil when any element is not one.
    var stringGrid: [[String]]? {
        guard let rows = arrayValue else { return nil }
        var out: [[String]] = []
        for row in rows {
            guard let r = row.stringArray else { return nil }
            out.append(r)
        }
        return out
    }

    /// A grid of integers, or nil when any element is not one.
    var intGrid: [[Int]]? {
        guard let rows = arrayValue else { return nil }
        var out: [[Int]] = []
        for row in rows {
            guard let r = row.intArray else { return nil }
            out.append(r)
        }
        return out
    }

    init(stringGrid: [[String]]) { self = .array(stringGrid.map { JSONValue($0) }) }
}
