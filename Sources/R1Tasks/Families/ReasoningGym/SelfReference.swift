// self_reference (Reasoning Gym, logic): a list of statements that talk about
// how many of the list are true ("At least 3 of these statements are true",
// "Statement 2 is false", "The number of false statements is prime"). How many
// truth assignments make every statement's truth match its own claim? Counted
// by trying all 2^n assignments; zero is a possible answer.

public struct SelfReferenceTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "self_reference", title: "Self-referential statements", source: .reasoningGym, category: "logic",
        description: "Count the truth assignments under which every self-referential statement is consistent.",
        knobs: [Knob("statements", "number of statements"),
                Knob("kinds", "statement kinds in the draw (counts, references, parity and primes)")],
        levels: [Level("easy", ["statements": 4, "kinds": 4]),
                 Level("medium", ["statements": 6, "kinds": 6]),
                 Level("hard", ["statements": 7, "kinds": 8]),
                 Level("expert", ["statements": 9, "kinds": 8])],
        defaultLevel: 1)

    /// Statement kinds: [kind, a, b]. 0 at least a true · 1 at most a true · 2 exactly a true ·
    /// 3 exactly a false · 4 statement a is false · 5 exactly one of statements a, b is true ·
    /// 6 the number of true statements is prime · 7 the number of false statements is even.
    static func text(_ st: [Int], n: Int) -> String {
        let (a, b) = (st[1], st[2])
        switch st[0] {
        case 0: return "At least \(a) of these \(n) statements are true."
        case 1: return "At most \(a) of these \(n) statements are true."
        case 2: return "Exactly \(a) of these \(n) statements are true."
        case 3: return "Exactly \(a) of these \(n) statements are false."
        case 4: return "Statement \(a + 1) is false."
        case 5: return "Exactly one of statements \(a + 1) and \(b + 1) is true."
        case 6: return "The number of true statements is a prime number."
        default: return "The number of false statements is even."
        }
    }

    static func isPrime(_ k: Int) -> Bool { k >= 2 && (2..<k).allSatisfy { k % $0 != 0 } }

    /// What statement `st` claims under `truth`.
    static func claim(_ st: [Int], _ truth: [Bool]) -> Bool {
        let t = truth.filter { $0 }.count, f = truth.count - t
        switch st[0] {
        case 0: return t >= st[1]
        case 1: return t <= st[1]
        case 2: return t == st[1]
        case 3: return f == st[1]
        case 4: return !truth[st[1]]
        case 5: return truth[st[1]] != truth[st[2]]
        case 6: return isPrime(t)
        default: return f % 2 == 0
        }
    }

    static func consistentCount(_ statements: [[Int]]) -> Int {
        let n = statements.count
        var count = 0
        for bits in 0..<(1 << n) {
            let truth = (0..<n).map { bits >> $0 & 1 == 1 }
            if statements.indices.allSatisfy({ claim(statements[$0], truth) == truth[$0] }) { count += 1 }
        }
        return count
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let n = level["statements"], kinds = level["kinds"]
        var statements: [[Int]] = []
        var answer = 0
        for attempt in 1... {
            statements = (0..<n).map { i in
                let kind = rng.int(0..<kinds)
                var a = rng.int(0...n), b = 0
                if kind == 4 || kind == 5 {
                    a = rng.int(0..<n)
                    repeat { b = rng.int(0..<n) } while b == a
                }
                if kind == 4 && a == i { a = (a + 1) % n }
                return [kind, a, b]
            }
            answer = Self.consistentCount(statements)
            // Most draws have no consistent assignment; keep "0" to about one item in five.
            if answer > 0 || rng.chance(0.2) || attempt > 200 { break }
        }
        let lines = statements.enumerated().map { "Statement \($0.offset + 1): \(Self.text($0.element, n: n))" }
        let question = """
            Each of the following \(n) statements is either true or false.

            \(lines.joined(separator: "\n"))

            How many different assignments of true and false to the \(n) statements are consistent, that is, \
            make every statement true exactly when what it says holds? Give the number as your final answer \
            inside <<< and >>>, for example <<<2>>>.
            """
        return GeneratedItem(question: question, gold: String(answer), metadata: [
            "statements": .array(statements.map { JSONValue($0) }), "answer": .int(answer),
        ])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        RG.verifyInteger(answer: answer, metadata: metadata)
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        from itertools import product
        statements = \(RGC.py(metadata["statements"]))
        n = len(statements)
        def says(st, truth):
            kind, a, b = st
            t = sum(truth)
            f = n - t
            return [t >= a, t <= a, t == a, f == a, not truth[a] if kind == 4 else None,
                    truth[a] != truth[b] if kind == 5 else None,
                    t > 1 and all(t % d for d in range(2, t)), f % 2 == 0][kind]
        print(sum(all(says(st, truth) == truth[i] for i, st in enumerate(statements))
                  for truth in product([False, True], repeat=n)))
        """
    }
}
