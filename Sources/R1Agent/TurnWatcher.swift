// Watches the text of one model turn as it streams and says when to stop: right
// after the closing fence of a ```python block (the code then runs), or right
// after a complete <<<answer>>> written outside a code block. It also collects
// the code of the block, line by line, so nothing is parsed twice.

public struct TurnWatcher: Sendable {
    public enum Event: Sendable, Equatable { case none, codeClosed, answerClosed }

    /// Whether ```python blocks count (false in the text-only style).
    public let watchCode: Bool
    public private(set) var event = Event.none
    /// Inside an opened ```python block that has not been closed.
    public private(set) var inCodeBlock = false
    /// The code of the block, complete once `event == .codeClosed`.
    public private(set) var code = ""
    private var line = ""               // the current line, without its newline
    private var openAngles = 0          // consecutive '<' seen outside code
    private var closeAngles = 0         // consecutive '>' seen after an opening "<<<"
    private var answerOpen = false

    public init(watchCode: Bool = true) { self.watchCode = watchCode }

    /// Feeds newly generated text; returns true when generation should stop now.
    public mutating func feed(_ text: String) -> Bool {
        guard event == .none else { return true }
        for c in text {
            if inCodeBlock { feedCode(c) } else { feedProse(c) }
            if event != .none { return true }
        }
        return false
    }

    private mutating func feedCode(_ c: Character) {
        if c.isNewline {
            code += line + "\n"
            line = ""
            return
        }
        line.append(c)
        if line.drop(while: { $0 == " " || $0 == "\t" }) == "```" {
            if code.hasSuffix("\n") { code.removeLast() }
            event = .codeClosed
            inCodeBlock = false
        }
    }

    private mutating func feedProse(_ c: Character) {
        if c.isNewline {
            let opening = line.drop(while: { $0 == " " || $0 == "\t" }).lowercased()
            if watchCode && opening.hasPrefix("```py") {
                inCodeBlock = true
                code = ""
                answerOpen = false; openAngles = 0; closeAngles = 0
            }
            line = ""
            return
        }
        line.append(c)
        if answerOpen {
            closeAngles = c == ">" ? closeAngles + 1 : 0
            if closeAngles >= 3 { event = .answerClosed }
        } else {
            openAngles = c == "<" ? openAngles + 1 : 0
            if openAngles >= 3 { answerOpen = true; closeAngles = 0 }
        }
    }
}
