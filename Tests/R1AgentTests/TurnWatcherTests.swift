// The stop rule on its own: however the text is cut into tokens, the watcher
// stops at the same character with the same code; fences and answers are
// recognised only where they count.

import Testing
import R1Agent
import R1Sandbox

struct TurnWatcherTests {
    /// Feeds `text` in pieces of the given sizes (cycled); returns the consumed text and the watcher.
    func watch(_ text: String, pieces: [Int], watchCode: Bool = true) -> (String, TurnWatcher) {
        var w = TurnWatcher(watchCode: watchCode)
        let chars = Array(text)
        var i = 0, k = 0, consumed = ""
        while i < chars.count {
            let n = pieces[k % pieces.count]; k += 1
            let piece = String(chars[i..<min(i + n, chars.count)])
            i += n
            consumed += piece
            if w.feed(piece) { break }
        }
        return (consumed, w)
    }

    @Test(arguments: [[1], [2], [3], [5, 1], [7, 2, 1], [64]])
    func sameStopHoweverTheTextIsCut(pieces: [Int]) {
        let text = "Plan:\n```python\nx = 3\nprint(x * x)\n```\nMore text <<<9>>> tail"
        let (consumed, w) = watch(text, pieces: pieces)
        #expect(w.event == .codeClosed)
        #expect(w.code == "x = 3\nprint(x * x)")
        // Stopped in the piece that completed the closing fence.
        let upToFence = "Plan:\n```python\nx = 3\nprint(x * x)\n```"
        #expect(consumed.hasPrefix(upToFence) && consumed.count - upToFence.count < pieces.max()!)
    }

    @Test func answerOnlyOutsideCode() {
        var w = TurnWatcher()
        let inCode = w.feed("```python\nprint('<<<1>>>')\n")
        #expect(!inCode && w.inCodeBlock)
        let closed = w.feed("```")
        #expect(closed && w.event == .codeClosed)
        var prose = TurnWatcher()
        let opened = prose.feed("Write the answer as <<<")
        let finished = prose.feed("x>>>")
        #expect(!opened && finished && prose.event == .answerClosed)
    }

    @Test func fenceRules() {
        // Other languages are not run; an indented fence and CRLF line ends are.
        #expect(watch("```bash\nls\n```\n", pieces: [1]).1.event == .none)
        let indented = watch("  ```python\n  y = 1\n  ```", pieces: [1]).1
        #expect(indented.event == .codeClosed && indented.code == "  y = 1")
        let crlf = watch("```python\r\nprint(2)\r\n```", pieces: [1, 2]).1
        #expect(crlf.event == .codeClosed && crlf.code == "print(2)")
        // Text style: blocks are prose, so only the answer stops.
        #expect(watch("```python\nprint(1)\n```\n<<<1>>>", pieces: [1], watchCode: false).1.event == .answerClosed)
    }

    @Test func outputWithFencesGetsALongerFence() {
        let text = ExecutionFeedback.text(for: RunResult(status: .ok, stdout: "a\n```\nb\n````\n"), maxCharacters: 100)
        #expect(text == "\nCode Execution Results:\n`````\na\n```\nb\n````\n`````\n")
        let cut = ExecutionFeedback.text(for: RunResult(status: .ok, stdout: String(repeating: "z", count: 50)), maxCharacters: 10)
        #expect(cut.contains("zzzzzzzzzz\n… [output truncated: 40 more characters]"))
        let silent = ExecutionFeedback.text(for: RunResult(status: .ok), maxCharacters: 100)
        #expect(silent.contains("(no output)"))
    }
}
