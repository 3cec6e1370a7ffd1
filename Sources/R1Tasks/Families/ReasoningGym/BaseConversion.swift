// base_conversion: write a number given in one base in another (bases 2–36,
// digits 0–9 then a–z). The verifier reads the answer's digits in the target
// base, case-insensitively, and compares values exactly.

import Foundation

struct BaseConversionTask: ReasoningTask {
    let info = TaskInfo(
        id: "base_conversion",
        title: "Base conversion",
        source: .reasoningGym,
        category: "arithmetic",
        description: "Convert a number between bases from 2 to 36.",
        knobs: [
            Knob("max_base", "largest base used"),
            Knob("max_value", "largest value converted"),
        ],
        levels: [
            Level("easy", ["max_base": 16, "max_value": 1_000]),
            Level("medium", ["max_base": 16, "max_value": 10_000]),
            Level("hard", ["max_base": 36, "max_value": 100_000]),
            Level("expert", ["max_base": 36, "max_value": 1_000_000]),
        ],
        defaultLevel: 1
    )

    static let digits = Array("0123456789abcdefghijklmnopqrstuvwxyz")

    static func render(_ n: Int, base: Int) -> String {
        if n == 0 { return "0" }
        var n = n, out: [Character] = []
        while n > 0 { out.append(digits[n % base]); n /= base }
        return String(out.reversed())
    }

    /// The value of `text` in `base`; nil unless every character is a digit of that base.
    static func value(_ text: String, base: Int) -> Int? {
        guard !text.isEmpty, text.count <= 64 else { return nil }
        var v = 0
        for ch in text.lowercased() {
            guard let d = digits.firstIndex(of: ch), d < base else { return nil }
            let (m, o1) = v.multipliedReportingOverflow(by: base)
            let (s, o2) = m.addingReportingOverflow(d)
            guard !o1, !o2 else { return nil }
            v = s
        }
        return v
    }

    static func baseName(_ b: Int) -> String {
        switch b {
        case 2: return "base 2 (binary)"
        case 8: return "base 8 (octal)"
        case 10: return "base 10 (decimal)"
        case 16: return "base 16 (hexadecimal)"
        default: return "base \(b)"
        }
    }

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let maxBase = level["max_base"]
        let n = rng.int(2...level["max_value"])
        let from = rng.int(2...maxBase)
        var to = rng.int(2...maxBase)
        while to == from { to = rng.int(2...maxBase) }
        let shown = BaseConversionTask.render(n, base: from), gold = BaseConversionTask.render(n, base: to)
        let letters = max(from, to) > 10 ? " Digits above 9 are the letters a, b, c, … (a = 10)." : ""
        let question = """
            Convert the \(BaseConversionTask.baseName(from)) number \(shown) to \(BaseConversionTask.baseName(to)).\
            \(letters) Give the digits without a prefix as your final answer in the form <<<digits>>>, \
            for example <<<1a3>>>.
            """
        return GeneratedItem(question: question, gold: gold, metadata: [
            "value": .int(n), "from_base": .int(from), "to_base": .int(to), "shown": .string(shown),
        ])
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let n = metadata["value"]?.intValue, let to = metadata["to_base"]?.intValue else {
            return .wrong("item metadata is missing the value")
        }
        var s = RG.tidy(answer).replacing(" ", with: "").replacing("_", with: "")
        // A conventional prefix is tolerated for binary, octal and hexadecimal only.
        let prefix = [2: "0b", 8: "0o", 16: "0x"][to]
        if let prefix, s.lowercased().hasPrefix(prefix) { s = String(s.dropFirst(2)) }
        // A trailing base subscript like "(2)" or "_2" is dropped.
        for suffix in ["(\(to))", "₂"] where s.hasSuffix(suffix) { s = String(s.dropLast(suffix.count)) }
        guard let v = BaseConversionTask.value(s, base: to) else {
            return .wrong("the answer is not a number in base \(to)")
        }
        let gold = BaseConversionTask.render(n, base: to)
        return v == n ? .correct() : .wrong("the answer is \(gold)")
    }

    func oracle(metadata: JSONValue) -> String {
        """
        shown = \(RG.py(metadata["shown"] ?? ""))
        n = int(shown, \(metadata["from_base"]?.intValue ?? 10))
        base = \(metadata["to_base"]?.intValue ?? 10)
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"
        out = ""
        while n:
            out = digits[n % base] + out
            n //= base
        print(out or "0")
        """
    }
}
