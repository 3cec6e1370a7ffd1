// Game 24 (SymBench) and its variants: combine every given number exactly once
// with + − × ÷ and parentheses to reach the target. Several expressions are
// valid, so the verifier parses the answer, checks the multiset of numbers and
// evaluates it exactly.

public struct Game24Task: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "game24",
        title: "Game 24",
        source: .symbench,
        category: "arithmetic",
        description: "Combine all the given numbers, each exactly once, with +, −, ×, ÷ and parentheses "
            + "so that the expression equals the target.",
        knobs: [
            Knob("numbers", "how many numbers must be combined"),
            Knob("max_value", "largest number that can appear"),
            Knob("max_target", "largest target; 24 means the target is always 24"),
        ],
        levels: [
            Level("easy", ["numbers": 4, "max_value": 9, "max_target": 24]),
            Level("medium", ["numbers": 4, "max_value": 13, "max_target": 24]),
            Level("hard", ["numbers": 5, "max_value": 13, "max_target": 60]),
            Level("expert", ["numbers": 5, "max_value": 25, "max_target": 200]),
        ],
        defaultLevel: 1
    )

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let count = level["numbers"], maxValue = level["max_value"], maxTarget = level["max_target"]
        while true {
            let numbers = (0..<count).map { _ in rng.int(1...maxValue) }.sorted()
            let target: Int
            if maxTarget <= 24 {
                target = 24
            } else {
                // A free target is built, not searched for: combine the numbers at random
                // and keep the value when it is a whole number in range (most random
                // targets are unreachable, and proving that costs a full search).
                guard let built = Game24Task.randomValue(of: numbers, rng: &rng),
                      built.isInteger, (24...maxTarget).contains(built.numerator) else { continue }
                target = built.numerator
            }
            guard let solution = Game24Task.solve(numbers, target: target) else { continue }
            let list = numbers.map(String.init).joined(separator: ", ")
            let question = """
                Use each of the numbers \(list) exactly once, together with +, -, * and / and \
                parentheses, to write an expression equal to \(target). Division is exact \
                (fractions are allowed in intermediate steps). Give the expression as your final \
                answer in the form <<<expression>>>, for example <<<(1 + 2 + 3) * 4>>>.
                """
            return GeneratedItem(question: question, gold: solution,
                                 metadata: ["numbers": JSONValue(numbers), "target": .int(target)])
        }
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let numbers = metadata["numbers"]?.intArray, let target = metadata["target"]?.intValue else {
            return .wrong("item metadata is missing numbers or target")
        }
        let expr: ArithmeticExpression
        switch ArithmeticExpression.parseAnswer(answer, target: target) {
        case .success(let parsed): expr = parsed
        case .failure(let rejection): return rejection.verdict
        }
        guard expr.literals.sorted() == numbers.sorted() else {
            return .wrong("uses \(expr.literals.sorted()), but must use each of \(numbers.sorted()) exactly once")
        }
        return expr.verdict(equals: target, reason: "uses every number once and equals \(target)")
    }

    public func oracle(metadata: JSONValue) -> String {
        let numbers = metadata["numbers"]?.intArray ?? []
        let target = metadata["target"]?.intValue ?? 24
        return """
            from fractions import Fraction
            from functools import lru_cache

            numbers = \(numbers)
            target = \(target)

            @lru_cache(maxsize=None)
            def solve(items):
                # items: a sorted tuple of (value, expression) pairs still to combine
                if len(items) == 1:
                    value, expr = items[0]
                    return expr if value == target else None
                for i in range(len(items)):
                    for j in range(len(items)):
                        if i == j:
                            continue
                        (a, ea), (b, eb) = items[i], items[j]
                        rest = [items[k] for k in range(len(items)) if k not in (i, j)]
                        options = [(a + b, f"({ea} + {eb})"), (a - b, f"({ea} - {eb})"),
                                   (a * b, f"({ea} * {eb})")]
                        if b != 0:
                            options.append((a / b, f"({ea} / {eb})"))
                        for value, expr in options:
                            found = solve(tuple(sorted(rest + [(value, expr)])))
                            if found:
                                return found
                return None

            print(solve(tuple(sorted((Fraction(n), str(n)) for n in numbers))))
            """
    }

    /// An expression over `numbers` equal to `target`, or nil. Exhaustive over
    /// pairings with exact arithmetic; at most six numbers.
    /// The value of a random expression over all of `numbers`: repeatedly replace two
    /// of them by their sum, difference, product or quotient. Nil on overflow or
    /// division by zero.
    static func randomValue(of numbers: [Int], rng: inout SplitMix64) -> Rational? {
        var values = numbers.map { Rational(integer: $0) }
        while values.count > 1 {
            let i = rng.int(0..<values.count)
            let a = values.remove(at: i)
            let j = rng.int(0..<values.count)
            let b = values.remove(at: j)
            let combined: Rational?
            switch rng.int(0...3) {
            case 0: combined = a.adding(b)
            case 1: combined = a.subtracting(b)
            case 2: combined = a.multiplied(by: b)
            default: combined = a.divided(by: b)
            }
            guard let combined else { return nil }
            values.append(combined)
        }
        return values[0]
    }

    public static func solve(_ numbers: [Int], target: Int) -> String? {
        // Expressions are built as trees and written out only for the solution found:
        // formatting a string for every partial combination dominated the run time.
        final class Node {
            let text: String?
            let op: Character
            let left, right: Node?
            init(_ n: Int) { text = String(n); op = " "; left = nil; right = nil }
            init(_ op: Character, _ left: Node, _ right: Node) { text = nil; self.op = op; self.left = left; self.right = right }
            var rendered: String { text ?? "(\(left!.rendered) \(op) \(right!.rendered))" }
        }
        let goal = Rational(integer: target)
        var seen = Set<[Rational]>()
        func search(_ items: [(Rational, Node)]) -> Node? {
            if items.count == 1 { return items[0].0 == goal ? items[0].1 : nil }
            guard seen.insert(items.map(\.0).sorted { $0.doubleValue < $1.doubleValue }).inserted else { return nil }
            for i in 0..<items.count {
                for j in 0..<items.count where i != j {
                    let (a, ea) = items[i], (b, eb) = items[j]
                    var rest = items
                    rest.remove(at: max(i, j))
                    rest.remove(at: min(i, j))
                    // + and × commute: one order is enough. They are tried first: sums and
                    // products reach whole-number targets far more often than quotients.
                    var options: [(Rational?, Character)] = []
                    if i < j { options = [(a.adding(b), Character("+")), (a.multiplied(by: b), Character("*"))] }
                    options += [(a.subtracting(b), "-"), (a.divided(by: b), "/")]
                    for case let (value?, op) in options {
                        if let found = search(rest + [(value, Node(op, ea, eb))]) { return found }
                    }
                }
            }
            return nil
        }
        guard let raw = search(numbers.map { (Rational(integer: $0), Node($0)) })?.rendered else { return nil }
        // Drop the outermost parentheses for readability.
        if raw.hasPrefix("("), raw.hasSuffix(")") { return String(raw.dropFirst().dropLast()) }
        return raw
    }
}

import Foundation
