// How a code cell's result goes back into the context: a heading and a fenced
// block holding stdout, then stderr or what ended the run, cut to a size the
// context can afford, with a marker saying how much was dropped. Control bytes
// (binary output) become U+FFFD so they cannot act as anything but text.

import R1Sandbox

public enum ExecutionFeedback {
    public static let heading = "Code Execution Results:"

    /// The text appended after a closed code block.
    public static func text(for result: RunResult, maxCharacters: Int) -> String {
        var body = printable(result.stdout.hasSuffix("\n") ? String(result.stdout.dropLast()) : result.stdout)
        let errorText = printable(result.stderr.hasSuffix("\n") ? String(result.stderr.dropLast()) : result.stderr)
        if !errorText.isEmpty { body += (body.isEmpty ? "" : "\n") + errorText }
        if let note = statusNote(result) { body += (body.isEmpty ? "" : "\n") + note }
        if body.isEmpty { body = "(no output)" }
        body = truncated(body, maxCharacters: maxCharacters)
        let fence = String(repeating: "`", count: max(3, longestBacktickRun(body) + 1))
        return "\n\(heading)\n\(fence)\n\(body)\n\(fence)\n"
    }

    /// A line for outcomes that stdout and stderr do not show by themselves.
    static func statusNote(_ r: RunResult) -> String? {
        switch r.status {
        case .ok, .error: return nil
        case .timeout: return "[the program was stopped: time limit of \(Int(r.wallMs.rounded())) ms passed]"
        case .memory: return "[the program was stopped: memory limit]"
        case .outputLimit: return "[the program was stopped: too much output]"
        case .killed: return "[the program was killed by signal \(r.signal.map(String.init) ?? "?")]"
        case .sandboxError: return "[the sandbox could not run the program: \(r.sandboxMessage ?? "unknown error")]"
        }
    }

    /// Keeps the head of `text` when it is longer than `maxCharacters`, with a marker.
    public static func truncated(_ text: String, maxCharacters: Int) -> String {
        guard text.count > maxCharacters else { return text }
        let kept = text.prefix(max(0, maxCharacters))
        return kept + "\n… [output truncated: \(text.count - kept.count) more characters]"
    }

    /// Replaces control characters other than newline and tab with U+FFFD.
    static func printable(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            let control = s.value < 0x20 && s != "\n" && s != "\t" || s.value == 0x7F || (0x80..<0xA0).contains(s.value)
            out.append(control ? "\u{FFFD}" : s)
        }
        return String(out)
    }

    static func longestBacktickRun(_ text: String) -> Int {
        var best = 0, run = 0
        for c in text.utf8 {
            run = c == UInt8(ascii: "`") ? run + 1 : 0
            best = max(best, run)
        }
        return best
    }
}
