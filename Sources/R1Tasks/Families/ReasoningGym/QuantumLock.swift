// quantum_lock (Reasoning Gym, graphs): a display starts at a given number
// with a red or green light; each button changes the number (add, subtract or multiply) and every
// press toggles the light. Some buttons work only while the light has one
// colour. Reach the target in as few presses as possible. Breadth-first
// search over (number, light) gives the shortest length; the verifier runs
// the answer's presses and accepts any sequence of that length.

public struct QuantumLockTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "quantum_lock", title: "Quantum lock", source: .reasoningGym, category: "graphs",
        description: "Find a shortest button sequence that takes a display from 0 to a target.",
        knobs: [Knob("buttons", "number of buttons"), Knob("distance", "presses in a shortest solution"),
                Knob("conditional", "buttons that work only with one light colour")],
        levels: [Level("easy", ["buttons": 3, "distance": 3, "conditional": 0]),
                 Level("medium", ["buttons": 3, "distance": 5, "conditional": 1]),
                 Level("hard", ["buttons": 4, "distance": 7, "conditional": 2]),
                 Level("expert", ["buttons": 5, "distance": 9, "conditional": 3])],
        defaultLevel: 1)

    static let limit = 999
    static let names = ["A", "B", "C", "D", "E"]

    /// A button: [op, amount, when] with op 0 add, 1 subtract, 2 multiply; when 0 any, 1 red, 2 green.
    /// The result of pressing it, or nil when the press is not allowed.
    static func press(_ b: [Int], value: Int, green: Bool) -> Int? {
        if b[2] == 1 && green || b[2] == 2 && !green { return nil }
        let v = b[0] == 0 ? value + b[1] : b[0] == 1 ? value - b[1] : value * b[1]
        return (0...limit).contains(v) ? v : nil
    }

    /// Shortest press count to every (value, light) state from state `start`: dist[value * 2 + green].
    static func distances(_ buttons: [[Int]], start: Int) -> [Int] {
        var dist = [Int](repeating: -1, count: (limit + 1) * 2)
        dist[start] = 0
        var queue = [start], head = 0
        while head < queue.count {
            let s = queue[head]; head += 1
            for b in buttons {
                guard let v = press(b, value: s / 2, green: s % 2 == 1) else { continue }
                let t = v * 2 + (s % 2 == 1 ? 0 : 1)
                if dist[t] < 0 { dist[t] = dist[s] + 1; queue.append(t) }
            }
        }
        return dist
    }

    static func describe(_ b: [Int]) -> String {
        let op = b[0] == 0 ? "add \(b[1])" : b[0] == 1 ? "subtract \(b[1])" : "multiply by \(b[1])"
        return op + (b[2] == 1 ? " (only while the light is red)" : b[2] == 2 ? " (only while the light is green)" : "")
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let count = level["buttons"], want = level["distance"], conditional = level["conditional"]
        for _ in 0..<2000 {
            var buttons: [[Int]] = (0..<count).map { i in
                let op = i == 0 ? 0 : rng.int(0...2)
                let amount = op == 2 ? rng.int(2...3) : rng.int(1...9)
                return [op, amount, 0]
            }
            for i in rng.sample(Array(0..<count), count: conditional) { buttons[i][2] = rng.int(1...2) }
            let startValue = rng.int(0...20), startGreen = rng.chance(0.5)
            let start = startValue * 2 + (startGreen ? 1 : 0)
            let dist = Self.distances(buttons, start: start)
            // Best distance to each number, either light colour.
            var targets: [Int] = []
            for v in 0...Self.limit where v != startValue {
                let d = [dist[v * 2], dist[v * 2 + 1]].filter { $0 >= 0 }.min()
                if d == want { targets.append(v) }
            }
            guard !targets.isEmpty else { continue }
            let target = rng.pick(targets)
            let lines = buttons.enumerated().map { "\(Self.names[$0.offset]): \(Self.describe($0.element))" }
            let question = """
                A lock shows a number, starting at \(startValue), and a light, starting \(startGreen ? "green" : "red"). Pressing a button changes the \
                number as listed and always toggles the light (red to green or green to red). A button marked \
                with a colour can only be pressed while the light has that colour, and no press may take the \
                number below 0 or above \(Self.limit).
                \(lines.joined(separator: "\n"))

                Reach \(target) with as few presses as possible (the light may end either colour). Give the \
                buttons in order as your final answer inside <<< and >>>, separated by spaces, for example \
                <<<A B A>>>.
                """
            let gold = Self.onePath(buttons, start: start, target: target)
            return GeneratedItem(question: question, gold: gold.joined(separator: " "), metadata: [
                "buttons": .array(buttons.map { JSONValue($0) }), "target": .int(target), "length": .int(want),
                "start": .int(startValue), "start_green": .bool(startGreen),
            ])
        }
        preconditionFailure("quantum_lock: no target at the wanted distance")
    }

    /// One shortest press sequence to `target`, by BFS parents.
    static func onePath(_ buttons: [[Int]], start: Int, target: Int) -> [String] {
        var parent = [Int](repeating: -2, count: (limit + 1) * 2), via = [Int](repeating: 0, count: (limit + 1) * 2)
        parent[start] = -1
        var queue = [start], head = 0
        while head < queue.count {
            let s = queue[head]; head += 1
            if s / 2 == target {
                var out: [String] = [], k = s
                while parent[k] >= 0 { out.append(names[via[k]]); k = parent[k] }
                return out.reversed()
            }
            for (i, b) in buttons.enumerated() {
                guard let v = press(b, value: s / 2, green: s % 2 == 1) else { continue }
                let t = v * 2 + (s % 2 == 1 ? 0 : 1)
                if parent[t] == -2 { parent[t] = s; via[t] = i; queue.append(t) }
            }
        }
        return []
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let list = metadata["buttons"]?.arrayValue, let target = metadata["target"]?.intValue,
              let length = metadata["length"]?.intValue, let startValue = metadata["start"]?.intValue,
              let startGreen = metadata["start_green"]?.boolValue else { return .wrong("item metadata has no lock") }
        let buttons = list.compactMap(\.intArray)
        guard buttons.count == list.count, buttons.allSatisfy({ $0.count == 3 }) else { return .wrong("item metadata has a bad button") }
        let presses = RGC.tokens(answer.uppercased())
        guard presses.count <= 1000, !presses.isEmpty else { return .wrong("give the buttons to press") }
        var value = startValue, green = startGreen
        for p in presses {
            guard let i = Self.names.prefix(buttons.count).firstIndex(of: String(p)) else {
                return .wrong("'\(p.prefix(20))' is not a button")
            }
            guard let v = Self.press(buttons[i], value: value, green: green) else {
                return .wrong("button \(p) cannot be pressed at \(value) with the light \(green ? "green" : "red")")
            }
            value = v; green.toggle()
        }
        guard value == target else { return .wrong("the presses end at \(value), not \(target)") }
        return presses.count == length ? .correct("a shortest sequence")
            : .wrong("reaches \(target) in \(presses.count) presses; the shortest takes \(length)")
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        from collections import deque
        buttons = \(RGC.py(metadata["buttons"]))
        target = \(metadata["target"]?.intValue ?? 0)
        def press(b, value, green):
            op, amount, when = b
            if (when == 1 and green) or (when == 2 and not green):
                return None
            v = value + amount if op == 0 else value - amount if op == 1 else value * amount
            return v if 0 <= v <= \(Self.limit) else None
        start = (\(metadata["start"]?.intValue ?? 0), \(RGC.py(metadata["start_green"])))
        seen = {start: []}
        queue = deque([start])
        while queue:
            value, green = queue.popleft()
            if value == target:
                print(" ".join(seen[(value, green)]))
                break
            for i, b in enumerate(buttons):
                v = press(b, value, green)
                if v is not None and (v, not green) not in seen:
                    seen[(v, not green)] = seen[(value, green)] + ["ABCDE"[i]]
                    queue.append((v, not green))
        """
    }
}
