// The words around an oracle trace's code: how the reasoning opens, how it
// reads a result, how it introduces a check, how it closes with the answer.
// Several phrasings of each, in our own words, picked by the item's seeded
// generator so a synthesised set does not repeat one sentence thousands of times.

import R1Tasks

enum SynthPhrasing {
    /// Before the solving program.
    static let openings: [String] = [
        "This is easiest to get right by computing it. I'll write the data down in Python and let the program work out the answer.",
        "Rather than track every step by hand, I'll encode the problem in a short program and print the result.",
        "Let me set up the problem as code so nothing is miscounted, then read off the answer.",
        "The question has enough detail that a small program is the safest route. Here is one that solves it.",
        "I'll translate the problem into Python: the inputs first, then the rule that produces the answer.",
        "Working this out mentally invites slips, so I'll compute it with a program.",
    ]

    /// After the solver's output, before the answer (`{}` is the printed result).
    static let readings: [String] = [
        "The program printed {}. That is the answer.",
        "The output is {}, which answers the question.",
        "So the computation gives {}.",
        "The result came back as {}; I'll give that as the final answer.",
        "Running it produced {}, so that is what I'll answer.",
    ]

    /// Before the checking program.
    static let checkIntros: [String] = [
        "Before answering, I'll run the solution once more and compare its output with the answer I intend to give.",
        "Let me double-check by re-running the computation and testing it against the candidate answer.",
        "To be safe, I'll verify the candidate: recompute it and confirm the two agree.",
    ]

    /// After a check that agreed (`{}` is the answer).
    static let checkReadings: [String] = [
        "The check agrees, so the answer is {}.",
        "Both runs give {}; the answer stands.",
        "Confirmed: {}.",
    ]

    /// A text-only trace of an easy item (`{}` is the answer).
    static let textOnly: [String] = [
        "This one is short enough to reason through directly without running code. Working through the question step by step, the answer is {}.",
        "No program is needed here; reading the question carefully gives {}.",
        "The question is simple enough to settle in my head: the answer is {}.",
    ]

    /// `template` with `{}` replaced by `value`.
    static func fill(_ template: String, _ value: String) -> String {
        template.replacingOccurrences(of: "{}", with: value)
    }

    /// A phrase for `value` quoted so multi-line results stay readable.
    static func quoted(_ value: String) -> String {
        value.contains("\n") ? "\n\(value)\n" : "`\(value)`"
    }

    static func pick(_ list: [String], _ rng: inout SplitMix64) -> String { rng.pick(list) }
}
