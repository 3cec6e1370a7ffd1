// circuit_logic (Reasoning Gym, logic): a netlist of logic gates over named
// inputs; given the input values, what does the output wire carry? Every gate
// reads inputs or earlier gates, so one pass in order evaluates the circuit.
// Gates that never reach the output are pruned, so every listed gate matters.

public struct CircuitLogicTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "circuit_logic", title: "Logic circuit", source: .reasoningGym, category: "logic",
        description: "Evaluate a circuit of AND, OR, XOR, NAND, NOR and NOT gates for given input values.",
        knobs: [Knob("inputs", "number of input wires"), Knob("gates", "number of gates drawn before pruning")],
        levels: [Level("easy", ["inputs": 3, "gates": 6]),
                 Level("medium", ["inputs": 4, "gates": 8]),
                 Level("hard", ["inputs": 6, "gates": 14]),
                 Level("expert", ["inputs": 8, "gates": 24])],
        defaultLevel: 1)

    static let ops = ["AND", "OR", "XOR", "NAND", "NOR", "NOT"]

    static func apply(_ op: String, _ x: [Bool]) -> Bool {
        switch op {
        case "AND": return x.allSatisfy { $0 }
        case "OR": return x.contains(true)
        case "XOR": return x.filter { $0 }.count % 2 == 1
        case "NAND": return !x.allSatisfy { $0 }
        case "NOR": return !x.contains(true)
        default: return !x[0]
        }
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let k = level["inputs"], g = level["gates"]
        // Input names: k distinct capital letters (never G, which names gates), in alphabetical order.
        let inputs = rng.sample(Array("ABCDEFHJKLMNPQRSTUVWXYZ").map(String.init), count: k).sorted()
        // wires: inputs first, then gate i is wire k + i; gate = (op, operand wire indices).
        var gates: [(op: String, args: [Int])] = []
        for i in 0..<g {
            let op = rng.pick(Self.ops)
            let available = k + i
            let arity = op == "NOT" ? 1 : (rng.chance(0.25) && available >= 3 ? 3 : 2)
            // Prefer recent wires so the circuit is deep rather than wide.
            var args: [Int] = []
            while args.count < arity {
                let w = rng.chance(0.6) && i > 0 ? rng.int(max(k, available - 3)..<available) : rng.int(0..<available)
                if !args.contains(w) || available < arity { args.append(w) }
            }
            gates.append((op, args))
        }
        // Keep only gates the output (the last gate) depends on, renumbered in order.
        var needed = Set([k + g - 1])
        for i in stride(from: g - 1, through: 0, by: -1) where needed.contains(k + i) {
            for a in gates[i].args where a >= k { needed.insert(a) }
        }
        var rename: [Int: Int] = [:]
        for i in 0..<k { rename[i] = i }
        var kept: [(op: String, args: [Int])] = []
        for i in 0..<g where needed.contains(k + i) {
            rename[k + i] = k + kept.count
            kept.append((gates[i].op, gates[i].args.map { rename[$0]! }))
        }
        let values = (0..<k).map { _ in rng.chance(0.5) }
        var wires = values
        for gate in kept { wires.append(Self.apply(gate.op, gate.args.map { wires[$0] })) }
        let name = { (w: Int) -> String in w < k ? inputs[w] : "G\(w - k + 1)" }
        let lines = kept.enumerated().map { i, gate in
            "G\(i + 1) = \(gate.op)(\(gate.args.map(name).joined(separator: ", ")))"
        }
        let output = "G\(kept.count)"
        let question = """
            A logic circuit has inputs \(inputs.joined(separator: ", ")) and these gates, each reading the named \
            wires (a NOT gate inverts its one input; AND, OR, XOR, NAND and NOR take two or more inputs, and XOR is \
            1 when an odd number of its inputs are 1):
            \(lines.joined(separator: "\n"))

            The inputs are \(zip(inputs, values).map { "\($0) = \($1 ? 1 : 0)" }.joined(separator: ", ")). \
            What is the value of \(output)? Answer <<<1>>> or <<<0>>>.
            """
        return GeneratedItem(question: question, gold: wires.last! ? "1" : "0", metadata: [
            "inputs": .array(values.map { .int($0 ? 1 : 0) }),
            "gates": .array(kept.map { [.string($0.op), JSONValue($0.args)] }),
            "answer": .int(wires.last! ? 1 : 0),
        ])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let gold = metadata["answer"]?.intValue, metadata["gates"] != nil else {
            return .wrong("item metadata has no answer")
        }
        var s = BBH.tidy(answer).lowercased()
        if s == "true" || s == "high" { s = "1" } else if s == "false" || s == "low" { s = "0" }
        guard s == "0" || s == "1" else { return .wrong("answer with 1 or 0") }
        return Int(s) == gold ? .correct() : .wrong("the output is \(gold)")
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        wires = \(RGC.py(metadata["inputs"]))
        gates = \(RGC.py(metadata["gates"]))
        for op, args in gates:
            x = [wires[a] for a in args]
            value = {"AND": all(x), "OR": any(x), "XOR": sum(x) % 2 == 1, "NAND": not all(x),
                     "NOR": not any(x), "NOT": not x[0]}[op]
            wires.append(int(value))
        print(wires[-1])
        """
    }
}
