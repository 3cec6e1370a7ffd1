// advanced_geometry (Reasoning Gym, geometry): a triangle with integer vertex
// coordinates; give its orthocentre, circumcentre or centroid, its area, or
// the square of its circumradius. Every one of these is rational, so the
// answer is exact (fractions, or decimals that are exactly equal) and is
// compared with exact rational arithmetic, not rounded.

public struct AdvancedGeometryTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "advanced_geometry", title: "Triangle centres", source: .reasoningGym, category: "geometry",
        description: "Compute a triangle's orthocentre, circumcentre, centroid, area or squared circumradius exactly.",
        knobs: [Knob("coordinate_range", "largest absolute vertex coordinate")],
        levels: [Level("easy", ["coordinate_range": 6]), Level("medium", ["coordinate_range": 12]),
                 Level("hard", ["coordinate_range": 40]), Level("expert", ["coordinate_range": 200])],
        defaultLevel: 1)

    static let kinds = ["orthocentre", "circumcentre", "centroid", "area", "circumradius_squared"]

    /// The asked quantity: one rational for a number, two for a point; nil for a degenerate triangle.
    static func solve(_ p: [Int], kind: String) -> [Rational]? {
        let (ax, ay, bx, by, cx, cy) = (p[0], p[1], p[2], p[3], p[4], p[5])
        let d = 2 * (ax * (by - cy) + bx * (cy - ay) + cx * (ay - by))
        guard d != 0 else { return nil }
        let (a2, b2, c2) = (ax * ax + ay * ay, bx * bx + by * by, cx * cx + cy * cy)
        guard let ox = Rational(a2 * (by - cy) + b2 * (cy - ay) + c2 * (ay - by), d),
              let oy = Rational(a2 * (cx - bx) + b2 * (ax - cx) + c2 * (bx - ax), d) else { return nil }
        let sx = Rational(integer: ax + bx + cx), sy = Rational(integer: ay + by + cy)
        switch kind {
        case "circumcentre": return [ox, oy]
        case "orthocentre":  // H = A + B + C − 2·O
            let two = Rational(integer: 2)
            guard let tx = two.multiplied(by: ox), let ty = two.multiplied(by: oy),
                  let hx = sx.subtracting(tx), let hy = sy.subtracting(ty) else { return nil }
            return [hx, hy]
        case "centroid": return [Rational(ax + bx + cx, 3)!, Rational(ay + by + cy, 3)!]
        case "area": return [Rational(abs(d), 4)!]
        default:
            guard let dx = Rational(integer: ax).subtracting(ox), let dy = Rational(integer: ay).subtracting(oy),
                  let x2 = dx.multiplied(by: dx), let y2 = dy.multiplied(by: dy), let r2 = x2.adding(y2) else { return nil }
            return [r2]
        }
    }

    static func text(_ values: [Rational]) -> String {
        values.count == 2 ? "(\(values[0]), \(values[1]))" : values[0].description
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let range = level["coordinate_range"]
        let kind = rng.pick(Self.kinds)
        var p: [Int] = []
        var answer: [Rational]? = nil
        while answer == nil {
            p = (0..<6).map { _ in rng.int(-range...range) }
            answer = Self.solve(p, kind: kind)
        }
        let asked: String
        switch kind {
        case "orthocentre": asked = "the coordinates of its orthocentre (where the three altitudes meet)"
        case "circumcentre": asked = "the coordinates of its circumcentre (the centre of the circle through A, B and C)"
        case "centroid": asked = "the coordinates of its centroid (where the three medians meet)"
        case "area": asked = "its area"
        default: asked = "the square of its circumradius (the radius of the circle through A, B and C)"
        }
        let example = kind == "area" || kind == "circumradius_squared" ? "<<<25/2>>>" : "<<<(3/2, -7/4)>>>"
        let question = """
            Triangle ABC has vertices A = (\(p[0]), \(p[1])), B = (\(p[2]), \(p[3])) and C = (\(p[4]), \(p[5])). \
            What is \(asked)?

            Give the exact value as your final answer inside <<< and >>>, using fractions where needed, for \
            example \(example).
            """
        return GeneratedItem(question: question, gold: Self.text(answer!), metadata: [
            "vertices": JSONValue(p), "kind": .string(kind),
            "answer": .array(answer!.map { [.int($0.numerator), .int($0.denominator)] }),
        ])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let gold = metadata["answer"]?.arrayValue?.compactMap({ v -> Rational? in
            guard let nd = v.intArray, nd.count == 2 else { return nil }
            return Rational(nd[0], nd[1])
        }), metadata["kind"] != nil, gold.count == 1 || gold.count == 2 else { return .wrong("item metadata has no answer") }
        var s = RG.tidy(answer)
        if gold.count == 2 {
            if s.hasPrefix("("), s.hasSuffix(")") { s = String(s.dropFirst().dropLast()) }
            let parts = s.split(separator: ",", omittingEmptySubsequences: false)
            guard parts.count == 2, let x = RGC.parseRational(String(parts[0])), let y = RGC.parseRational(String(parts[1])) else {
                return .wrong("give the point as (x, y) with exact numbers")
            }
            return x == gold[0] && y == gold[1] ? .correct(Self.text(gold)) : .wrong("the point is \(Self.text(gold))")
        }
        guard let v = RGC.parseRational(s) else { return .wrong("give one exact number") }
        return v == gold[0] ? .correct(Self.text(gold)) : .wrong("the value is \(Self.text(gold))")
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        from fractions import Fraction as F
        ax, ay, bx, by, cx, cy = map(F, \(RGC.py(metadata["vertices"])))
        kind = \(RGC.py(metadata["kind"]))
        # Circumcentre O: equidistant from A, B, C; solve the two perpendicular-bisector equations.
        # 2(bx-ax) x + 2(by-ay) y = |B|^2 - |A|^2 ; 2(cx-ax) x + 2(cy-ay) y = |C|^2 - |A|^2
        a11, a12, r1 = 2 * (bx - ax), 2 * (by - ay), bx * bx + by * by - ax * ax - ay * ay
        a21, a22, r2 = 2 * (cx - ax), 2 * (cy - ay), cx * cx + cy * cy - ax * ax - ay * ay
        det = a11 * a22 - a12 * a21
        ox, oy = (r1 * a22 - a12 * r2) / det, (a11 * r2 - r1 * a21) / det
        def show(v):
            return str(v.numerator) if v.denominator == 1 else f"{v.numerator}/{v.denominator}"
        if kind == "circumcentre":
            print(f"({show(ox)}, {show(oy)})")
        elif kind == "orthocentre":
            print(f"({show(ax + bx + cx - 2 * ox)}, {show(ay + by + cy - 2 * oy)})")
        elif kind == "centroid":
            print(f"({show((ax + bx + cx) / 3)}, {show((ay + by + cy) / 3)})")
        elif kind == "area":
            print(show(abs((bx - ax) * (cy - ay) - (cx - ax) * (by - ay)) / 2))
        else:
            print(show((ax - ox) ** 2 + (ay - oy) ** 2))
        """
    }
}
