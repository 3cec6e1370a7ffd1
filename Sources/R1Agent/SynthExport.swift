// Traces as training data: JSONL, one conversation per line, in the OpenAI
// chat-messages form. The loop's single assistant turn is written as
// alternating messages: "assistant" holds what the model wrote (up to and
// including a closed ```python block), "tool" holds the execution result the
// harness appended, verbatim ("\nCode Execution Results:\n```\n…\n```\n"),
// then "assistant" again, ending with the <<<answer>>>. Joining the contents
// of such a run in order gives back the assistant turn exactly; `r1ci train
// sft` does that and masks the tool pieces. With `inline`, the run is written
// as one assistant message already joined (the result blocks found again by
// their heading). Each line also carries an "r1ci" object saying where the
// trace came from; trainers ignore it.
//
// Files are written to a temporary name in the same folder and renamed, so a
// failure leaves no partial file.

import Foundation
import R1Engine

public enum SynthExportShape: String, Sendable, CaseIterable {
    /// assistant / tool / assistant … messages (the default).
    case tool
    /// One assistant message holding the whole turn.
    case inline
}

public enum SynthExport {
    /// The chat messages of a trace: system and user from its prompt, then its turn.
    public static func messages(_ trace: Trace, shape: SynthExportShape = .tool) throws -> [ChatMessage] {
        guard let prompt = trace.segments.first, prompt.kind == .prompt else { throw AgentError("trace has no prompt") }
        let system = try systemText(of: prompt.text, question: trace.question)
        var out = [ChatMessage(role: "system", content: system), ChatMessage(role: "user", content: trace.question)]
        for segment in trace.segments.dropFirst() {
            let role = segment.kind == .model ? "assistant" : "tool"
            if shape == .inline, let last = out.last, last.role == "assistant" {
                out[out.count - 1].content += segment.text
            } else {
                out.append(ChatMessage(role: shape == .inline ? "assistant" : role, content: segment.text))
            }
        }
        return out
    }

    /// The system message inside a ChatML prompt whose user message is `question`;
    /// throws when the prompt is not exactly that rendering (the export would not
    /// tokenize back to the trace).
    static func systemText(of prompt: String, question: String) throws -> String {
        let head = "<|im_start|>system\n", tail = "<|im_end|>\n<|im_start|>user\n\(question)<|im_end|>\n<|im_start|>assistant\n"
        guard prompt.hasPrefix(head), prompt.hasSuffix(tail), prompt.count >= head.count + tail.count else {
            throw AgentError("the trace's prompt is not a ChatML system + user prompt")
        }
        let system = String(prompt.dropFirst(head.count).dropLast(tail.count))
        let rendered = ChatTemplate.chatML(system: .none).render(
            [ChatMessage(role: "system", content: system), ChatMessage(role: "user", content: question)], addGenerationPrompt: true)
        guard rendered == prompt else { throw AgentError("the trace's prompt does not render back from its messages") }
        return system
    }

    /// One JSONL line for a kept trace.
    public static func line(_ kept: SynthTrace, shape: SynthExportShape = .tool) throws -> String {
        let t = kept.trace
        var origin: [String: Any] = ["variant": kept.variant.rawValue, "style": t.style.rawValue, "code_calls": t.codeCalls]
        if let item = t.item {
            origin["task"] = item.task; origin["seed"] = item.seed; origin["index"] = item.index; origin["level"] = item.level
        }
        if let answer = t.answer { origin["answer"] = answer }
        if let verdict = t.verdict { origin["score"] = verdict.score }
        let messages = try messages(t, shape: shape).map { ["role": $0.role, "content": $0.content] }
        let data = try JSONSerialization.data(withJSONObject: ["messages": messages, "r1ci": origin],
                                              options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    /// Writes the traces as JSONL to `path` atomically.
    public static func write(_ traces: [SynthTrace], to path: String, shape: SynthExportShape = .tool) throws {
        let text = try traces.map { try line($0, shape: shape) + "\n" }.joined()
        try writeAtomically(Data(text.utf8), to: path)
    }

    /// Fails unless a file can be created at `path` (checked before long work starts).
    public static func checkWritable(_ path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw AgentError("cannot write \(path): it is a directory")
        }
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw AgentError("cannot write \(path): no folder \(folder)")
        }
        guard FileManager.default.isWritableFile(atPath: folder) else { throw AgentError("cannot write \(path): \(folder) is not writable") }
    }

    /// Temporary file in the same folder, then rename.
    static func writeAtomically(_ data: Data, to path: String) throws {
        try checkWritable(path)
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try data.write(to: temporary)
            if rename(temporary.path, url.path) != 0 {
                throw AgentError("cannot write \(path): \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            if let e = error as? AgentError { throw e }
            throw AgentError("cannot write \(path): \((error as NSError).localizedDescription)")
        }
    }
}
