// countdown (Reasoning Gym, games): reach a target with some of the given
// numbers, each used at most once, and + − × ÷. The target is built by
// combining a random subset at random (so a solution exists and is the gold);
// the verifier parses the answer without running it, checks that its numbers
// are drawn from the given ones (a number not in the puzzle, or one used too
// often, is rejected — the check Reasoning Gym's puzzle24 misses) and that the
// exact rational value is the target.

public struct CountdownTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "countdown", title: "Countdown numbers", source: .reasoningGym, category: "games",
        description: "Hit a target with + − × ÷ using some of the given numbers, each at most once.",
        knobs: [Knob("numbers", "how many numbers are given"), Knob("min_used", "fewest numbers the built solution uses"),
                Knob("max_target", "largest target")],
        levels: [Level("easy", ["numbers": 5, "min_used": 3, "max_target": 200]),
                 Level("medium", ["numbers": 6, "min_used": 4, "max_target": 500]),
                 Level("hard", ["numbers": 6, "min_used": 5, "max_target": 999])],
        defaultLevel: 1)

    static let small = Array(1...10), large = [25, 50, 75, 100]

    /// Combines `numbers` in a random order with random operators, keeping every
    /// intermediate a positive integer. Returns the value and the expression.
    static func build(_ numbers: [Int], rng: inout SplitMix64) -> (Int, String)? {
        var items = numbers.map { ($0, String($0)) }
        while items.count > 1 {
            let i = rng.int(0..<items.count)
            let a = items.remove(at: i)
            let j = rng.int(0..<items.count)
            let b = items.remove(at: j)
            let (x, y) = a.0 >= b.0 ? (a, b) : (b, a)
            var options: [(Int, String)] = [(x.0 + y.0, "\(x.1) + \(y.1)")]
            if x.0 > y.0 { options.append((x.0 - y.0, "\(x.1) - (\(y.1))")) }
            if y.0 > 1 && x.0 * y.0 <= 100_000 { options.append((x.0 * y.0, "(\(x.1)) * (\(y.1))")) }
            if y.0 > 1 && x.0 % y.0 == 0 { options.append((x.0 / y.0, "(\(x.1)) / (\(y.1))")) }
            let pick = rng.pick(options)
            items.append(pick)
        }
        return items.first
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let count = level["numbers"], top = level["max_target"]
        for attempt in 1... {
            let bigs = rng.int(0...min(2, count - 2))
            let numbers = (rng.sample(Self.large, count: bigs) + (0..<(count - bigs)).map { _ in rng.pick(Self.small) }).sorted()
            let used = rng.sample(numbers, count: rng.int(level["min_used"]...count))
            guard let (target, expression) = Self.build(used, rng: &rng), target >= 10, target <= top,
                  !numbers.contains(target) else {
                precondition(attempt < 10_000, "countdown: no target in range")
                continue
            }
            // The built expression's parentheses are generous; the parser reads it back exactly.
            let question = """
                Using the numbers \(numbers.map(String.init).joined(separator: ", ")), make \(target). You may use \
                +, -, * and / and parentheses; use each given number at most once (you need not use them all), and \
                write every number as it is given.

                Give the expression as your final answer inside <<< and >>>, for example <<<(\(numbers[0]) + \
                \(numbers[1])) * \(numbers[2])>>>.
                """
            return GeneratedItem(question: question, gold: expression,
                                 metadata: ["numbers": JSONValue(numbers), "target": .int(target)])
        }
        fatalError("unreachable")
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let numbers = metadata["numbers"]?.intArray, let target = metadata["target"]?.intValue else {
            return .wrong("item metadata is missing numbers or target")
        }
        let expr: ArithmeticExpression
        switch ArithmeticExpression.parseAnswer(answer, target: target) {
        case .failure(let rejection): return rejection.verdict
        case .success(let e): expr = e
        }
        var left = numbers
        for n in expr.literals {
            guard let at = left.firstIndex(of: n) else {
                return .wrong("\(n) is not one of the given numbers, or is used more often than given")
            }
            left.remove(at: at)
        }
        return expr.verdict(equals: target, reason: "reaches \(target)")
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        from fractions import Fraction
        numbers = \(RGC.py(metadata["numbers"]))
        target = \(metadata["target"]?.intValue ?? 0)
        seen = set()
        def search(items):
            # items: (value, text) pairs still available; any one of them may be the answer.
            for value, text in items:
                if value == target:
                    return text
            key = tuple(sorted(v for v, _ in items))
            if key in seen or len(items) < 2:
                return None
            seen.add(key)
            for i in range(len(items)):
                for j in range(len(items)):
                    if i == j:
                        continue
                    (a, s), (b, t) = items[i], items[j]
                    rest = [items[k] for k in range(len(items)) if k not in (i, j)]
                    results = [(a + b, f"({s} + {t})"), (a - b, f"({s} - {t})"), (a * b, f"({s} * {t})")]
                    if b != 0:
                        results.append((a / b, f"({s} / {t})"))
                    for r in results:
                        found = search(rest + [r])
                        if found:
                            return found
            return None
        print(search([(Fraction(n), str(n)) for n in numbers]))
        """
    }
}
