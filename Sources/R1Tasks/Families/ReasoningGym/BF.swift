// bf: what a Brainf*ck program prints. Programs are built to print a random
// lowercase word, using multiplication loops and cell resets, and the gold
// output comes from running the program in the Swift interpreter below (with a
// step budget), so the question and the answer cannot drift apart.

import Foundation

struct BFTask: ReasoningTask {
    let info = TaskInfo(
        id: "bf",
        title: "Brainf*ck output",
        source: .reasoningGym,
        category: "code",
        description: "Give the exact output of a Brainf*ck program.",
        knobs: [
            Knob("length", "characters printed"),
            Knob("resets", "1 when the program also clears cells with [-] and uses more cells, else 0"),
        ],
        levels: [
            Level("easy", ["length": 4, "resets": 0]),
            Level("medium", ["length": 6, "resets": 0]),
            Level("hard", ["length": 8, "resets": 1]),
            Level("expert", ["length": 12, "resets": 1]),
        ],
        defaultLevel: 1
    )

    /// Runs `program` on 30,000 byte cells (wrapping); nil on unbalanced brackets,
    /// a pointer leaving the tape, or more than `maxSteps` steps. No input: "," reads 0.
    static func run(_ program: String, maxSteps: Int = 1_000_000) -> String? {
        let code = Array(program.utf8)
        var jump = [Int](repeating: 0, count: code.count), stack: [Int] = []
        for (i, c) in code.enumerated() {
            if c == UInt8(ascii: "[") { stack.append(i) }
            if c == UInt8(ascii: "]") {
                guard let open = stack.popLast() else { return nil }
                jump[open] = i
                jump[i] = open
            }
        }
        guard stack.isEmpty else { return nil }
        var tape = [UInt8](repeating: 0, count: 30_000), ptr = 0, pc = 0, steps = 0
        var out: [UInt8] = []
        while pc < code.count {
            steps += 1
            if steps > maxSteps { return nil }
            switch code[pc] {
            case UInt8(ascii: "+"): tape[ptr] &+= 1
            case UInt8(ascii: "-"): tape[ptr] &-= 1
            case UInt8(ascii: ">"): ptr += 1; if ptr >= tape.count { return nil }
            case UInt8(ascii: "<"): ptr -= 1; if ptr < 0 { return nil }
            case UInt8(ascii: "."): out.append(tape[ptr])
            case UInt8(ascii: ","): tape[ptr] = 0
            case UInt8(ascii: "["): if tape[ptr] == 0 { pc = jump[pc] }
            case UInt8(ascii: "]"): if tape[ptr] != 0 { pc = jump[pc] }
            default: break
            }
            pc += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Code that changes the current cell by `delta`, using the cell to its right as a loop counter.
    static func change(by delta: Int, rng: inout SplitMix64) -> String {
        let sign = delta < 0 ? "-" : "+", size = abs(delta)
        if size <= 8 { return String(repeating: sign, count: size) }
        let a = rng.int(3...min(12, size / 2)), b = size / a, rest = size - a * b
        return ">" + String(repeating: "+", count: a) + "[<" + String(repeating: sign, count: b) + ">-]<"
            + String(repeating: sign, count: rest)
    }

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let length = level["length"], resets = level["resets"] == 1
        let letters = Array("abcdefghijklmnopqrstuvwxyz".unicodeScalars).map { Int($0.value) }
        let target = (0..<length).map { _ in rng.pick(letters) }
        var program = "", cell = 0
        for value in target {
            if resets && rng.chance(0.3) {
                // Move to a fresh cell pair, or clear the current one, and build the value from zero.
                if rng.chance(0.5) { program += ">>" } else { program += "[-]" }
                cell = 0
            }
            program += BFTask.change(by: value - cell, rng: &rng) + "."
            cell = value
        }
        let output = BFTask.run(program) ?? ""
        let question = """
            What does this Brainf*ck program print? The tape has 30,000 cells holding bytes that start at \
            0 and wrap around; output is ASCII.

            \(program)

            Give exactly the printed text as your final answer in the form <<<output>>>, for example <<<abc>>>.
            """
        return GeneratedItem(question: question, gold: output,
                             metadata: ["program": .string(program), "output": .string(output)])
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let gold = metadata["output"]?.stringValue else { return .wrong("item metadata is missing output") }
        let given = answer.trimmed()
        if given == gold { return .correct() }
        return .wrong("the program prints \(gold)")
    }

    func oracle(metadata: JSONValue) -> String {
        """
        program = \(RG.py(metadata["program"] ?? ""))
        jump, stack = {}, []
        for i, c in enumerate(program):
            if c == "[":
                stack.append(i)
            elif c == "]":
                j = stack.pop()
                jump[i], jump[j] = j, i
        tape, ptr, pc, out = [0] * 30000, 0, 0, []
        while pc < len(program):
            c = program[pc]
            if c == "+":
                tape[ptr] = (tape[ptr] + 1) % 256
            elif c == "-":
                tape[ptr] = (tape[ptr] - 1) % 256
            elif c == ">":
                ptr += 1
            elif c == "<":
                ptr -= 1
            elif c == ".":
                out.append(chr(tape[ptr]))
            elif c == "[" and tape[ptr] == 0:
                pc = jump[pc]
            elif c == "]" and tape[ptr] != 0:
                pc = jump[pc]
            pc += 1
        print("".join(out))
        """
    }
}
