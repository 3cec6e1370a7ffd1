// MiniPython: the small Python subset code_output and code_input generate.
// Integer variables, + − * // % with Python's floor semantics, comparisons,
// if/else and for loops over range(). R1CI builds programs as syntax trees,
// prints them as Python, stores them as JSON and runs them with the
// interpreter below (values beyond ±10^9 stop a run, so generators redraw).

enum MiniPython {
    indirect enum Expr {
        case name(String), constant(Int), binary(Expr, String, Expr)

        var python: String {
            switch self {
            case .name(let n): return n
            case .constant(let c): return String(c)
            case .binary(let l, let op, let r): return "(\(l.python) \(op) \(r.python))"
            }
        }
    }

    indirect enum Stmt {
        case assign(String, String, Expr)  // target, "=" or "+=" / "-=", value
        case branch(Expr, String, Expr, [Stmt], [Stmt])
        case loop(String, Int, Int, [Stmt])
    }

    /// Python's integer operators; nil when a value leaves ±10^9 (the program is then redrawn).
    static func binary(_ a: Int, _ op: String, _ b: Int) -> Int? {
        let v: Int
        switch op {
        case "+": v = a + b
        case "-": v = a - b
        case "*": guard abs(a) < 1 << 31, abs(b) < 1 << 31 else { return nil }; v = a * b
        case "//": guard b > 0 else { return nil }; v = a >= 0 ? a / b : -((-a + b - 1) / b)
        case "%": guard b > 0 else { return nil }; v = ((a % b) + b) % b
        case "<": v = a < b ? 1 : 0
        case ">": v = a > b ? 1 : 0
        case "<=": v = a <= b ? 1 : 0
        case ">=": v = a >= b ? 1 : 0
        case "==": v = a == b ? 1 : 0
        case "!=": v = a != b ? 1 : 0
        default: return nil
        }
        return abs(v) <= 1_000_000_000 ? v : nil
    }

    static func evaluate(_ e: Expr, _ env: [String: Int]) -> Int? {
        switch e {
        case .name(let n): return env[n]
        case .constant(let c): return c
        case .binary(let l, let op, let r):
            guard let a = evaluate(l, env), let b = evaluate(r, env) else { return nil }
            return binary(a, op, b)
        }
    }

    /// Runs statements; false when a value overflows the bound or a name is unset.
    static func run(_ body: [Stmt], _ env: inout [String: Int]) -> Bool {
        for s in body {
            switch s {
            case .assign(let target, let op, let value):
                guard let v = evaluate(value, env) else { return false }
                if op == "=" { env[target] = v } else {
                    guard let old = env[target], let nv = binary(old, op == "+=" ? "+" : "-", v) else { return false }
                    env[target] = nv
                }
            case .branch(let l, let cmp, let r, let yes, let no):
                guard let c = evaluate(.binary(l, cmp, r), env) else { return false }
                guard run(c == 1 ? yes : no, &env) else { return false }
            case .loop(let v, let from, let to, let inner):
                for i in from..<max(from, to) {
                    env[v] = i
                    guard run(inner, &env) else { return false }
                }
            }
        }
        return true
    }

    static func python(_ body: [Stmt], indent: String, into lines: inout [String]) {
        for s in body {
            switch s {
            case .assign(let t, let op, let v): lines.append("\(indent)\(t) \(op) \(v.python)")
            case .branch(let l, let cmp, let r, let yes, let no):
                lines.append("\(indent)if \(l.python) \(cmp) \(r.python):")
                python(yes, indent: indent + "    ", into: &lines)
                if !no.isEmpty {
                    lines.append("\(indent)else:")
                    python(no, indent: indent + "    ", into: &lines)
                }
            case .loop(let v, let from, let to, let inner):
                lines.append("\(indent)for \(v) in range(\(from), \(to)):")
                python(inner, indent: indent + "    ", into: &lines)
            }
        }
    }

    struct Builder {
        var rng: SplitMix64
        let maxDepth: Int, maxLoop: Int
        var variables: [String]

        /// An expression of at most `depth` operators over `scope`; never an operator between two
        /// constants (the program would just hold a constant the long way round).
        mutating func expr(_ scope: [String], depth: Int) -> Expr {
            if depth == 0 || rng.chance(0.35) {
                return rng.chance(0.6) ? .name(rng.pick(scope)) : .constant(rng.int(1...9))
            }
            let op = rng.pick(["+", "+", "-", "*", "//", "%"])
            if op == "//" || op == "%" { return .binary(.name(rng.pick(scope)), op, .constant(rng.int(2...7))) }
            var left = expr(scope, depth: depth - 1)
            let right = expr(scope, depth: depth - 1)
            if case .constant = left, case .constant = right { left = .name(rng.pick(scope)) }
            return .binary(left, op, right)
        }

        mutating func statement(_ scope: [String], depth: Int) -> Stmt {
            let roll = rng.unit()
            if depth < maxDepth && roll < 0.3 {
                let v = ["i", "j", "k"][depth]
                let from = rng.int(0...3)
                let inner = (0..<rng.int(1...2)).map { _ in statement(scope + [v], depth: depth + 1) }
                return .loop(v, from, from + rng.int(2...maxLoop), inner)
            }
            if depth < maxDepth && roll < 0.55 {
                let cmp = rng.pick(["<", ">", "==", "!=", "<=", ">="])
                let test: Expr, bound: Expr
                if cmp == "==" || cmp == "!=" {
                    // A remainder compared with a value it can take: "if (x % 3) == 2:".
                    let modulus = rng.int(2...4)
                    test = .binary(.name(rng.pick(scope)), "%", .constant(modulus))
                    bound = .constant(rng.int(0..<modulus))
                } else {
                    test = .name(rng.pick(scope))
                    bound = expr(scope, depth: 1)
                }
                let yes = (0..<rng.int(1...2)).map { _ in statement(scope, depth: depth + 1) }
                let no = (0..<rng.int(0...2)).map { _ in statement(scope, depth: depth + 1) }
                return .branch(test, cmp, bound, yes, no)
            }
            let target = rng.pick(variables)
            var value = expr(scope, depth: 2)
            if case .name(let n) = value, n == target { value = .binary(value, "+", .constant(rng.int(1...9))) }  // not "x = x"
            return .assign(target, rng.pick(["=", "+=", "+=", "-="]), value)
        }
    }

    /// Names assigned anywhere in `body` (loop variables excluded).
    static func assignedNames(_ body: [Stmt]) -> Set<String> {
        var out = Set<String>()
        for s in body {
            switch s {
            case .assign(let t, _, _): out.insert(t)
            case .branch(_, _, _, let yes, let no): out.formUnion(assignedNames(yes)); out.formUnion(assignedNames(no))
            case .loop(_, _, _, let inner): out.formUnion(assignedNames(inner))
            }
        }
        return out
    }

    // JSON form: an expression is a name (string), a constant (int) or [left, op, right];
    // a statement is ["assign", target, op, expr], ["if", left, cmp, right, [yes], [no]]
    // or ["for", name, from, to, [body]].

    static func json(_ e: Expr) -> JSONValue {
        switch e {
        case .name(let n): return .string(n)
        case .constant(let c): return .int(c)
        case .binary(let l, let op, let r): return .array([json(l), .string(op), json(r)])
        }
    }

    static func json(_ body: [Stmt]) -> JSONValue {
        .array(body.map { s in
            switch s {
            case .assign(let t, let op, let v): return .array(["assign", .string(t), .string(op), json(v)])
            case .branch(let l, let cmp, let r, let yes, let no):
                return .array(["if", json(l), .string(cmp), json(r), json(yes), json(no)])
            case .loop(let v, let from, let to, let inner): return .array(["for", .string(v), .int(from), .int(to), json(inner)])
            }
        })
    }

    static let operators: Set<String> = ["+", "-", "*", "//", "%", "<", ">", "<=", ">=", "==", "!="]

    /// The expression of a JSON form; nil on anything else or nesting deeper than 8.
    static func expression(_ v: JSONValue?, depth: Int = 0) -> Expr? {
        guard depth < 8, let v else { return nil }
        if let n = v.stringValue, !n.isEmpty, n.count <= 8 { return .name(n) }
        if case .int(let c) = v { return .constant(c) }
        guard let parts = v.arrayValue, parts.count == 3, let op = parts[1].stringValue, operators.contains(op),
              let l = expression(parts[0], depth: depth + 1), let r = expression(parts[2], depth: depth + 1) else { return nil }
        return .binary(l, op, r)
    }

    /// The statements of a JSON form; nil on anything else, nesting deeper than 4 or loops over 100 values.
    static func statements(_ v: JSONValue?, depth: Int = 0) -> [Stmt]? {
        guard depth < 4, let list = v?.arrayValue, list.count <= 40 else { return nil }
        var out: [Stmt] = []
        for item in list {
            guard let p = item.arrayValue, let kind = p.first?.stringValue else { return nil }
            switch (kind, p.count) {
            case ("assign", 4):
                guard let t = p[1].stringValue, let op = p[2].stringValue, ["=", "+=", "-="].contains(op),
                      let e = expression(p[3]) else { return nil }
                out.append(.assign(t, op, e))
            case ("if", 6):
                guard let l = expression(p[1]), let cmp = p[2].stringValue, operators.contains(cmp), let r = expression(p[3]),
                      let yes = statements(p[4], depth: depth + 1), let no = statements(p[5], depth: depth + 1) else { return nil }
                out.append(.branch(l, cmp, r, yes, no))
            case ("for", 5):
                guard let name = p[1].stringValue, let from = p[2].intValue, let to = p[3].intValue, abs(from) <= 1000,
                      to - from <= 100, let inner = statements(p[4], depth: depth + 1) else { return nil }
                out.append(.loop(name, from, to, inner))
            default: return nil
            }
        }
        return out
    }
}
