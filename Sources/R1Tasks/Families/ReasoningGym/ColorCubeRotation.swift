// color_cube_rotation (Reasoning Gym, cognition): a cube with six coloured faces
// is tipped and spun; which colour ends up on a named side? Every move is
// defined in the question by where each face goes, so there is one answer.

public struct ColorCubeRotationTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "color_cube_rotation", title: "Colour cube rotation", source: .reasoningGym, category: "cognition",
        description: "Track the colours of a cube's faces through a sequence of quarter-turn moves.",
        knobs: [Knob("moves", "number of moves applied to the cube")],
        levels: [Level("easy", ["moves": 2]), Level("medium", ["moves": 4]),
                 Level("hard", ["moves": 7]), Level("expert", ["moves": 12])],
        defaultLevel: 1)

    static let sides = ["top", "bottom", "front", "back", "left", "right"]
    static let colors = ["red", "blue", "green", "yellow", "orange", "purple", "white", "black", "pink", "brown",
                         "gray", "cyan", "gold", "silver"]

    /// A move: its name and the 4-cycle of sides it carries (the face on cycle[i] goes to cycle[i+1]).
    static let moves: [(name: String, cycle: [String])] = [
        ("tip it to the right", ["top", "right", "bottom", "left"]),
        ("tip it to the left", ["top", "left", "bottom", "right"]),
        ("tip it forwards", ["top", "front", "bottom", "back"]),
        ("tip it backwards", ["top", "back", "bottom", "front"]),
        ("spin it clockwise as seen from above", ["front", "left", "back", "right"]),
        ("spin it anticlockwise as seen from above", ["front", "right", "back", "left"]),
    ]

    static func describe(_ m: (name: String, cycle: [String])) -> String {
        let c = m.cycle
        return "\(m.name) (the \(c[0]) face goes to the \(c[1]), the \(c[1]) face to the \(c[2]), "
            + "the \(c[2]) face to the \(c[3]) and the \(c[3]) face to the \(c[0]))"
    }

    /// Applies moves by index to a side → colour map.
    static func apply(_ start: [String: String], moves indices: [Int]) -> [String: String] {
        var faces = start
        for i in indices {
            let cycle = moves[i].cycle
            var next = faces
            for k in 0..<4 { next[cycle[(k + 1) % 4]] = faces[cycle[k]] }
            faces = next
        }
        return faces
    }

    /// The list of possible moves, the same in every question: written once.
    static let legend = moves.map { "- " + describe($0) }.joined(separator: "\n")

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let colors = rng.sample(ColorCubeRotationTask.colors, count: 6)
        var start: [String: String] = [:]
        for (side, color) in zip(ColorCubeRotationTask.sides, colors) { start[side] = color }
        let indices = (0..<level["moves"]).map { _ in rng.int(0..<ColorCubeRotationTask.moves.count) }
        let end = ColorCubeRotationTask.apply(start, moves: indices)
        let asked = rng.pick(ColorCubeRotationTask.sides)
        let faces = ColorCubeRotationTask.sides.map { "the \($0) face is \(start[$0]!)" }
        let steps = indices.enumerated().map { "\($0.offset + 1). \(ColorCubeRotationTask.moves[$0.element].name)" }
        let question = """
            A cube sits on a table with its faces painted in six different colours: \(BBH.list(faces)).

            The possible moves, and where each one carries the faces:
            \(ColorCubeRotationTask.legend)

            The cube is moved as follows, one move after another:
            \(steps.joined(separator: "\n"))

            After all the moves, what colour is the \(asked) face? Give the colour as your final answer \
            inside <<< and >>>, for example <<<\(colors[0])>>>.
            """
        var meta: [String: JSONValue] = [:]
        meta["start"] = .object(start.mapValues { .string($0) })
        meta["moves"] = JSONValue(indices)
        meta["asked"] = .string(asked)
        meta["answer"] = .string(end[asked]!)
        return GeneratedItem(question: question, gold: end[asked]!, metadata: meta)
    }

    /// The colour word alone (any case, optional "the … face is" is not read).
    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let gold = metadata["answer"]?.stringValue else { return .wrong("item metadata has no answer") }
        let said = BBH.tidy(answer).lowercased()
        return said == gold ? .correct(gold) : .wrong("the answer is \(gold)")
    }

    public func oracle(metadata: JSONValue) -> String {
        let cycles = ColorCubeRotationTask.moves.map { m in "[" + m.cycle.map { "\"\($0)\"" }.joined(separator: ", ") + "]" }
        return """
            faces = \(RGGrids.py(metadata["start"] ?? .null))
            cycles = [\(cycles.joined(separator: ", "))]
            for m in \(RGGrids.py(metadata["moves"] ?? .null)):
                c = cycles[m]
                faces = {**faces, **{c[(k + 1) % 4]: faces[c[k]] for k in range(4)}}
            print(faces[\(RGGrids.py(metadata["asked"] ?? .null))])
            """
    }
}
