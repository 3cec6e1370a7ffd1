// Light Puzzles (SymBench): a grid of lights, buttons that toggle listed
// lights, and a sequence of presses; give the grid after all presses. One
// answer, compared exactly cell by cell.

public struct LightPuzzlesTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "light_puzzles",
        title: "Light Puzzles",
        source: .symbench,
        category: "puzzle",
        description: "Apply a sequence of button presses, each toggling a set of lights, to a grid of lights.",
        knobs: [
            Knob("size", "grid side n"),
            Knob("buttons", "how many buttons"),
            Knob("presses", "how many presses"),
        ],
        levels: [
            Level("easy", ["size": 3, "buttons": 2, "presses": 3]),
            Level("medium", ["size": 4, "buttons": 3, "presses": 5]),
            Level("hard", ["size": 5, "buttons": 4, "presses": 8]),
            Level("expert", ["size": 6, "buttons": 5, "presses": 12]),
        ],
        defaultLevel: 1
    )

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let n = level["size"], buttonCount = level["buttons"], presses = level["presses"]
        let initial = (0..<n).map { _ in (0..<n).map { _ in rng.int(0...1) } }
        var buttons: [[[Int]]] = []
        for _ in 0..<buttonCount {
            let k = rng.int(2...max(2, n * n / 2))
            let cells = rng.sample(Array(0..<(n * n)), count: k).sorted()
            buttons.append(cells.map { [$0 / n + 1, $0 % n + 1] })
        }
        let sequence = (0..<presses).map { _ in rng.int(0..<buttonCount) }
        var grid = initial
        for b in sequence { for cell in buttons[b] { grid[cell[0] - 1][cell[1] - 1] ^= 1 } }
        let names = (0..<buttonCount).map { String(UnicodeScalar(UInt8(65 + $0))) }
        let buttonText = buttons.enumerated().map { i, cells in
            "Button \(names[i]) toggles the lights at " + cells.map { "(\($0[0]), \($0[1]))" }.joined(separator: ", ")
        }.joined(separator: "\n")
        let pressText = sequence.enumerated().map { "Press \($0.offset + 1): button \(names[$0.element])" }
            .joined(separator: "\n")
        let question = """
            A \(n)x\(n) grid of lights is shown below; 1 is a light that is on and 0 a light that is off.
            \(SymFormat.grid(initial, separator: ""))

            Pressing a button toggles (switches on if off, off if on) every light it controls. Positions are \
            (row, column), numbered from 1 at the top left.
            \(buttonText)

            The buttons are pressed in this order:
            \(pressText)

            What is the grid after all presses? Give the \(n * n) values row by row, top row first, separated \
            by commas, in the form <<<v1,v2,...>>>; for example <<<\(Array(repeating: "0", count: n * n).joined(separator: ","))>>> \
            is a grid with every light off.
            """
        let flat = grid.flatMap { $0 }
        return GeneratedItem(question: question, gold: flat.map(String.init).joined(separator: ","), metadata: [
            "initial": JSONValue(initial), "buttons": .array(buttons.map { JSONValue($0) }),
            "presses": JSONValue(sequence), "final": JSONValue(flat),
        ])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let final = metadata["final"]?.intArray else { return .wrong("item metadata is missing the final grid") }
        guard let cells = SymParse.cells(answer, count: final.count) else {
            return .wrong("expected \(final.count) values of 0 or 1")
        }
        guard cells.allSatisfy({ $0 == "0" || $0 == "1" }) else { return .wrong("every value must be 0 or 1") }
        let wrong = zip(cells, final).filter { Int($0.0) != $0.1 }.count
        return wrong == 0 ? .correct("the grid is right") : .wrong("\(wrong) lights are wrong")
    }

    public func oracle(metadata: JSONValue) -> String {
        let initial = metadata["initial"]?.intGrid ?? []
        let buttons = (metadata["buttons"]?.arrayValue ?? []).map { $0.intGrid ?? [] }
        let presses = metadata["presses"]?.intArray ?? []
        return """
            grid = \(initial)
            buttons = \(buttons)
            presses = \(presses)  # indices into buttons (A = 0)
            for b in presses:
                for r, c in buttons[b]:
                    grid[r - 1][c - 1] ^= 1
            print(",".join(str(v) for row in grid for v in row))
            """
    }
}
