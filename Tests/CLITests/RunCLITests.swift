// r1ci run: one trace of the loop on the default model (the tiny fixture's
// context cannot hold the prompt), as a user runs it; the trace's token arrays
// against the streamed events, and bad input.

import Foundation
import Testing

@Suite struct RunCLITests {
    @Test func traceTokensAreTheStreamedTokens() throws {
        let args = ["run", "--model", "smollm2-135m", "--question", "Hi", "--max-trace-tokens", "12", "--temperature", "0.9", "--seed", "5"]
        let r = try r1ci(args + ["--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let trace = try jsonObject(r.stdout.split(separator: "\n").first ?? "")
        let tokens = try #require(trace["tokens"] as? [String: Any])
        let ids = try #require(tokens["ids"] as? [Int]), mask = try #require(tokens["loss_mask"] as? [Int])
        #expect(ids.count == mask.count && ids.count == (tokens["texts"] as? [String])?.count
                && ids.count == (tokens["logprobs"] as? [Any])?.count)
        #expect(trace["generated_tokens"] as? Int == mask.reduce(0, +) && mask.reduce(0, +) > 0)
        #expect(ids.count == (trace["prompt_tokens"] as? Int ?? -1) + (trace["generated_tokens"] as? Int ?? -1)
                + (trace["appended_tokens"] as? Int ?? -1))

        // The same run with --events: start first, finish last, one token event per generated token, same ids.
        let e = try r1ci(args + ["--events"])
        #expect(e.status == 0, "\(e.stderr)")
        let events = try e.stdout.split(separator: "\n").map { try jsonObject($0) }
        #expect(events.first?["type"] as? String == "start" && events.last?["type"] as? String == "finish")
        let streamed = events.filter { $0["type"] as? String == "token" }.compactMap { $0["id"] as? Int }
        #expect(streamed == zip(ids, mask).filter { $0.1 == 1 }.map(\.0))
    }

    @Test func badInputIsOneLine() throws {
        for args in [["run"], ["run", "--task", "no-such-task"], ["run", "--question", "x", "--level", "1"],
                     ["run", "--question", "x", "--style", "poem"],
                     ["run", "--question", "x", "--model", "openai:http://127.0.0.1:9/v1#m"],
                     ["run", "--question", "x", "--model", "/nonexistent/m.gguf"]] {
            let r = try r1ci(args)
            #expect(r.status == 2 && r.stdout.isEmpty && r.stderr.hasPrefix("r1ci: ")
                    && r.stderr.split(separator: "\n").count == 1, "\(args): \(r.stderr)")
        }
    }
}
