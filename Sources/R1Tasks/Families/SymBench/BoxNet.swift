// BoxNet (SymBench): a grid with one agent in every cell moves coloured boxes
// to the target cell of their colour. In a step, each agent handles at most
// one box in its own cell: move it to a neighbouring cell or, at the target,
// deliver it. Deliver all boxes within the step budget of the generator's own
// greedy plan; any valid plan within the budget scores 1 (simulated).

public struct BoxNetTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "boxnet",
        title: "BoxNet",
        source: .symbench,
        category: "planning",
        description: "Plan per-step box moves by cell agents so that every box reaches the target of its colour in time.",
        knobs: [
            Knob("rows", "grid rows"),
            Knob("cols", "grid columns"),
            Knob("boxes", "how many boxes"),
        ],
        levels: [
            Level("easy", ["rows": 3, "cols": 4, "boxes": 3]),
            Level("medium", ["rows": 3, "cols": 3, "boxes": 5]),
            Level("hard", ["rows": 3, "cols": 4, "boxes": 7]),
            Level("expert", ["rows": 4, "cols": 4, "boxes": 10]),
        ],
        defaultLevel: 1
    )

    static let colours = ["red", "blue", "green", "yellow"]

    struct Box { var name: String; var colour: Int; var cell: [Int] }

    /// The generator's plan: each step, in row-major cell order, the agent takes the box in its
    /// cell that can be delivered, else the one farthest from its target (then by name), and
    /// moves it one cell towards the target, rows first. Each step lists (box, destination) with
    /// destination nil for a delivery.
    static func greedy(_ boxes: [Box], targets: [[Int]]) -> [[(String, [Int]?)]] {
        var live = boxes
        var plan: [[(String, [Int]?)]] = []
        while !live.isEmpty && plan.count < 200 {
            var step: [(String, [Int]?)] = []
            let cells = Array(Set(live.map(\.cell))).sorted { ($0[0], $0[1]) < ($1[0], $1[1]) }
            var moved: [String: [Int]?] = [:]
            for cell in cells {
                let here = live.filter { $0.cell == cell }
                func distance(_ b: Box) -> Int { abs(b.cell[0] - targets[b.colour][0]) + abs(b.cell[1] - targets[b.colour][1]) }
                let ordered = here.sorted { a, b in
                    let (da, db) = (distance(a), distance(b))
                    if (da == 0) != (db == 0) { return da == 0 }
                    if da != db { return da > db }
                    return a.name < b.name
                }
                let box = ordered[0]
                let t = targets[box.colour]
                if box.cell == t {
                    step.append((box.name, nil))
                    moved[box.name] = .some(nil)
                } else {
                    var next = box.cell
                    if next[0] != t[0] { next[0] += t[0] > next[0] ? 1 : -1 } else { next[1] += t[1] > next[1] ? 1 : -1 }
                    step.append((box.name, next))
                    moved[box.name] = .some(next)
                }
            }
            live = live.compactMap { b in
                guard let m = moved[b.name] else { return b }
                guard let to = m else { return nil }
                var c = b
                c.cell = to
                return c
            }
            plan.append(step)
        }
        return plan
    }

    static func format(_ plan: [[(String, [Int]?)]]) -> String {
        plan.enumerated().map { i, step in
            "Step \(i + 1): " + step.map { "\($0.0) -> " + ($0.1.map { "(\($0[0]), \($0[1]))" } ?? "target") }.joined(separator: "; ")
        }.joined(separator: "\n")
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let rows = level["rows"], cols = level["cols"], count = level["boxes"]
        let cells = (0..<(rows * cols)).map { [$0 / cols, $0 % cols] }
        let colourCount = min(Self.colours.count, max(2, count / 2))
        let targets = (0..<colourCount).map { _ in rng.pick(cells) }
        var boxes: [Box] = []
        var perColour = [Int](repeating: 0, count: colourCount)
        for i in 0..<count {
            let colour = i < colourCount ? i : rng.int(0..<colourCount)
            perColour[colour] += 1
            let cell = rng.pick(cells.filter { $0 != targets[colour] })
            boxes.append(Box(name: "\(Self.colours[colour])\(perColour[colour])", colour: colour, cell: cell))
        }
        let plan = Self.greedy(boxes, targets: targets)
        let question = """
            A grid has \(rows) rows and \(cols) columns; cells are (row, column), numbered from 0. Every cell holds one \
            agent. Targets: \((0..<colourCount).map { "the \(Self.colours[$0]) target is in cell (\(targets[$0][0]), \(targets[$0][1]))" }.joined(separator: ", ")).
            Boxes: \(boxes.map { "\($0.name) in (\($0.cell[0]), \($0.cell[1]))" }.joined(separator: ", ")).
            In each step, each agent may act on at most one box that is in its own cell at the start of the step: \
            move it to a cell directly above, below, left or right, or, if its cell holds the target of the box's \
            colour, deliver it (the box disappears). A box is acted on at most once per step.
            Deliver every box in at most \(plan.count) steps. Write one line per step with the actions separated by \
            semicolons, each as "box -> (row, column)" for a move or "box -> target" for a delivery, in the form
            <<<
            Step 1: red1 -> (0, 1); blue1 -> target
            Step 2: red1 -> target
            >>>
            """
        return GeneratedItem(question: question, gold: Self.format(plan), metadata: [
            "rows": .int(rows), "cols": .int(cols), "targets": JSONValue(targets),
            "boxes": .array(boxes.map { .array([.string($0.name), .int($0.colour), JSONValue($0.cell)]) }),
            "max_steps": .int(plan.count),
        ])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let rows = metadata["rows"]?.intValue, let cols = metadata["cols"]?.intValue,
              let targets = metadata["targets"]?.intGrid, let limit = metadata["max_steps"]?.intValue,
              let raw = metadata["boxes"]?.arrayValue, !raw.isEmpty else { return .wrong("item metadata is incomplete") }
        var position: [String: [Int]] = [:], colour: [String: Int] = [:]
        for b in raw {
            guard let a = b.arrayValue, a.count == 3, let name = a[0].stringValue, let c = a[1].intValue,
                  targets.indices.contains(c), let cell = a[2].intArray, cell.count == 2 else { return .wrong("item metadata is incomplete") }
            position[name] = cell
            colour[name] = c
        }
        let chunks = answer.lowercased().components(separatedBy: "step").dropFirst()
        guard !chunks.isEmpty, chunks.count <= 1000 else { return .wrong("expected lines 'Step k: box -> (row, column); ...'") }
        guard chunks.count <= limit else { return .wrong("\(chunks.count) steps, at most \(limit) allowed") }
        for (s, chunk) in chunks.enumerated() {
            var body = chunk.drop { $0.isWhitespace || $0.isNumber }
            guard chunk.first(where: { !$0.isWhitespace })?.isNumber == true else { return .wrong("step \(s + 1) has no number") }
            if body.first == ":" || body.first == "-" { body = body.dropFirst() }
            var usedCells = Set<[Int]>(), usedBoxes = Set<String>()
            var updates: [(String, [Int]?)] = []
            for action in body.split(whereSeparator: { $0 == ";" || $0 == "\n" }) {
                let text = action.trimmedSpaces()
                if text.isEmpty || text == "." { continue }
                let parts = text.components(separatedBy: "->")
                guard parts.count == 2 else { return .wrong("step \(s + 1): cannot read '\(text.prefix(40))'") }
                let name = parts[0].trimmedSpaces()
                guard let from = position[name] else { return .wrong("step \(s + 1): no box named '\(name.prefix(20))' is left") }
                guard usedBoxes.insert(name).inserted else { return .wrong("step \(s + 1): \(name) is acted on twice") }
                guard usedCells.insert(from).inserted else { return .wrong("step \(s + 1): the agent in (\(from[0]), \(from[1])) acts twice") }
                let dest = parts[1].trimmedSpaces()
                if dest == "target" || dest == "deliver" {
                    guard from == targets[colour[name]!] else { return .wrong("step \(s + 1): \(name) is not at its target") }
                    updates.append((name, nil))
                } else {
                    guard let to = SymParse.integers(dest), to.count == 2, (0..<rows).contains(to[0]), (0..<cols).contains(to[1]),
                          abs(to[0] - from[0]) + abs(to[1] - from[1]) == 1 else {
                        return .wrong("step \(s + 1): \(name) cannot move to \(dest.prefix(20))")
                    }
                    updates.append((name, to))
                }
            }
            for (name, to) in updates { position[name] = to }
            for (name, to) in updates where to == nil { position.removeValue(forKey: name) }
        }
        guard position.isEmpty else { return .wrong("\(position.count) boxes are not delivered") }
        return .correct("every box delivered in \(chunks.count) steps")
    }

    public func oracle(metadata: JSONValue) -> String {
        let targets = metadata["targets"]?.intGrid ?? []
        let boxes = (metadata["boxes"]?.arrayValue ?? []).compactMap { b -> String? in
            guard let a = b.arrayValue, a.count == 3, let n = a[0].stringValue, let c = a[1].intValue, let cell = a[2].intArray else { return nil }
            return "\(SymFormat.pyString(n)): (\(c), \(cell))"
        }
        return """
            targets = \(targets)
            boxes = {\(boxes.joined(separator: ", "))}  # name: (colour, cell)
            step = 0
            while boxes:
                step += 1
                actions, moves = [], {}
                for cell in sorted({tuple(c) for _, c in boxes.values()}):
                    here = [n for n, (_, c) in boxes.items() if tuple(c) == cell]
                    dist = lambda n: abs(cell[0] - targets[boxes[n][0]][0]) + abs(cell[1] - targets[boxes[n][0]][1])
                    name = sorted(here, key=lambda n: (dist(n) != 0, -dist(n), n))[0]
                    t = targets[boxes[name][0]]
                    if list(cell) == t:
                        actions.append(f"{name} -> target")
                        moves[name] = None
                    else:
                        r, c = cell
                        if r != t[0]:
                            r += 1 if t[0] > r else -1
                        else:
                            c += 1 if t[1] > c else -1
                        actions.append(f"{name} -> ({r}, {c})")
                        moves[name] = [r, c]
                for name, to in moves.items():
                    if to is None:
                        del boxes[name]
                    else:
                        boxes[name] = (boxes[name][0], to)
                print(f"Step {step}: " + "; ".join(actions))
            """
    }
}
