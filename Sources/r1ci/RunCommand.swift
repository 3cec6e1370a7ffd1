// r1ci run: one trace of the code-interpreter loop on one question, streamed
// as it is written — the Playground page from the command line. It calls the
// same core function as the page (AgentRun, behind r1ci_agent_run_json).

import ArgumentParser
import Foundation
import R1Core

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run the code-interpreter loop once on a task item or a question.",
        discussion: """
        Prints the model's text as it streams, each code block with how it ran, the answer and (for a task \
        item) the verdict. --json prints the whole trace instead (per-token ids, texts, loss masks and \
        log-probabilities); --events prints every event as one JSON line.
        """)

    @Option(help: "Model: a known name (smollm2-135m), a GGUF file, a model folder, or openai:URL#NAME.") var model = "smollm2-135m"
    @Option(help: "For an openai: model, the served model's tokenizer: a known name or GGUF (default: NAME).") var tokenizer: String?
    @Option(help: "Task id of the question.") var task: String?
    @Option(name: .customLong("item-seed"), help: "Seed of the task item.") var itemSeed: UInt64?
    @Option(help: "Difficulty level index (default: the task's).") var level: Int?
    @Option(help: "Item index.") var index: UInt64?
    @Option(help: "A free-text question instead of a task item.") var question: String?
    @Option(help: "Sampling temperature (0: greedy).") var temperature: Float = 0
    @Option(help: "Sampling seed.") var seed: UInt64 = 0
    @Option(help: "Prompt style: free, code or text.") var style = "free"
    @Option(name: .customLong("max-code-calls"), help: "Code blocks run per trace.") var maxCodeCalls = 8
    @Option(name: .customLong("max-turn-tokens"), help: "New tokens per turn.") var maxTurnTokens = 1024
    @Option(name: .customLong("max-trace-tokens"), help: "Generated plus appended tokens per trace.") var maxTraceTokens = 4096
    @Flag(help: "Print the whole trace as one JSON object.") var json = false
    @Flag(help: "Print every event as one JSON line.") var events = false

    func validate() throws {
        guard (task == nil) != (question == nil) else { throw InputError("give one of --task and --question") }
        guard task != nil || (itemSeed == nil && level == nil && index == nil) else {
            throw InputError("--item-seed, --level and --index go with --task")
        }
    }

    func run() throws {
        var request: [String: Any] = ["model": model, "temperature": Double(temperature), "seed": seed, "style": style,
                                      "max_code_calls": maxCodeCalls, "max_turn_tokens": maxTurnTokens,
                                      "max_trace_tokens": maxTraceTokens]
        if let tokenizer { request["tokenizer"] = tokenizer }
        if let task { request["task"] = task }
        if let itemSeed { request["item_seed"] = itemSeed }
        if let level { request["level"] = level }
        if let index { request["index"] = index }
        if let question { request["question"] = question }
        let requestJSON = String(decoding: try JSONSerialization.data(withJSONObject: request), as: UTF8.self)

        let printer = TracePrinter(quiet: json, events: events)
        let trace: String
        do {
            trace = try AgentRun.run(requestJSON: requestJSON, onEvent: { printer.show($0); return true })
        } catch let error as AgentRunError {
            throw InputError(error.description)
        }
        if json { emit(trace) }
    }
}

/// Shows the events of a run on stdout as a reader wants them.
private final class TracePrinter {
    let quiet: Bool, events: Bool
    init(quiet: Bool, events: Bool) { self.quiet = quiet; self.events = events }

    func show(_ eventJSON: String) {
        guard !quiet else { return }
        if events { emit(eventJSON); return }
        guard let event = try? JSONSerialization.jsonObject(with: Data(eventJSON.utf8)) as? [String: Any] else { return }
        switch event["type"] as? String {
        case "start": write("── question ──\n\(event["question"] as? String ?? "")\n── trace ──\n")
        case "text": write(event["text"] as? String ?? "")
        case "code_start": write("\n```python\n")
        case "code_end": write("\n```\n")
        case "execution":
            let run = event["run"] as? [String: Any]
            let status = run?["status"] as? String ?? "not run: \(event["failure"] as? String ?? "?")"
            let ms = (run?["wall_ms"] as? Double).map { String(format: " · %.1f ms", $0) } ?? ""
            write("[\(status)\(ms)]\n\(run?["stdout"] as? String ?? "")\(run?["stderr"] as? String ?? "")")
        case "answer": write("\n── answer: \(event["answer"] as? String ?? "")\n")
        case "verdict": write("── verdict: \(event["correct"] as? Bool == true ? "correct" : "wrong") (\(event["reason"] as? String ?? ""))\n")
        case "finish":
            let trace = event["trace"] as? [String: Any]
            write("── end: \(event["reason"] as? String ?? "")\((event["detail"] as? String).map { " (\($0))" } ?? "")"
                  + " · \(trace?["generated_tokens"] as? Int ?? 0) generated tokens, \(trace?["code_calls"] as? Int ?? 0) code calls\n")
        default: break
        }
    }

    /// Writes straight to stdout (unbuffered: the text streams).
    private func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
