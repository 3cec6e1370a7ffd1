// The instructions the model gets before a question. Three styles, as in the
// paper's SFT recipe: the model chooses between text and code, the model is
// nudged towards code, or the model answers in text alone. Our own wording.

public enum PromptStyle: String, Sendable, Codable, CaseIterable {
    /// Text and code as the model sees fit.
    case free
    /// Code encouraged for computation and for checking answers.
    case code
    /// Text only: code blocks are not run.
    case text

    /// Whether closed ```python blocks are run in this style.
    public var runsCode: Bool { self != .text }

    /// The system message for this style; `maxCodeCalls` is stated to the model.
    public func systemPrompt(maxCodeCalls: Int) -> String {
        let answer = "End with the final answer alone inside triple angle brackets, like <<<42>>> or <<<A B C>>>."
        let tool = """
            You can run Python: write a block that starts with a line ```python and ends with a line ```. \
            The block runs as soon as you close it, and its printed output comes back to you under \
            "Code Execution Results:". Print what you need to see. You can run up to \(maxCodeCalls) blocks.
            """
        switch self {
        case .free:
            return """
                Solve the problem by thinking it through step by step. \(tool) \
                Use code when calculation, search or checking helps, and plain reasoning when it does not. \(answer)
                """
        case .code:
            return """
                Solve the problem step by step, and let Python do the work. \(tool) \
                Write a program to compute the answer, read its output, and when you are unsure, \
                run a second program to check it. \(answer)
                """
        case .text:
            return """
                Solve the problem by reasoning step by step in plain text; do not write code. \(answer)
                """
        }
    }
}
