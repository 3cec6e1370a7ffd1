// Oracle traces: the task's own solving program, run through the real loop.
// A scripted teacher (SynthScriptSource) writes a sentence of reasoning and the
// oracle program as a ```python block; the loop stops at the closing fence, the
// sandbox runs it and appends the result; the script reads what was printed and
// answers with it in <<<…>>>. Some traces run a second program that re-runs the
// solver and compares its output with the candidate before answering; some easy
// items (easiest level, short gold answer) are answered in text alone, from the
// known gold.
// The caller verifies every trace; nothing here decides what is kept.

import Foundation
import R1Engine
import R1Tasks

/// The last code cell the loop finished, shared between the loop's event callback and the script.
private final class LastCell: @unchecked Sendable {
    var cell: CodeCell?
}

public struct OracleSynthesizer: Sendable {
    public let tokenizer: Tokenizer
    public let template: ChatTemplate
    /// Tokens the scripted source holds (the target model's context).
    public let capacity: Int
    public let runner: any CodeRunner
    public let config: SynthConfig

    public init(tokenizer: Tokenizer, template: ChatTemplate, capacity: Int, runner: any CodeRunner, config: SynthConfig) {
        self.tokenizer = tokenizer; self.template = template; self.capacity = capacity; self.runner = runner; self.config = config
    }

    /// Items at a task's easiest level whose gold answer is one line of at most this many
    /// characters count as easy enough for a text-only trace.
    static let shortAnswer = 12

    /// The variant and prompt style for an item, from its seeded generator.
    func plan(_ item: TaskItem, rng: inout SplitMix64) -> (variant: SynthVariant, style: PromptStyle) {
        let easy = item.level == 0 && item.gold.count <= Self.shortAnswer && !item.gold.contains("\n") && !item.gold.isEmpty
        let roll = rng.unit(), checkRoll = rng.unit()
        let variant: SynthVariant = easy && roll < config.textShare ? .text : checkRoll < config.checkShare ? .check : .code
        let style: PromptStyle = rng.chance(0.5) ? .free : (variant == .text ? .text : .code)
        return (variant, style)
    }

    /// One trace for `item`; `program` is its oracle. The trace is not scored yet.
    public func trace(for item: TaskItem, program: String) async -> (trace: Trace, variant: SynthVariant) {
        var rng = config.random(for: item)
        let (variant, style) = plan(item, rng: &rng)
        let last = LastCell()
        let opening = SynthPhrasing.pick(SynthPhrasing.openings, &rng)
        let reading = SynthPhrasing.pick(SynthPhrasing.readings, &rng)
        let checkIntro = SynthPhrasing.pick(SynthPhrasing.checkIntros, &rng)
        let checkReading = SynthPhrasing.pick(SynthPhrasing.checkReadings, &rng)
        let textOnly = SynthPhrasing.pick(SynthPhrasing.textOnly, &rng)
        var answer: String?

        let writer: (Int) -> String? = { turn in
            if variant == .text {
                let gold = item.gold
                return turn == 0 ? SynthPhrasing.fill(textOnly, SynthPhrasing.quoted(gold)) + "\n\n<<<\(gold)>>>" : nil
            }
            switch turn {
            case 0:
                return opening + "\n\n```python\n" + program + "\n```"
            case 1:
                guard let printed = Self.printed(last.cell) else { return "The program did not give a usable result." }
                answer = printed
                if variant == .check { return checkIntro + "\n\n```python\n" + Self.checkProgram(solver: program, candidate: printed) + "\n```" }
                return SynthPhrasing.fill(reading, SynthPhrasing.quoted(printed)) + "\n\n<<<\(printed)>>>"
            case 2 where variant == .check:
                guard let answer, Self.printed(last.cell) == "match" else { return "The check does not agree with the first run." }
                return SynthPhrasing.fill(checkReading, SynthPhrasing.quoted(answer)) + "\n\n<<<\(answer)>>>"
            default:
                return nil
            }
        }
        let source = SynthScriptSource(tokenizer: tokenizer, template: template, capacity: capacity, writer: writer)
        let agent = CodeInterpreterAgent(runner: runner, limits: config.limits, style: style)
        let itemRef = TraceItem(task: item.task, seed: item.seed, index: item.index, level: item.level)
        let trace = await agent.run(question: item.question, item: itemRef, source: source) { event in
            if case .codeFinished(let cell) = event { last.cell = cell }
            return true
        }
        return (trace, variant)
    }

    /// What a cell printed, trimmed; nil when it failed or printed nothing.
    static func printed(_ cell: CodeCell?) -> String? {
        guard let result = cell?.result, result.status == .ok else { return nil }
        let text = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    /// A program that runs `solver` again with its output captured and says whether it equals `candidate`.
    static func checkProgram(solver: String, candidate: String) -> String {
        """
        import contextlib, io
        candidate = \(pythonString(candidate))
        solver = \(pythonString(solver))
        captured = io.StringIO()
        with contextlib.redirect_stdout(captured):
            exec(solver, {"__name__": "__main__"})
        recomputed = captured.getvalue().strip()
        print("match" if recomputed == candidate else "mismatch: " + recomputed)
        """
    }

    /// A Python string literal for `text` (a JSON string is one, given unescaped slashes).
    static func pythonString(_ text: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(text)) ?? Data("\"\"".utf8), as: UTF8.self)
    }
}
