// The events of a watched run, each one small JSON object with a "type":
//   start      {model, question, item: {task, seed, level, index, level_name, gold}|null, style}
//   token      {id, text, logprob}                a generated token (loss mask 1), in order
//   text       {part: "text"|"code", text}         display text of the model's turn, fences left out
//   code_start {cell}                              a ```python block opened
//   code_end   {cell, code}                        the block closed; it runs next
//   execution  {cell, run: {...}|null, failure}    how it ran (run as in r1ci_task_run_oracle_json)
//   appended   {text, tokens}                      the result text put back into the context (loss mask 0)
//   answer     {answer}                            the final <<<answer>>>, when there is one
//   verdict    {score, correct, reason, answer}    task items only
//   finish     {reason, detail, trace}             always last
// The trace is the whole run with per-token ids, text pieces, loss masks and
// log-probabilities (see traceObject).

import Foundation
import R1Agent
import R1Engine
import R1Tasks

final class EventReporter: @unchecked Sendable {
    private let engine: Engine
    private let style: PromptStyle
    private let stop: StopFlag?
    private let onEvent: ((String) -> Bool)?
    private var display: TurnDisplay
    /// Blocks opened so far (the next cell's index).
    private var opened = 0
    private var model = ""
    /// Set once the caller asked to stop (its callback returned false or the flag was raised).
    private var stopped = false

    init(engine: Engine, style: PromptStyle, stop: StopFlag?, onEvent: ((String) -> Bool)?) {
        self.engine = engine; self.style = style; self.stop = stop; self.onEvent = onEvent
        display = TurnDisplay(watchCode: style.runsCode)
    }

    /// Sends one event; false when the caller wants the run to stop.
    @discardableResult
    private func send(_ type: String, _ fields: [String: Any]) -> Bool {
        var object = fields
        object["type"] = type
        if let onEvent, !onEvent(Self.json(object)) { stopped = true }
        if stop?.isRaised == true { stopped = true }
        return !stopped
    }

    static func json(_ object: Any) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    func started(model: String, question: String, item: TaskItem?, style: PromptStyle) {
        self.model = model
        let itemObject: Any = item.map {
            ["task": $0.task, "seed": $0.seed, "level": $0.level, "index": $0.index,
             "level_name": $0.levelName, "gold": $0.gold] as [String: Any]
        } ?? NSNull()
        send("start", ["model": model, "question": question, "item": itemObject, "style": style.rawValue])
    }

    /// The loop's callback: reports the event, and says whether to go on.
    func agentEvent(_ event: AgentEvent) -> Bool {
        switch event {
        case .token(let step):
            guard send("token", ["id": step.token, "text": step.text, "logprob": Self.number(step.logprob)]) else { return false }
            for change in display.feed(step.text) { report(change) }
        case .codeStarted(let code):
            flushDisplay()
            send("code_end", ["cell": opened - 1, "code": code])
        case .codeFinished(let cell):
            let run: Any = cell.result.flatMap { try? JSONSerialization.jsonObject(with: JSONEncoder().encode($0)) } ?? NSNull()
            send("execution", ["cell": opened - 1, "run": run, "failure": cell.failure ?? NSNull()])
        case .appended(let text):
            display = TurnDisplay(watchCode: style.runsCode)
            send("appended", ["text": text])
        }
        return !stopped && stop?.isRaised != true
    }

    private func report(_ change: TurnDisplay.Step) {
        switch change {
        case .text(let text): send("text", ["part": "text", "text": text])
        case .code(let text): send("text", ["part": "code", "text": text])
        case .codeOpened: send("code_start", ["cell": opened]); opened += 1
        case .codeClosed: break  // code_end follows from the loop, with the code it runs
        }
    }

    private func flushDisplay() {
        if let rest = display.flush() { report(rest) }
    }

    /// Reports the end of the run and returns the trace object as JSON.
    func finished(_ trace: Trace) -> String {
        flushDisplay()
        let object = traceObject(trace)
        if let answer = trace.answer { send("answer", ["answer": answer]) }
        if let verdict = object["verdict"], !(verdict is NSNull) { send("verdict", verdict as! [String: Any]) }
        send("finish", ["reason": object["end"]!, "detail": trace.endDetail ?? NSNull(), "trace": object])
        return Self.json(object)
    }

    /// The trace as the store keeps it (segments, cells, verdict, reward), with
    /// the end "stopped" when the caller stopped it, and the per-token arrays:
    ///   tokens: {ids: [int], texts: [str], loss_mask: [0|1], logprobs: [float|null], segments: [int]}
    /// (logprobs null for loss-mask-0 tokens; segments: each token's segment index).
    func traceObject(_ trace: Trace) -> [String: Any] {
        var object = ((try? JSONSerialization.jsonObject(with: JSONEncoder().encode(trace))) as? [String: Any]) ?? [:]
        for key in ["item", "answer", "end_detail", "reward"] where object[key] == nil { object[key] = NSNull() }
        object["end"] = trace.end == .cancelled ? "stopped" : trace.end.rawValue
        object["model"] = model
        object["verdict"] = trace.verdict.map {
            ["score": $0.score, "correct": $0.isCorrect, "reason": $0.reason, "answer": trace.answer ?? ""] as [String: Any]
        } ?? NSNull()
        var ids: [Int32] = [], texts: [String] = [], mask: [Int32] = [], logprobs: [Any] = [], segments: [Int] = []
        for (s, segment) in trace.segments.enumerated() {
            for (i, id) in segment.tokens.enumerated() {
                ids.append(id)
                texts.append(String(decoding: engine.tokenizer.bytes(of: id), as: UTF8.self))
                mask.append(segment.lossMask)
                logprobs.append(segment.kind == .model && i < segment.logprobs.count ? Self.number(segment.logprobs[i]) : NSNull())
                segments.append(s)
            }
        }
        object["tokens"] = ["ids": ids, "texts": texts, "loss_mask": mask, "logprobs": logprobs, "segments": segments]
        object["prompt_tokens"] = trace.promptTokens
        object["generated_tokens"] = trace.generatedTokens
        object["appended_tokens"] = trace.appendedTokens
        object["turns"] = trace.turns
        object["code_calls"] = trace.codeCalls
        return object
    }

    /// A log-probability as JSON: a number, or null when it is not finite.
    private static func number(_ value: Float) -> Any { value.isFinite ? Double(value) : NSNull() }
}
