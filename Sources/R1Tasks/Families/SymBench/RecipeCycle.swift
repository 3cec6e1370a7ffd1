// The simulator behind String Splitting and String Synthesis: a list of
// methods, each consuming and producing counts of resources, visited in a
// cycle; a method that can run runs once, one that cannot is skipped, and the
// process stops when no method can run.

struct Recipe: Sendable {
    var consume: [Int]
    var produce: [Int]
}

enum RecipeCycle {
    /// Final counts, or nil when the process runs longer than `maxSteps` executions.
    static func run(_ start: [Int], _ methods: [Recipe], maxSteps: Int = 100_000) -> (counts: [Int], steps: Int)? {
        var counts = start
        let width = start.count
        // need[i·width + k]: units of resource k method i consumes; change: its net effect.
        var need: [Int] = [], change: [Int] = []
        need.reserveCapacity(methods.count * width); change.reserveCapacity(methods.count * width)
        for m in methods {
            for k in 0..<width {
                need.append(m.consume[k])
                change.append(m.produce[k] - m.consume[k])
            }
        }
        var steps = 0, index = 0, idle = 0
        // A full round in which nothing could run means nothing can run any more.
        while idle < methods.count {
            let row = index * width
            var ok = true
            for k in 0..<width where counts[k] < need[row + k] { ok = false; break }
            if ok {
                for k in 0..<width { counts[k] += change[row + k] }
                steps += 1
                idle = 0
                if steps > maxSteps { return nil }
            } else {
                idle += 1
            }
            index = (index + 1) % methods.count
        }
        return (counts, steps)
    }

    /// "two units of machine A and one unit of machine B"-style text.
    static func describe(_ amounts: [Int], names: [String], unit: String) -> String {
        let parts = amounts.enumerated().filter { $0.element > 0 }.map { i, k in
            "\(k == 1 ? "one" : k == 2 ? "two" : k == 3 ? "three" : String(k)) \(unit)\(k == 1 ? "" : "s") of \(names[i])"
        }
        if parts.count <= 1 { return parts.first ?? "nothing" }
        return parts.dropLast().joined(separator: ", ") + " and " + parts.last!
    }

    /// The Python program that replays a recipe cycle and prints the final counts.
    static func oracle(start: [Int], methods: [Recipe], separator: String) -> String {
        let table = methods.map { "(\($0.consume), \($0.produce))" }.joined(separator: ",\n    ")
        return """
            counts = \(start)
            methods = [
                \(table),
            ]  # (consumed, produced) per method, in cycle order

            def possible(method):
                return all(have >= need for have, need in zip(counts, method[0]))

            i = 0
            while any(possible(m) for m in methods):
                if possible(methods[i]):
                    used, made = methods[i]
                    counts = [c - u + p for c, u, p in zip(counts, used, made)]
                i = (i + 1) % len(methods)
            print(\(SymFormat.pyString(separator)).join(map(str, counts)))
            """
    }

    /// Reads exactly `count` non-negative integers and compares them with `expected`.
    static func verify(answer: String, expected: [Int], names: [String]) -> Verdict {
        guard let values = SymParse.integers(answer) else { return .wrong("expected \(expected.count) integers") }
        guard values.count == expected.count else { return .wrong("\(values.count) numbers given, \(expected.count) expected") }
        let wrong = zip(names, zip(values, expected)).filter { $0.1.0 != $0.1.1 }.map(\.0)
        return wrong.isEmpty ? .correct("every count is right") : .wrong("wrong counts for \(wrong.joined(separator: ", "))")
    }
}
