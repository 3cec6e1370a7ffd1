// Blocksworld (SymBench): lettered blocks sit in numbered stacks; move them
// one at a time until the stacks match the goal.
//
// The world: stacks 1…S, each listed bottom to top, plus a table on which any
// number of blocks may lie side by side (nothing can be put on a block that
// lies on the table). A move takes the top block of a stack, or any block on
// the table, and puts it on top of another stack (empty or not) or on the
// table. The goal fixes every stack exactly, so the table ends empty.
//
// Many plans reach a goal, so the verifier simulates the answer's moves and
// checks the final state; plans need not be shortest. The gold plan comes from
// a simple planner: put a block straight into its final place when its goal
// support is already final, otherwise clear a misplaced top block to the table.
// Every block reaches the table at most once, so plans have at most 2·blocks moves.

public struct BlocksworldTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "blocksworld",
        title: "Blocksworld",
        source: .symbench,
        category: "planning",
        description: "Rearrange lettered blocks from an initial set of stacks into a goal set of stacks, "
            + "moving one top block at a time; any valid plan that reaches the goal is accepted.",
        knobs: [
            Knob("blocks", "number of blocks"),
            Knob("stacks", "number of numbered stacks"),
        ],
        levels: [
            Level("easy", ["blocks": 5, "stacks": 3]),
            Level("medium", ["blocks": 7, "stacks": 3]),
            Level("hard", ["blocks": 9, "stacks": 4]),
            Level("expert", ["blocks": 12, "stacks": 5]),
        ],
        defaultLevel: 1
    )

    /// Where a block is taken from or put: a stack (0-based here, 1-based in text) or the table.
    enum Place: Equatable {
        case stack(Int), table
        var text: String {
            switch self {
            case .stack(let i): return String(i + 1)
            case .table: return "table"
            }
        }
    }

    struct Move: Equatable {
        let block: Int
        let from: Place
        let to: Place
    }

    /// Stacks of block numbers, bottom to top, and the blocks lying on the table.
    struct World: Equatable {
        var stacks: [[Int]]
        var table: Set<Int> = []

        /// Applies a move; the reason it is illegal otherwise.
        mutating func apply(_ move: Move) -> String? {
            let name = BlocksworldTask.name(move.block)
            if move.from == move.to { return "moving \(name) from \(move.from.text) to itself" }
            switch move.from {
            case .table:
                guard table.contains(move.block) else { return "\(name) is not on the table" }
            case .stack(let i):
                guard stacks.indices.contains(i) else { return "there is no stack \(i + 1)" }
                guard stacks[i].last == move.block else {
                    return stacks[i].contains(move.block) ? "\(name) is not at the top of stack \(i + 1)"
                        : "\(name) is not in stack \(i + 1)"
                }
            }
            if case .stack(let j) = move.to, !stacks.indices.contains(j) { return "there is no stack \(j + 1)" }
            switch move.from {
            case .table: table.remove(move.block)
            case .stack(let i): stacks[i].removeLast()
            }
            switch move.to {
            case .table: table.insert(move.block)
            case .stack(let j): stacks[j].append(move.block)
            }
            return nil
        }
    }

    static func name(_ block: Int) -> String {
        String(UnicodeScalar(UInt8(65 + block)))
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let blocks = min(level["blocks"], 26), stacks = level["stacks"]
        func arrangement() -> [[Int]] {
            var result = [[Int]](repeating: [], count: stacks)
            for block in rng.shuffled(Array(0..<blocks)) { result[rng.int(0..<stacks)].append(block) }
            return result
        }
        let initial = arrangement()
        var goal = arrangement()
        // Equal arrangements are rare (about 1 in 2,500 at the easiest level); redraw a bounded number of times.
        for _ in 0..<100 where goal == initial { goal = arrangement() }
        if goal == initial { goal = [initial.flatMap { $0 }.reversed()] + Array(repeating: [], count: stacks - 1) }
        let plan = BlocksworldTask.plan(from: initial, to: goal)
        func show(_ world: [[Int]]) -> String {
            world.enumerated().map { i, stack in
                "Stack \(i + 1): " + (stack.isEmpty ? "(empty)" : stack.map(BlocksworldTask.name).joined(separator: " "))
            }.joined(separator: "\n")
        }
        let question = """
            There are \(blocks) blocks, named by letters, in \(stacks) numbered stacks. Each stack is listed \
            from bottom to top. Besides the stacks there is a table, where any number of blocks can lie \
            side by side; nothing can be put on top of a block that lies on the table.

            Initial state:
            \(show(initial))

            Goal state:
            \(show(goal))

            In one move you pick up a single block — the top block of a stack, or any block lying on the \
            table — and put it either on top of another stack (an empty stack is fine) or on the table. \
            Find a sequence of moves that turns the initial state into the goal state, with every stack \
            exactly as shown and no block left on the table. The plan does not have to be the shortest.

            Write one move per line in the form "Move X from S to T", where X is a block and S and T \
            are stack numbers or the word table, for example "Move B from 2 to table" or \
            "Move C from table to 3". Give the whole plan as your final answer inside <<< and >>>, like:
            <<<
            Move B from 2 to table
            Move C from 1 to 3
            >>>
            """
        let gold = plan.map { "Move \(BlocksworldTask.name($0.block)) from \($0.from.text) to \($0.to.text)" }
            .joined(separator: "\n")
        func names(_ world: [[Int]]) -> JSONValue {
            .array(world.map { JSONValue($0.map(BlocksworldTask.name)) })
        }
        return GeneratedItem(question: question, gold: gold,
                             metadata: ["initial": names(initial), "goal": names(goal)])
    }

    /// A valid plan from `initial` to `goal` (see the file comment).
    static func plan(from initial: [[Int]], to goal: [[Int]]) -> [Move] {
        var world = World(stacks: initial)
        var goalPlace: [Int: (stack: Int, height: Int)] = [:]
        for (s, stack) in goal.enumerated() {
            for (h, block) in stack.enumerated() { goalPlace[block] = (s, h) }
        }
        /// How many blocks at the bottom of stack s already match the goal.
        func finalPrefix(_ s: Int) -> Int {
            var k = 0
            while k < world.stacks[s].count, k < goal[s].count, world.stacks[s][k] == goal[s][k] { k += 1 }
            return k
        }
        var moves: [Move] = []
        let limit = 2 * goalPlace.count + 1
        while world.stacks != goal || !world.table.isEmpty {
            precondition(moves.count <= limit, "blocksworld planner did not terminate")
            // Blocks free to move: misplaced stack tops, then table blocks in name order.
            var movable: [(Int, Place)] = []
            for s in world.stacks.indices where world.stacks[s].count > finalPrefix(s) {
                movable.append((world.stacks[s].last!, .stack(s)))
            }
            movable += world.table.sorted().map { ($0, .table) }
            // 1. A block whose goal spot is ready: its goal stack is final up to just below it.
            if let (block, from) = movable.first(where: { block, _ in
                let target = goalPlace[block]!
                return world.stacks[target.stack].count == target.height && finalPrefix(target.stack) == target.height
            }) {
                let move = Move(block: block, from: from, to: .stack(goalPlace[block]!.stack))
                _ = world.apply(move)
                moves.append(move)
                continue
            }
            // 2. Otherwise clear a misplaced top block to the table (one always exists here).
            guard let (block, from) = movable.first(where: { if case .stack = $0.1 { return true }; return false })
            else { preconditionFailure("blocksworld planner is stuck") }
            let move = Move(block: block, from: from, to: .table)
            _ = world.apply(move)
            moves.append(move)
        }
        return moves
    }

    /// Reads "Move X from S to T" moves in order. Case is ignored, and so are the
    /// words "stack" and "the" ("from stack 2 to the table"), numbering like "1." and
    /// punctuation between moves. Every occurrence of the word "move" must start a
    /// well-formed move, so a garbled step is an error, not silently skipped.
    static func parseMoves(_ text: String, stacks: Int) -> Result<[Move], VerifyError> {
        let words = text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
        var moves: [Move] = []
        var i = 0
        func place() -> Place? {
            while i < words.count, words[i] == "stack" || words[i] == "the" { i += 1 }
            guard i < words.count else { return nil }
            defer { i += 1 }
            if words[i] == "table" { return .table }
            guard let n = Int(words[i]), (1...stacks).contains(n) else { return nil }
            return .stack(n - 1)
        }
        while i < words.count {
            guard words[i] == "move" else { i += 1; continue }
            i += 1
            guard moves.count < 1000 else { return .failure(VerifyError("the plan is too long")) }
            let step = moves.count + 1
            guard i < words.count, words[i].count == 1, let scalar = words[i].unicodeScalars.first,
                  ("a"..."z").contains(scalar) else {
                return .failure(VerifyError("move \(step) does not name a block"))
            }
            let block = Int(scalar.value) - 97
            i += 1
            guard i < words.count, words[i] == "from" else { return .failure(VerifyError("move \(step) has no 'from'")) }
            i += 1
            guard let from = place() else { return .failure(VerifyError("move \(step) has a bad source")) }
            guard i < words.count, words[i] == "to" || words[i] == "onto" else {
                return .failure(VerifyError("move \(step) has no 'to'"))
            }
            i += 1
            guard let to = place() else { return .failure(VerifyError("move \(step) has a bad destination")) }
            moves.append(Move(block: block, from: from, to: to))
        }
        return .success(moves)
    }

    struct VerifyError: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }

    /// Simulates the answer's moves from the initial state: each move must take
    /// the named block from where it really is (the top of the named stack, or
    /// the table) to an existing stack or the table. After the last move every
    /// stack must equal the goal stack and the table must be empty. An empty
    /// plan is wrong (initial and goal always differ).
    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let initialJSON = metadata["initial"]?.arrayValue, let goalJSON = metadata["goal"]?.arrayValue,
              initialJSON.count == goalJSON.count else {
            return .wrong("item metadata is missing the initial or goal state")
        }
        func blocks(_ stacks: [JSONValue]) -> [[Int]]? {
            var out: [[Int]] = []
            for stack in stacks {
                guard let names = stack.stringArray else { return nil }
                var ids: [Int] = []
                for name in names {
                    guard let v = name.unicodeScalars.first?.value, name.count == 1, (65...90).contains(v) else { return nil }
                    ids.append(Int(v) - 65)
                }
                out.append(ids)
            }
            return out
        }
        guard let initial = blocks(initialJSON), let goal = blocks(goalJSON) else {
            return .wrong("item metadata has bad block names")
        }
        let moves: [Move]
        switch BlocksworldTask.parseMoves(answer, stacks: initial.count) {
        case .failure(let error): return .wrong(error.message)
        case .success(let parsed): moves = parsed
        }
        guard !moves.isEmpty else { return .wrong("no moves of the form 'Move X from S to T'") }
        var world = World(stacks: initial)
        for (n, move) in moves.enumerated() {
            if let problem = world.apply(move) { return .wrong("move \(n + 1) is illegal: \(problem)") }
        }
        guard world.table.isEmpty else { return .wrong("blocks are left on the table") }
        guard world.stacks == goal else { return .wrong("the final stacks differ from the goal") }
        return .correct("the plan is legal and reaches the goal in \(moves.count) moves")
    }

    public func oracle(metadata: JSONValue) -> String {
        func literal(_ key: String) -> String {
            let stacks = metadata[key]?.arrayValue?.compactMap(\.stringArray) ?? []
            return "[" + stacks.map { "[" + $0.map { "\"\($0)\"" }.joined(separator: ", ") + "]" }
                .joined(separator: ", ") + "]"
        }
        return """
            initial = \(literal("initial"))  # stacks 1..n, bottom to top
            goal = \(literal("goal"))

            stacks = [list(s) for s in initial]
            table = []
            goal_place = {b: (s, h) for s, stack in enumerate(goal) for h, b in enumerate(stack)}

            def final_prefix(s):
                k = 0
                while k < min(len(stacks[s]), len(goal[s])) and stacks[s][k] == goal[s][k]:
                    k += 1
                return k

            moves = []
            while stacks != goal or table:
                movable = [(stacks[s][-1], s) for s in range(len(stacks)) if len(stacks[s]) > final_prefix(s)]
                movable += [(b, "table") for b in sorted(table)]
                for block, src in movable:
                    s, h = goal_place[block]
                    if len(stacks[s]) == h and final_prefix(s) == h:
                        dst = s
                        break
                else:
                    block, src = next(m for m in movable if m[1] != "table")
                    dst = "table"
                if src == "table":
                    table.remove(block)
                else:
                    stacks[src].pop()
                if dst == "table":
                    table.append(block)
                else:
                    stacks[dst].append(block)
                name = lambda p: "table" if p == "table" else str(p + 1)
                moves.append(f"Move {block} from {name(src)} to {name(dst)}")

            print("\\n".join(moves))
            """
    }
}
