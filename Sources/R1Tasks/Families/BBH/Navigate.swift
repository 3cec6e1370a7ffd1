// navigate: follow steps and turns on a grid; do you end where you started?
// "Yes" items are built from moves that cancel out, shuffled; "No" items are
// the same with one move lengthened, shortened or turned, so they miss by little.

struct NavigateTask: ReasoningTask {
    let info = TaskInfo(
        id: "navigate",
        title: "Navigate",
        source: .bbh,
        category: "spatial",
        description: "Follow a list of steps (and, at higher levels, turns) and say whether you end at the "
            + "starting point. Labels are balanced, so a constant answer scores about 50%.",
        knobs: [
            Knob("moves", "how many step instructions"),
            Knob("turns", "0: always face forward; 1: instructions turn you"),
            Knob("max_steps", "largest number of steps in one instruction"),
        ],
        levels: [
            Level("easy", ["moves": 5, "turns": 0, "max_steps": 10]),
            Level("medium", ["moves": 6, "turns": 1, "max_steps": 10]),
            Level("hard", ["moves": 9, "turns": 1, "max_steps": 12]),
            Level("expert", ["moves": 14, "turns": 1, "max_steps": 15]),
        ],
        defaultLevel: 1
    )

    /// Unit vectors for headings 0 north, 1 east, 2 south, 3 west.
    static let unit = [(0, 1), (1, 0), (0, -1), (-1, 0)]
    /// Relative step directions, indexed by (direction − heading) mod 4.
    static let relative = ["forward", "right", "backward", "left"]
    static let turnDelta = ["right": 1, "around": 2, "left": 3]

    /// Moves (absolute direction, steps) whose vectors sum to zero; nil when a
    /// correcting move would exceed `maxSteps`.
    static func cancellingMoves(count: Int, maxSteps: Int, rng: inout SplitMix64) -> [(Int, Int)]? {
        var moves: [(Int, Int)] = (0..<(count - 2)).map { _ in (rng.int(0...3), rng.int(1...maxSteps)) }
        var x = 0, y = 0
        for (d, n) in moves { x += unit[d].0 * n; y += unit[d].1 * n }
        func move(dx: Int, dy: Int) -> (Int, Int) {
            dx > 0 ? (1, dx) : dx < 0 ? (3, -dx) : dy > 0 ? (0, dy) : (2, -dy)
        }
        if x != 0 && y != 0 {
            moves += [move(dx: -x, dy: 0), move(dx: 0, dy: -y)]
        } else if x == 0 && y == 0 {
            let d = rng.int(0...3), n = rng.int(1...maxSteps)
            moves += [(d, n), ((d + 2) % 4, n)]
        } else {
            // One axis is off: split the correction into two moves along it.
            let total = -(x + y)  // the non-zero one
            let horizontal = x != 0
            let magnitude = abs(total)
            guard magnitude >= 2 else {
                // One extra step and one back: +2 and −1 in the correcting direction.
                let c = horizontal ? move(dx: 2 * total, dy: 0) : move(dx: 0, dy: 2 * total)
                moves += [c, ((c.0 + 2) % 4, 1)]
                return moves.allSatisfy({ $0.1 <= maxSteps }) ? moves : nil
            }
            let a = rng.int(1...(magnitude - 1))
            let sign = total > 0 ? 1 : -1
            let first = horizontal ? move(dx: sign * a, dy: 0) : move(dx: 0, dy: sign * a)
            let second = horizontal ? move(dx: sign * (magnitude - a), dy: 0) : move(dx: 0, dy: sign * (magnitude - a))
            moves += [first, second]
        }
        return moves.allSatisfy({ $0.1 <= maxSteps }) ? moves : nil
    }

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let count = level["moves"], turns = level["turns"] == 1, maxSteps = level["max_steps"]
        let returns = rng.chance(0.5)
        var moves: [(Int, Int)] = []
        for _ in 0..<1000 {
            if let m = Self.cancellingMoves(count: count, maxSteps: maxSteps, rng: &rng) { moves = m; break }
        }
        rng.shuffle(&moves)
        if !returns {
            let i = rng.int(0..<moves.count)
            if rng.chance(0.3) {
                moves[i].0 = (moves[i].0 + (rng.chance(0.5) ? 1 : 3)) % 4  // turned a quarter
            } else {
                let up = moves[i].1 + rng.int(1...2), down = moves[i].1 - rng.int(1...2)
                moves[i].1 = down >= 1 && (up > maxSteps || rng.chance(0.5)) ? down : up
            }
        }
        // Render relative to a heading that turns (or not).
        var heading = 0
        var instructions: [JSONValue] = []
        var lines: [String] = []
        for (d, n) in moves {
            if turns && rng.chance(0.55) {
                let turn = rng.pick(["left", "right", "around"])
                heading = (heading + Self.turnDelta[turn]!) % 4
                instructions.append(["op": "turn", "dir": .string(turn)])
                lines.append("Turn \(turn).")
            }
            let rel = Self.relative[(d - heading + 4) % 4]
            instructions.append(["op": "step", "dir": .string(rel), "n": .int(n)])
            let noun = n == 1 ? "step" : "steps"
            lines.append(turns && rel == "forward" && rng.chance(0.5) ? "Take \(n) \(noun)." : "Take \(n) \(noun) \(rel).")
        }
        let question = """
            If you follow these instructions, do you end up back at the starting point? \
            \(turns ? "You can turn on the spot; steps are taken relative to the way you face." : "Always face forward: left and right steps are sideways.")

            \(lines.joined(separator: " "))

            Give your final answer as <<<Yes>>> or <<<No>>>.
            """
        return GeneratedItem(question: question, gold: returns ? "Yes" : "No",
                             metadata: ["instructions": .array(instructions), "returns": .bool(returns)])
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let returns = metadata["returns"]?.boolValue else { return .wrong("item metadata is missing returns") }
        return BBH.verifyBinary(answer: answer, expected: returns, trueWord: "Yes", falseWord: "No")
    }

    func oracle(metadata: JSONValue) -> String {
        """
        instructions = \(BBH.py(metadata["instructions"] ?? []))
        x, y, dx, dy = 0, 0, 0, 1  # facing north
        for ins in instructions:
            if ins["op"] == "turn":
                for _ in range({"right": 1, "around": 2, "left": 3}[ins["dir"]]):
                    dx, dy = dy, -dx  # a quarter turn clockwise
            else:
                sx, sy = {"forward": (dx, dy), "backward": (-dx, -dy),
                          "right": (dy, -dx), "left": (-dy, dx)}[ins["dir"]]
                x, y = x + ins["n"] * sx, y + ins["n"] * sy
        print("Yes" if (x, y) == (0, 0) else "No")
        """
    }
}
