// Conversations exported with tool turns (`r1ci synth`): the code-interpreter
// loop runs in one assistant turn, and the export writes it as alternating
// messages — assistant (what the model wrote, up to a closed ```python block),
// tool (the execution result the harness appended, verbatim), assistant, … .
// For training, such a run is one assistant turn again: the contents joined in
// order, assistant pieces trained on, tool pieces masked. Keeping the message
// boundaries as the piece boundaries tokenizes each piece on its own, as the
// loop did, so the ids and masks equal the trace's.

import R1Engine

/// `messages` with every run of assistant and tool messages joined into one
/// assistant message, and for each joined message (by its new index) its pieces.
func joinToolTurns(_ messages: [ChatMessage]) -> (messages: [ChatMessage], pieces: [Int: [TraceSegment]]) {
    var out: [ChatMessage] = [], pieces: [Int: [TraceSegment]] = [:]
    var run: [ChatMessage] = []
    func flush() {
        guard !run.isEmpty else { return }
        if run.contains(where: { $0.role == "tool" }) {
            pieces[out.count] = run.map { TraceSegment($0.content, byModel: $0.role == "assistant") }
        }
        out.append(ChatMessage(role: "assistant", content: run.map(\.content).joined()))
        run = []
    }
    for m in messages {
        if m.role == "assistant" || (m.role == "tool" && !run.isEmpty) { run.append(m) } else { flush(); out.append(m) }
    }
    flush()
    return (out, pieces)
}
