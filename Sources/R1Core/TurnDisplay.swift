// Splits the text of one model turn, as it streams, into what a reader sees:
// reasoning prose and the body of a ```python block, without the fence lines.
// Whether a line opens or closes a block is the loop's own decision (a
// TurnWatcher fed the same characters); this only holds back a line that may
// still turn out to be a fence until that is known.

import R1Agent

struct TurnDisplay {
    enum Part: String { case text, code }

    /// What the reader sees change, in order.
    enum Step: Equatable {
        case text(String)
        case code(String)
        case codeOpened
        case codeClosed
    }

    private var watcher: TurnWatcher
    /// The current line from its first backtick on, while it may still be a fence.
    private var held = ""
    /// Whether the current line has had only spaces and tabs so far.
    private var lineBlank = true
    private(set) var part = Part.text

    init(watchCode: Bool) { watcher = TurnWatcher(watchCode: watchCode) }

    /// Feeds newly generated text; returns what it releases, in order.
    mutating func feed(_ text: String) -> [Step] {
        var steps: [Step] = []
        var out = ""
        func release(_ part: Part) {
            if !out.isEmpty { steps.append(part == .code ? .code(out) : .text(out)); out = "" }
        }
        for c in text {
            let wasInCode = watcher.inCodeBlock
            _ = watcher.feed(String(c))
            if watcher.inCodeBlock != wasInCode {
                // The held line was a fence: drop it and switch parts.
                release(part)
                held = ""; lineBlank = true
                part = watcher.inCodeBlock ? .code : .text
                steps.append(watcher.inCodeBlock ? .codeOpened : .codeClosed)
                continue
            }
            if c.isNewline {
                out += held + String(c); held = ""; lineBlank = true
            } else if !held.isEmpty || (c == "`" && lineBlank) {
                held.append(c)
                if !mayBeFence(held) { out += held; held = ""; lineBlank = false }
            } else {
                out.append(c)
                if c != " " && c != "\t" { lineBlank = false }
            }
        }
        release(part)
        return steps
    }

    /// Whatever is still held, at the end of a turn.
    mutating func flush() -> Step? {
        defer { held = "" }
        return held.isEmpty ? nil : part == .code ? .code(held) : .text(held)
    }

    /// Whether `line` (from its first backtick) can still become the fence that
    /// would switch parts: an opening ```py… in prose, a closing ``` in code.
    private func mayBeFence(_ line: String) -> Bool {
        switch part {
        case .text: return "```py".hasPrefix(line.lowercased()) || line.lowercased().hasPrefix("```py")
        case .code: return "```".hasPrefix(line)
        }
    }
}
