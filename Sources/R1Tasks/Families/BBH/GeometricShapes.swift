// geometric_shapes: name the shape an SVG path draws. Coordinates are exact
// hundredths computed with integers (a 5° table instead of sin/cos), so items
// are the same on every machine. Four-sided shapes are built to be exactly one
// of rectangle (not square), kite (no parallel sides) or trapezoid (exactly one
// pair of parallel sides), and the question defines those words.

struct GeometricShapesTask: ReasoningTask {
    let info = TaskInfo(
        id: "geometric_shapes",
        title: "Geometric shapes (SVG paths)",
        source: .bbh,
        category: "spatial",
        description: "Name the shape drawn by an SVG path: a line, a polygon by its number of sides, a rectangle, "
            + "kite or trapezoid, a circle, an ellipse or a sector.",
        knobs: [
            Knob("shape_kinds", "6: line and polygons by side count; 8: also rectangle and kite; "
                + "12: also trapezoid, circle, ellipse and sector"),
            Knob("options", "how many shape names to choose from"),
            Knob("scramble", "0: one connected path; 1: one move per side; 2: sides in random order and direction"),
        ],
        levels: [
            Level("easy", ["shape_kinds": 6, "options": 5, "scramble": 0]),
            Level("medium", ["shape_kinds": 8, "options": 7, "scramble": 0]),
            Level("hard", ["shape_kinds": 12, "options": 9, "scramble": 1]),
            Level("expert", ["shape_kinds": 12, "options": 12, "scramble": 2]),
        ],
        defaultLevel: 1
    )

    /// Shape names in the order the knob unlocks them.
    static let kinds = ["line", "triangle", "pentagon", "hexagon", "heptagon", "octagon",
                        "rectangle", "kite", "trapezoid", "circle", "ellipse", "sector"]
    static let polygonSides = ["triangle": 3, "pentagon": 5, "hexagon": 6, "heptagon": 7, "octagon": 8]

    /// cos and sin of 5°·i, times 1000.
    static func unit(_ i: Int) -> (Int, Int) {
        let q = [1000, 996, 985, 966, 940, 906, 866, 819, 766, 707, 643, 574, 500, 423, 342, 259, 174, 87, 0]
        func c(_ j: Int) -> Int {
            let a = ((j % 72) + 72) % 72
            switch a {
            case 0...18: return q[a]
            case 19...36: return -q[36 - a]
            case 37...54: return -q[a - 36]
            default: return q[72 - a]
            }
        }
        return (c(i), c(i - 18))
    }

    typealias P = (Int, Int)  // hundredths

    static func fmt(_ v: Int) -> String {
        let cents = v % 100
        return "\(v / 100).\(cents < 10 ? "0" : "")\(cents)"
    }
    static func fmt(_ p: P) -> String { "\(fmt(p.0)),\(fmt(p.1))" }

    static func inBounds(_ pts: [P]) -> Bool { pts.allSatisfy { (200...9800).contains($0.0) && (200...9800).contains($0.1) } }

    static func cross(_ o: P, _ a: P, _ b: P) -> Int { (a.0 - o.0) * (b.1 - o.1) - (a.1 - o.1) * (b.0 - o.0) }

    /// True when no corner is nearly straight (turn of at least about 8°) and points are distinct.
    static func cornersClear(_ pts: [P]) -> Bool {
        let n = pts.count
        for i in 0..<n {
            let a = pts[(i + n - 1) % n], o = pts[i], b = pts[(i + 1) % n]
            let u = (o.0 - a.0, o.1 - a.1), v = (b.0 - o.0, b.1 - o.1)
            let lu = Double(u.0 * u.0 + u.1 * u.1).squareRoot(), lv = Double(v.0 * v.0 + v.1 * v.1).squareRoot()
            guard lu > 300, lv > 300 else { return false }
            if abs(Double(u.0 * v.1 - u.1 * v.0)) / (lu * lv) < 0.14 { return false }
        }
        return true
    }

    /// Corners of a shape of `kind` (polygons), or nil to redraw.
    static func polygon(_ kind: String, rng: inout SplitMix64) -> [P]? {
        let cx = rng.int(3000...7000), cy = rng.int(3000...7000)
        if let n = polygonSides[kind] {
            let r = rng.int(12...28), base = rng.int(0..<72)
            let pts: [P] = (0..<n).map { i in
                let (c, s) = unit(base + i * 72 / n + rng.int(-2...2))
                let ri = r * rng.int(75...100)  // hundredths
                return (cx + ri * c / 1000, cy + ri * s / 1000)
            }
            return inBounds(pts) && cornersClear(pts) ? pts : nil
        }
        let dirs: [P] = [(1, 0), (0, 1), (1, 1), (2, 1), (1, 2), (3, 1), (1, 3), (-1, 1), (-2, 1), (-1, 2), (3, 2)]
        let w = rng.pick(dirs), wp = (-w.1, w.0)
        let step = rng.int(15...40)  // hundredths per step along w: exact integers keep right angles right
        func at(_ origin: P, _ a: Int, _ b: Int) -> P {  // origin + a·w + b·w⊥, in steps
            (origin.0 + (a * w.0 + b * wp.0) * step, origin.1 + (a * w.1 + b * wp.1) * step)
        }
        let o: P = (cx, cy)
        var pts: [P]
        switch kind {
        case "rectangle":
            let l1 = rng.int(6...40), l2 = rng.int(6...40)
            guard l1 != l2 else { return nil }
            pts = [at(o, 0, 0), at(o, l1, 0), at(o, l1, l2), at(o, 0, l2)]
        case "kite":
            let a = rng.int(5...30), b = rng.int(5...30), h = rng.int(5...20)
            guard a != b else { return nil }
            pts = [at(o, a, 0), at(o, 0, h), at(o, -b, 0), at(o, 0, -h)]
        default:  // trapezoid
            let l1 = rng.int(10...40), l2 = rng.int(5...35), h = rng.int(6...25), s = rng.int(-5...10)
            guard l1 != l2 else { return nil }
            pts = [at(o, 0, 0), at(o, l1, 0), at(o, s + l2, h), at(o, s, h)]
        }
        if rng.chance(0.5) { pts.reverse() }
        return inBounds(pts) && cornersClear(pts) ? pts : nil
    }

    /// An independent classification of a closed four-corner outline by parallel sides
    /// and equal adjacent sides; used to check what the generator built.
    static func classifyQuadrilateral(_ p: [P]) -> String? {
        func vec(_ i: Int) -> P { (p[(i + 1) % 4].0 - p[i].0, p[(i + 1) % 4].1 - p[i].1) }
        func parallel(_ a: P, _ b: P) -> Bool { a.0 * b.1 - a.1 * b.0 == 0 }
        func len2(_ a: P) -> Int { a.0 * a.0 + a.1 * a.1 }
        let v = (0..<4).map(vec)
        let pairs = (parallel(v[0], v[2]) ? 1 : 0) + (parallel(v[1], v[3]) ? 1 : 0)
        if pairs == 2 {
            let right = v[0].0 * v[1].0 + v[0].1 * v[1].1 == 0
            return right && len2(v[0]) != len2(v[1]) ? "rectangle" : nil
        }
        if pairs == 1 { return "trapezoid" }
        let kite = (len2(v[0]) == len2(v[1]) && len2(v[2]) == len2(v[3]))
            || (len2(v[1]) == len2(v[2]) && len2(v[3]) == len2(v[0]))
        return kite ? "kite" : nil
    }

    static func pathText(_ pts: [P], closed: Bool, scramble: Int, rng: inout SplitMix64) -> String {
        var segments: [(P, P)] = []
        let n = pts.count
        for i in 0..<(closed ? n : n - 1) { segments.append((pts[i], pts[(i + 1) % n])) }
        switch scramble {
        case 0:
            return "M " + fmt(pts[0]) + segments.map { " L " + fmt($0.1) }.joined()
        case 1:
            return segments.map { "M \(fmt($0.0)) L \(fmt($0.1))" }.joined(separator: " ")
        default:
            rng.shuffle(&segments)
            return segments.map { s in
                let (a, b) = rng.chance(0.5) ? (s.1, s.0) : s
                return "M \(fmt(a)) L \(fmt(b))"
            }.joined(separator: " ")
        }
    }

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let kindCount = level["shape_kinds"], optionCount = level["options"], scramble = level["scramble"]
        let available = Array(Self.kinds.prefix(kindCount))
        let kind = rng.pick(available)
        var path = ""
        while path.isEmpty {
            switch kind {
            case "line":
                let a: P = (rng.int(500...9500), rng.int(500...9500)), b: P = (rng.int(500...9500), rng.int(500...9500))
                guard abs(a.0 - b.0) + abs(a.1 - b.1) > 1500 else { continue }
                path = "M \(Self.fmt(a)) L \(Self.fmt(b))"
            case "circle", "ellipse":
                let rx = rng.int(5...30) * 100 + rng.int(0...99)
                var ry = rx
                if kind == "ellipse" {
                    ry = rng.int(5...30) * 100 + rng.int(0...99)
                    guard ry * 10 >= rx * 13 || rx * 10 >= ry * 13 else { continue }
                }
                let c: P = (rng.int(3200...6800), rng.int(3200...6800))
                let a: P = (c.0 - rx, c.1), b: P = (c.0 + rx, c.1)
                let r = "A \(Self.fmt(rx)),\(Self.fmt(ry)) 0.00 1,0"
                path = "M \(Self.fmt(a)) \(r) \(Self.fmt(b)) \(r) \(Self.fmt(a))"
            case "sector":
                let c: P = (rng.int(3200...6800), rng.int(3200...6800)), r = rng.int(10...28)
                let i = rng.int(0..<72), span = rng.int(6...30)
                let (c1, s1) = Self.unit(i), (c2, s2) = Self.unit(i + span)
                let a: P = (c.0 + r * c1 / 10, c.1 + r * s1 / 10), b: P = (c.0 + r * c2 / 10, c.1 + r * s2 / 10)
                let rr = Self.fmt(r * 100)
                path = "M \(Self.fmt(c)) L \(Self.fmt(a)) A \(rr),\(rr) 0.00 0,1 \(Self.fmt(b)) L \(Self.fmt(c))"
            default:
                guard let pts = Self.polygon(kind, rng: &rng) else { continue }
                if pts.count == 4 && Self.classifyQuadrilateral(pts) != kind { continue }  // never expected
                path = Self.pathText(pts, closed: true, scramble: scramble, rng: &rng)
            }
        }
        let others = rng.sample(Self.kinds.filter { $0 != kind }, count: min(optionCount, Self.kinds.count) - 1)
        // Shuffled rather than alphabetical, so no letter is right more often than chance.
        let options = rng.shuffled([kind] + others)
        let answer = options.firstIndex(of: kind)!
        var defs: [String] = []
        if options.contains("kite") { defs.append("a kite has two pairs of equal adjacent sides and no parallel sides") }
        if options.contains("trapezoid") { defs.append("a trapezoid has exactly one pair of parallel sides") }
        if options.contains("rectangle") { defs.append("a rectangle has four right angles") }
        let defText = defs.isEmpty ? "" : " Here " + BBH.list(defs, conjunction: "and") + "."
        let question = "This SVG path element <path d=\"\(path)\"/> draws a shape. Which one?\(defText)\n\n"
            + BBH.optionBlock(options) + "\n\n" + BBH.choiceInstruction(options.count)
        var metadata = BBH.choiceMetadata(options: options, answer: answer)
        metadata["path"] = .string(path)
        return GeneratedItem(question: question, gold: BBH.label(answer), metadata: metadata)
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        BBH.verifyChoice(answer: answer, metadata: metadata)
    }

    func oracle(metadata: JSONValue) -> String {
        """
        import re

        path = \(BBH.py(metadata["path"] ?? ""))
        options = \(BBH.py(metadata["options"] ?? []))
        tokens = re.findall(r"[MLA]|-?\\d+\\.\\d+", path)

        def shape():
            if "A" in tokens:
                if "L" in tokens:
                    return "sector"
                i = tokens.index("A")
                return "circle" if tokens[i + 1] == tokens[i + 2] else "ellipse"
            segments, i, current = [], 0, None
            while i < len(tokens):  # every M and L carries one x,y pair
                point = (round(float(tokens[i + 1]) * 100), round(float(tokens[i + 2]) * 100))
                if tokens[i] == "L":
                    segments.append((current, point))
                current, i = point, i + 3
            corners = {p for s in segments for p in s}
            names = {2: "line", 3: "triangle", 5: "pentagon", 6: "hexagon", 7: "heptagon", 8: "octagon"}
            if len(corners) != 4:
                return names[len(corners)]
            # Walk the outline to get the four corners in order.
            order = [segments[0][0]]
            while len(order) < 4:
                last = order[-1]
                order.append(next(b if a == last else a for a, b in segments
                                  if last in (a, b) and (b if a == last else a) not in order))
            sides = [(order[(i + 1) % 4][0] - order[i][0], order[(i + 1) % 4][1] - order[i][1]) for i in range(4)]
            parallel = lambda u, v: u[0] * v[1] - u[1] * v[0] == 0
            pairs = parallel(sides[0], sides[2]) + parallel(sides[1], sides[3])
            return {2: "rectangle", 1: "trapezoid", 0: "kite"}[pairs]

        answer = shape()
        \(BBH.printChoice)
        """
    }
}
