// rectangle_count (Reasoning Gym, cognition): count the rectangles drawn with
// '#' outlines on an ASCII canvas. Outlines never touch one another (at least
// one blank cell between them), though at higher levels one rectangle can sit
// inside another; so the drawn count is the only sensible answer.

public struct RectangleCountTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "rectangle_count", title: "Count the rectangles", source: .reasoningGym, category: "cognition",
        description: "Count rectangle outlines drawn in ASCII art, some nested inside others.",
        knobs: [Knob("width", "canvas columns"), Knob("height", "canvas rows"), Knob("max_rectangles", "most rectangles"),
                Knob("nesting", "1 when rectangles may sit inside others")],
        levels: [Level("easy", ["width": 24, "height": 10, "max_rectangles": 5, "nesting": 0]),
                 Level("medium", ["width": 32, "height": 14, "max_rectangles": 7, "nesting": 1]),
                 Level("hard", ["width": 44, "height": 18, "max_rectangles": 11, "nesting": 1]),
                 Level("expert", ["width": 60, "height": 24, "max_rectangles": 16, "nesting": 1])],
        defaultLevel: 1)

    /// [top, left, bottom, right], inclusive.
    static func fits(_ a: [Int], _ b: [Int], nesting: Bool) -> Bool {
        let apart = a[2] + 1 < b[0] || b[2] + 1 < a[0] || a[3] + 1 < b[1] || b[3] + 1 < a[1]
        func inside(_ x: [Int], _ y: [Int]) -> Bool { x[0] >= y[0] + 2 && x[1] >= y[1] + 2 && x[2] <= y[2] - 2 && x[3] <= y[3] - 2 }
        return apart || nesting && (inside(a, b) || inside(b, a))
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let w = level["width"], h = level["height"], nesting = level["nesting"] == 1
        let want = rng.int(2...level["max_rectangles"])
        var rects: [[Int]] = []
        var tries = 0
        while rects.count < want && tries < 5000 {
            tries += 1
            let rh = rng.int(3...max(3, h / 2)), rw = rng.int(3...max(3, w / 3))
            let top = rng.int(0...(h - rh)), left = rng.int(0...(w - rw))
            let r = [top, left, top + rh - 1, left + rw - 1]
            if rects.allSatisfy({ Self.fits($0, r, nesting: nesting) }) { rects.append(r) }
        }
        var canvas = [[UInt8]](repeating: [UInt8](repeating: UInt8(ascii: " "), count: w), count: h)
        for r in rects {
            for c in r[1]...r[3] { canvas[r[0]][c] = UInt8(ascii: "#"); canvas[r[2]][c] = UInt8(ascii: "#") }
            for row in r[0]...r[2] { canvas[row][r[1]] = UInt8(ascii: "#"); canvas[row][r[3]] = UInt8(ascii: "#") }
        }
        let art = canvas.map { String(ascii: $0).replacing(" ", with: ".") }
        let question = """
            How many rectangles are drawn below? Each is an outline of # characters; . is empty space. Outlines \
            never touch, but a rectangle may be drawn inside another.

            \(art.joined(separator: "\n"))

            Give the number as your final answer inside <<< and >>>, for example <<<3>>>.
            """
        return GeneratedItem(question: question, gold: String(rects.count), metadata: [
            "canvas": JSONValue(art), "answer": .int(rects.count),
        ])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        RG.verifyInteger(answer: answer, metadata: metadata)
    }

    public func oracle(metadata: JSONValue) -> String {
        // Every outline has exactly one top-left corner: a # with no # above or to its left
        // whose right and lower neighbours are #.
        """
        art = \(RGC.py(metadata["canvas"]))
        H, W = len(art), len(art[0])
        def at(r, c):
            return 0 <= r < H and 0 <= c < W and art[r][c] == "#"
        print(sum(1 for r in range(H) for c in range(W)
                  if at(r, c) and not at(r - 1, c) and not at(r, c - 1) and at(r + 1, c) and at(r, c + 1)))
        """
    }
}
