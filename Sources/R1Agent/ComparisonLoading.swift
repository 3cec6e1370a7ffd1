// The comparison of two stored evaluations as the CLI prints it and the C ABI
// returns it: both read it here, so `r1ci compare --json` and
// r1ci_comparison_json give the same text.

import Foundation
import R1Store

extension Workspace {
    /// Compares evaluation `a` (the baseline) with `b` on the questions they share.
    /// Throws AgentError when either is missing or they share no question.
    public func comparison(_ a: Int64, _ b: Int64) throws -> Comparison {
        for id in [a, b] where try evaluation(id: id) == nil {
            throw AgentError("no evaluation \(id) in the workspace")
        }
        let comparison = Comparison(a: try evaluationItems(a), b: try evaluationItems(b))
        guard !comparison.questions.isEmpty else { throw AgentError("evaluations \(a) and \(b) share no question") }
        return comparison
    }
}

extension Comparison {
    /// One JSON object, sorted keys, every question included.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
