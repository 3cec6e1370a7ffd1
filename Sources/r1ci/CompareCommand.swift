// r1ci compare: two stored evaluations on the questions they share — per-task
// accuracy and its change with an exact McNemar p-value, and per-question
// buckets (fixed, regressed, both right, both wrong).

import ArgumentParser
import Foundation
import R1Agent
import R1Store

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare", abstract: "Compare two stored evaluations question by question.",
        discussion: """
        A question is right when its mean score over samples is at least 1/2. "fixed" means A got it \
        wrong and B right; "regressed" the other way. p is the exact two-sided McNemar (sign) test on \
        the fixed and regressed questions.
        """)

    @Argument(help: "Evaluation id A (the baseline).") var a: Int64
    @Argument(help: "Evaluation id B.") var b: Int64
    @Flag(help: "Print one JSON object, every question included.") var json = false
    @OptionGroup var workspaceOption: WorkspaceOption

    func run() throws {
        let workspace = try workspaceOption.open()
        let comparison = try agentCall { try workspace.comparison(a, b) }
        if json {
            emit(try comparison.json())
            return
        }
        emit(pad(["task", "q", "acc A", "acc B", "delta", "fixed", "regr", "both+", "both-", "p"]))
        for t in comparison.tasks + [comparison.all] {
            emit(pad([t.task, "\(t.questions)", pct(t.accuracyA), pct(t.accuracyB), String(format: "%+.1f", 100 * t.delta),
                      "\(t.count(.fixed))", "\(t.count(.regressed))", "\(t.count(.bothRight))", "\(t.count(.bothWrong))",
                      String(format: "%.3f", t.pValue)]))
        }
        if comparison.unpaired > 0 { emit("\(comparison.unpaired) questions are in only one evaluation (not compared)") }
    }
}
