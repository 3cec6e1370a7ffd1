// formal_fallacies: is an argument over "everyone who is…", "nobody who is…",
// "somebody who is…" and facts about named people deductively valid?
//
// Validity is decided exactly. With k properties a person has one of 2^k
// types; "every/nobody" statements forbid a set of types, "somebody" requires
// one of a set to be inhabited, and a named person's type lies in a set.
// Such a set of statements is satisfiable iff, with T = all types not
// forbidden, T is non-empty and meets every required set and every named
// person's set (inhabit all of T). An argument is valid iff the premises
// together with the negated conclusion are unsatisfiable.

struct FormalFallaciesTask: ReasoningTask {
    let info = TaskInfo(
        id: "formal_fallacies",
        title: "Formal fallacies",
        source: .bbh,
        category: "logic",
        description: "Decide whether a conclusion follows from stated premises about who has which properties. "
            + "Valid items use every premise. Labels are balanced, so a constant answer scores about 50%.",
        knobs: [
            Knob("premises", "how many premises the argument has"),
            Knob("properties", "how many properties (like 'a beekeeper') appear"),
            Knob("rich", "0: plain statements; 1: also 'not', 'or', necessary/sufficient phrasing"),
        ],
        levels: [
            Level("easy", ["premises": 2, "properties": 3, "rich": 0]),
            Level("medium", ["premises": 3, "properties": 4, "rich": 0]),
            Level("hard", ["premises": 3, "properties": 4, "rich": 1]),
            Level("expert", ["premises": 4, "properties": 5, "rich": 1]),
        ],
        defaultLevel: 1
    )

    static let roles = [
        ("a", "beekeeper"), ("a", "cyclist"), ("a", "chess player"), ("a", "violinist"), ("a", "gardener"),
        ("a", "member of the rowing club"), ("a", "regular at the night market"), ("a", "stamp collector"),
        ("a", "volunteer at the animal shelter"), ("an", "admirer of modern art"), ("an", "owner of a canoe"),
        ("a", "fan of the city orchestra"), ("a", "birdwatcher"), ("a", "potter"), ("an", "amateur astronomer"),
        ("a", "season-ticket holder of the local football club"),
    ]

    /// A statement. Literals are +(p+1) for "has property p" and −(p+1) for "lacks it".
    struct Statement: Equatable {
        var form: String  // "all", "no", "some", "is"
        var a: Int = 0  // subject literal (all, no, some)
        var b: [Int] = []  // predicate literals: a disjunction for all/is, one literal for no/some
        var who: Int = -1  // named person (is)
        var style: Int = 0  // phrasing variant

        var json: JSONValue {
            form == "is" ? ["form": "is", "who": .int(who), "any": JSONValue(b)]
                : ["form": .string(form), "a": .int(a), "b": JSONValue(b)]
        }
    }

    /// The types (bit p set = has property p) where a literal holds, as a bitmask over 2^k types.
    static func types(_ lit: Int, _ k: Int) -> UInt64 {
        var mask: UInt64 = 0
        let p = abs(lit) - 1
        for t in 0..<(1 << k) where ((t >> p) & 1 == 1) == (lit > 0) { mask |= 1 << UInt64(t) }
        return mask
    }

    static func full(_ k: Int) -> UInt64 { k >= 6 ? ~0 : (1 << UInt64(1 << k)) - 1 }

    /// A constraint: forbid types, require an inhabited type, or place a named person.
    struct Constraint { var kind: Int; var mask: UInt64; var who: Int }  // kind 0 forbid, 1 require, 2 person

    static func constraint(_ s: Statement, _ k: Int) -> Constraint {
        let any = s.b.reduce(UInt64(0)) { $0 | types($1, k) }
        switch s.form {
        case "all": return Constraint(kind: 0, mask: types(s.a, k) & ~any & full(k), who: -1)
        case "no": return Constraint(kind: 0, mask: types(s.a, k) & any, who: -1)
        case "some": return Constraint(kind: 1, mask: types(s.a, k) & any, who: -1)
        default: return Constraint(kind: 2, mask: any, who: s.who)
        }
    }

    static func negated(_ c: Constraint, _ k: Int) -> Constraint {
        switch c.kind {
        case 0: return Constraint(kind: 1, mask: c.mask, who: -1)
        case 1: return Constraint(kind: 0, mask: c.mask, who: -1)
        default: return Constraint(kind: 2, mask: ~c.mask & full(k), who: c.who)
        }
    }

    static func satisfiable(_ cs: [Constraint], _ k: Int) -> Bool {
        var allowed = full(k)
        for c in cs where c.kind == 0 { allowed &= ~c.mask }
        guard allowed != 0 else { return false }
        var people: [Int: UInt64] = [:]
        for c in cs {
            if c.kind == 1 && c.mask & allowed == 0 { return false }
            if c.kind == 2 { people[c.who] = (people[c.who] ?? full(k)) & c.mask }
        }
        return people.values.allSatisfy { $0 & allowed != 0 }
    }

    static func entails(_ premises: [Statement], _ conclusion: Statement, _ k: Int) -> Bool {
        !satisfiable(premises.map { constraint($0, k) } + [negated(constraint(conclusion, k), k)], k)
    }

    // MARK: wording

    static func phrase(_ lit: Int, _ props: [Int]) -> String {
        let (art, noun) = roles[props[abs(lit) - 1]]
        return (lit > 0 ? "" : "not ") + "\(art) \(noun)"
    }

    static func text(_ s: Statement, _ props: [Int], _ names: [String]) -> String {
        let pred = s.b.count == 1 ? phrase(s.b[0], props)
            : "either " + s.b.map { phrase($0, props) }.joined(separator: " or ")
        switch s.form {
        case "all":
            if s.style == 1 && s.a > 0 && s.b.count == 1 && s.b[0] > 0 {
                return "Being \(phrase(s.b[0], props)) is necessary for being \(phrase(s.a, props))"
            }
            if s.style == 2 && s.a > 0 && s.b.count == 1 && s.b[0] > 0 {
                return "Being \(phrase(s.a, props)) is sufficient for being \(phrase(s.b[0], props))"
            }
            return "Everyone who is \(phrase(s.a, props)) is \(pred)"
        case "no": return "Nobody who is \(phrase(s.a, props)) is \(pred)"
        case "some": return "Somebody who is \(phrase(s.a, props)) is \(pred)"
        default: return "\(names[s.who]) is \(pred)"
        }
    }

    // MARK: generation

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let n = level["premises"], k = level["properties"], rich = level["rich"] == 1
        let wantValid = rng.chance(0.5)
        // The conclusion's form is drawn up front, independently of the label, so the form
        // alone says nothing about validity.
        let wantForm = rng.pick(["all", "no", "some", "is"])
        var result: (premises: [Statement], conclusion: Statement, valid: Bool)?
        var props: [Int] = []
        var names: [String] = []
        for _ in 0..<500 {
            props = rng.sample(Array(0..<Self.roles.count), count: k)
            names = rng.sample(BBH.names, count: 2)
            func lit(_ p: Int) -> Int { rich && rng.chance(0.25) ? -(p + 1) : p + 1 }
            // A chain through distinct properties, each premise linking one to the next; the
            // chain may start from a named person.
            let path = rng.sample(Array(0..<k), count: n + 1)
            var premises: [Statement] = []
            let startsWithPerson = wantForm == "is" || rng.chance(0.3)
            let shift = startsWithPerson ? 1 : 0  // the person's fact takes the first link's place
            for i in 0..<n {
                if i == 0 && startsWithPerson {
                    premises.append(Statement(form: "is", b: [path[0] + 1], who: 0))
                    continue
                }
                let from = path[i - shift], to = path[i + 1 - shift]
                var s = Statement(form: rng.pick(["all", "all", "all", "no", "some"]), a: lit(from), b: [lit(to)])
                if s.form == "all" && rich && rng.chance(0.3) {
                    // Disjunctions use positive properties only, so "not" never scopes ambiguously.
                    let extra = rng.pick((0..<k).filter { $0 != from && $0 != to })
                    s.b = [to + 1, extra + 1]
                }
                s.style = rich ? rng.int(0...2) : 0
                premises.append(s)
            }
            guard Self.satisfiable(premises.map { Self.constraint($0, k) }, k) else { continue }
            // Candidate conclusions linking the chain's ends (or the person and the end).
            let first = path[0], last = path[n - shift]
            var candidates: [Statement] = []
            for la in [first + 1, -(first + 1)] where rich || la > 0 {
                for lb in [last + 1, -(last + 1)] where rich || lb > 0 {
                    for form in ["all", "no", "some"] { candidates.append(Statement(form: form, a: la, b: [lb])) }
                    candidates.append(Statement(form: "all", a: lb, b: [la]))  // the converse
                }
            }
            if startsWithPerson {
                candidates.append(Statement(form: "is", b: [last + 1], who: 0))
                candidates.append(Statement(form: "is", b: [-(last + 1)], who: 0))
            }
            candidates = candidates.filter { $0.form == wantForm }
            rng.shuffle(&candidates)
            let tautology: (Statement) -> Bool = { Self.entails([], $0, k) }
            for c in candidates where !premises.contains(c) && !tautology(c) {
                let valid = Self.entails(premises, c, k)
                guard valid == wantValid else { continue }
                if valid {
                    // Every premise is needed.
                    let needed = premises.indices.allSatisfy { i in
                        !Self.entails(premises.enumerated().filter { $0.offset != i }.map(\.element), c, k)
                    }
                    guard needed else { continue }
                } else {
                    // Not refuted either: the conclusion is consistent with the premises.
                    guard Self.satisfiable((premises + [c]).map { Self.constraint($0, k) }, k) else { continue }
                }
                var conclusion = c
                conclusion.style = rich ? rng.int(0...2) : 0
                result = (premises, conclusion, valid)
                break
            }
            if result != nil { break }
        }
        if result == nil {
            // Never seen in practice; keeps generation bounded: a chain and its conclusion or converse.
            props = Array(0..<k)
            let chain = (0..<n).map { Statement(form: "all", a: $0 % k + 1, b: [($0 + 1) % k + 1]) }
            let end = n % k + 1
            result = (chain, wantValid ? Statement(form: "all", a: 1, b: [end]) : Statement(form: "all", a: end, b: [1]),
                      wantValid)
        }
        let (premises, conclusion, valid) = result!
        var order = premises
        rng.shuffle(&order)
        let lines = order.enumerated().map { "Premise \($0.offset + 1): \(Self.text($0.element, props, names))." }
        let question = """
            Here is an argument.
            \(lines.joined(separator: "\n"))
            Conclusion: \(Self.text(conclusion, props, names)).

            Given only the stated premises, is the argument deductively valid or invalid? General statements \
            ("everyone who is …", "nobody who is …", "being … is necessary/sufficient for being …") do not \
            claim that anyone of that kind exists. \
            Give your final answer as <<<valid>>> or <<<invalid>>>.
            """
        return GeneratedItem(question: question, gold: valid ? "valid" : "invalid", metadata: [
            "properties": .int(k),
            "premises": .array(order.map(\.json)),
            "conclusion": conclusion.json,
            "valid": .bool(valid),
        ])
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let valid = metadata["valid"]?.boolValue else { return .wrong("item metadata is missing valid") }
        return BBH.verifyBinary(answer: answer, expected: valid, trueWord: "valid", falseWord: "invalid")
    }

    func oracle(metadata: JSONValue) -> String {
        """
        from itertools import product

        k = \(BBH.py(metadata["properties"] ?? 0))
        premises = \(BBH.py(metadata["premises"] ?? []))
        conclusion = \(BBH.py(metadata["conclusion"] ?? [:]))
        # A literal +(p+1) / -(p+1): has / lacks property p. A person's type is a tuple of k booleans.
        types = list(product([False, True], repeat=k))
        holds = lambda lit, t: t[abs(lit) - 1] == (lit > 0)
        def sets(s):  # (kind, set of types, person): forbid / require / person
            any_b = {t for t in types if any(holds(l, t) for l in s["b" if "b" in s else "any"])}
            if s["form"] == "is":
                return ("person", any_b, s["who"])
            a = {t for t in types if holds(s["a"], t)}
            return {"all": ("forbid", a - any_b, None), "no": ("forbid", a & any_b, None),
                    "some": ("require", a & any_b, None)}[s["form"]]
        def negate(c):
            kind, ts, who = c
            return {"forbid": ("require", ts, who), "require": ("forbid", ts, who),
                    "person": ("person", set(types) - ts, who)}[kind]
        def satisfiable(cs):
            allowed = set(types).difference(*[ts for kind, ts, _ in cs if kind == "forbid"])
            people = {}
            for kind, ts, who in cs:
                if kind == "person":
                    people[who] = people.get(who, set(types)) & ts
            return bool(allowed) and all(ts & allowed for kind, ts, _ in cs if kind == "require") \\
                and all(ts & allowed for ts in people.values())
        valid = not satisfiable([sets(p) for p in premises] + [negate(sets(conclusion))])
        print("valid" if valid else "invalid")
        """
    }
}
