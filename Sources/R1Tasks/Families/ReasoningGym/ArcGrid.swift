// arc_grid (Reasoning Gym arc, in the spirit of arc_agi/rearc): infer a grid
// transformation from three input/output pairs and apply it to a test grid.
// Transformations come from a library (rotations, mirrors, gravity, scaling,
// borders, cropping, mirrored doubling, recolouring, keeping one colour, wrap
// shifts), one or two in a row. As in list_functions, each item is checked
// against the whole library (colours restricted to those the item uses) and
// redrawn when another rule fits the examples but answers the test differently.

public struct ArcGridTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "arc_grid", title: "ARC-style grid rules", source: .reasoningGym, category: "arc",
        description: "Infer a 2-D grid transformation from examples and apply it to a new grid (the examples determine the answer).",
        knobs: [Knob("size", "largest side of an input grid"), Knob("depth", "transformations composed"),
                Knob("colours", "non-background colours in a grid")],
        levels: [Level("easy", ["size": 4, "depth": 1, "colours": 2]), Level("medium", ["size": 6, "depth": 1, "colours": 3]),
                 Level("hard", ["size": 6, "depth": 2, "colours": 3]), Level("expert", ["size": 8, "depth": 2, "colours": 4])],
        defaultLevel: 1)

    typealias Grid = [[Int]]

    struct Rule: Hashable { let name: String; let a: Int; let b: Int }

    static let fixedRules: [Rule] = ["rotate_90", "rotate_180", "rotate_270", "mirror_lr", "mirror_ud", "transpose",
                                     "fall_down", "fall_up", "fall_left", "fall_right", "scale_2", "crop",
                                     "double_right", "double_down", "shift_right", "shift_down"].map { Rule(name: $0, a: 0, b: 0) }

    /// The library with colour parameters drawn from `colours`.
    static func library(colours: [Int]) -> [Rule] {
        var out = fixedRules
        for a in colours {
            out.append(Rule(name: "border", a: a, b: 0))
            out.append(Rule(name: "keep", a: a, b: 0))
            for b in colours where b != a { out.append(Rule(name: "recolour", a: a, b: b)) }
        }
        return out
    }

    /// Every rule with any colours, for checking metadata.
    static let everyRule = Set(library(colours: Array(1...9)))

    static func transpose(_ g: Grid) -> Grid { (0..<g[0].count).map { c in g.map { $0[c] } } }

    /// Non-zero cells of a line moved to its end, keeping their order.
    static func fall(_ line: [Int]) -> [Int] {
        let cells = line.filter { $0 != 0 }
        return [Int](repeating: 0, count: line.count - cells.count) + cells
    }

    static func apply(_ r: Rule, _ g: Grid) -> Grid {
        switch r.name {
        case "rotate_90": return transpose(g.reversed())
        case "rotate_180": return g.reversed().map { $0.reversed() }
        case "rotate_270": return transpose(g).reversed()
        case "mirror_lr": return g.map { $0.reversed() }
        case "mirror_ud": return g.reversed()
        case "transpose": return transpose(g)
        case "fall_down": return transpose(transpose(g).map(fall))
        case "fall_up": return transpose(transpose(g).map { fall($0.reversed()).reversed() })
        case "fall_right": return g.map(fall)
        case "fall_left": return g.map { fall($0.reversed()).reversed() }
        case "scale_2": return g.flatMap { row in [row.flatMap { [$0, $0] }, row.flatMap { [$0, $0] }] }
        case "crop":
            let rows = g.indices.filter { g[$0].contains { $0 != 0 } }
            let cols = g[0].indices.filter { c in g.contains { $0[c] != 0 } }
            guard let r0 = rows.first, let r1 = rows.last, let c0 = cols.first, let c1 = cols.last else { return g }
            return g[r0...r1].map { Array($0[c0...c1]) }
        case "double_right": return g.map { $0 + $0.reversed() }
        case "double_down": return g + g.reversed()
        case "shift_right": return g.map { [$0.last!] + $0.dropLast() }
        case "shift_down": return [g.last!] + g.dropLast()
        case "border":
            let w = g[0].count
            return [[Int](repeating: r.a, count: w + 2)] + g.map { [r.a] + $0 + [r.a] } + [[Int](repeating: r.a, count: w + 2)]
        case "keep": return g.map { $0.map { $0 == r.a ? $0 : 0 } }
        case "recolour": return g.map { $0.map { $0 == r.a ? r.b : $0 } }
        default: return g
        }
    }

    static func apply(_ rules: [Rule], _ g: Grid) -> Grid { rules.reduce(g) { apply($1, $0) } }

    static func ambiguous(examples: [(Grid, Grid)], test: Grid, answer: Grid, depth: Int, library: [Rule]) -> Bool {
        for f in library {
            let afterF = examples.map { (apply(f, $0.0), $0.1) }
            if afterF.allSatisfy({ $0.0 == $0.1 }) && apply(f, test) != answer { return true }
            guard depth >= 2 else { continue }
            let testAfterF = apply(f, test)
            for g in library where afterF.allSatisfy({ apply(g, $0.0) == $0.1 }) {
                if apply(g, testAfterF) != answer { return true }
            }
        }
        return false
    }

    static func randomGrid(size: Int, colours: [Int], rng: inout SplitMix64) -> Grid {
        let rows = rng.int(3...size), cols = rng.int(3...size)
        var g: Grid
        repeat {
            g = (0..<rows).map { _ in (0..<cols).map { _ in rng.chance(0.45) ? rng.pick(colours) : 0 } }
        } while !g.flatMap({ $0 }).contains(where: { $0 != 0 })
        return g
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let depth = level["depth"]
        while true {
            let colours = rng.sample(Array(1...9), count: level["colours"])
            let inputs = (0..<4).map { _ in ArcGridTask.randomGrid(size: level["size"], colours: colours, rng: &rng) }
            let library = ArcGridTask.library(colours: colours)
            let rules = (0..<depth).map { _ in rng.pick(library) }
            let outputs = inputs.map { ArcGridTask.apply(rules, $0) }
            let examples = Array(zip(inputs, outputs).prefix(3)), (test, answer) = (inputs[3], outputs[3])
            guard examples.contains(where: { $0.0 != $0.1 }), answer != test,
                  !ArcGridTask.ambiguous(examples: examples, test: test, answer: answer, depth: depth, library: library)
            else { continue }
            let shown = examples.enumerated().map { i, e in
                "Example \(i + 1)\nInput:\n\(RGGrids.render(e.0))\nOutput:\n\(RGGrids.render(e.1))"
            }
            let question = """
                Each example turns an input grid into an output grid by the same rule (0 is the background, \
                1–9 are colours).

                \(shown.joined(separator: "\n\n"))

                Apply the rule to this grid:
                \(RGGrids.render(test))

                Give the output grid inside <<< and >>>: one row per line, numbers separated by spaces.
                """
            return GeneratedItem(question: question, gold: RGGrids.render(answer), metadata: [
                "examples": .array(examples.map { .array([JSONValue($0.0), JSONValue($0.1)]) }),
                "test": JSONValue(test),
                "rule": .array(rules.map { .array([.string($0.name), .int($0.a), .int($0.b)]) }),
            ])
        }
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let test = RGGrids.intGrid(metadata["test"]), !test.isEmpty, !test[0].isEmpty,
              test.allSatisfy({ $0.count == test[0].count }), let ruleList = metadata["rule"]?.arrayValue, !ruleList.isEmpty
        else { return .wrong("item metadata has no rule") }
        var rules: [Rule] = []
        for r in ruleList {
            guard let name = r.element(0)?.stringValue, let a = r.element(1)?.intValue, let b = r.element(2)?.intValue,
                  ArcGridTask.everyRule.contains(Rule(name: name, a: a, b: b))
            else { return .wrong("item metadata has an unknown rule") }
            rules.append(Rule(name: name, a: a, b: b))
        }
        return RGGrids.verifyGrid(answer: answer, expected: ArcGridTask.apply(rules, test))
    }

    public func oracle(metadata: JSONValue) -> String {
        // A library search of its own, over the colours the item uses.
        """
        examples = \(RGGrids.py(metadata["examples"] ?? .null))
        test = \(RGGrids.py(metadata["test"] ?? .null))
        colours = sorted({v for g in [test] + [x for e in examples for x in e] for r in g for v in r} - {0})
        T = lambda g: [list(r) for r in zip(*g)]
        def fall(line):
            cells = [v for v in line if v]
            return [0] * (len(line) - len(cells)) + cells
        def crop(g):
            rows = [i for i, r in enumerate(g) if any(r)]
            cols = [j for j in range(len(g[0])) if any(r[j] for r in g)]
            return [r[cols[0]:cols[-1] + 1] for r in g[rows[0]:rows[-1] + 1]] if rows else g
        lib = [lambda g: T(g[::-1]), lambda g: [r[::-1] for r in g[::-1]], lambda g: T(g)[::-1],
               lambda g: [r[::-1] for r in g], lambda g: g[::-1], T,
               lambda g: T([fall(r) for r in T(g)]), lambda g: T([fall(r[::-1])[::-1] for r in T(g)]),
               lambda g: [fall(r[::-1])[::-1] for r in g], lambda g: [fall(r) for r in g],
               lambda g: [[v for v in r for _ in (0, 1)] for r in g for _ in (0, 1)], crop,
               lambda g: [r + r[::-1] for r in g], lambda g: g + g[::-1],
               lambda g: [r[-1:] + r[:-1] for r in g], lambda g: g[-1:] + g[:-1]]
        for a in colours:
            lib.append(lambda g, a=a: [[a] * (len(g[0]) + 2)] + [[a] + r + [a] for r in g] + [[a] * (len(g[0]) + 2)])
            lib.append(lambda g, a=a: [[v if v == a else 0 for v in r] for r in g])
            for b in colours:
                if b != a:
                    lib.append(lambda g, a=a, b=b: [[b if v == a else v for v in r] for r in g])
        def search():
            for f in lib:
                if all(f(i) == o for i, o in examples):
                    return f(test)
            for f in lib:
                mids = [f(i) for i, _ in examples]
                for g in lib:
                    if all(g(m) == o for m, (_, o) in zip(mids, examples)):
                        return g(f(test))
        print("\\n".join(" ".join(map(str, r)) for r in search()))
        """
    }
}
