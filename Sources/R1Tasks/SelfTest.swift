// A task's self-check: gold scores 1, the oracle's printed answer scores 1,
// junk scores 0, other items' golds are (almost) never accepted, items rarely
// repeat, and generation and verification are fast. The oracle runs through a
// closure so this module needs no sandbox.

import Foundation

public struct SelfTestReport: Sendable, Encodable {
    public var task: String
    public var levels: Int
    public var goldPassed = 0, goldTotal = 0
    public var oraclePassed = 0, oracleTotal = 0
    public var junkFailures: [String] = []
    public var crossAccepted = 0, crossTotal = 0
    public var duplicates = 0, dupTotal = 0
    public var genMs = 0.0, verifyMs = 0.0
    public var failures: [String] = []

    public var crossRate: Double { crossTotal == 0 ? 0 : Double(crossAccepted) / Double(crossTotal) }
    public var dupRate: Double { dupTotal == 0 ? 0 : Double(duplicates) / Double(dupTotal) }
    public var passed: Bool {
        goldPassed == goldTotal && oraclePassed == oracleTotal && junkFailures.isEmpty && failures.isEmpty
            && crossRate <= SelfTest.maxCrossRate
    }

    enum CodingKeys: String, CodingKey {
        case task, levels, goldPassed = "gold_passed", goldTotal = "gold_total", oraclePassed = "oracle_passed"
        case oracleTotal = "oracle_total", junkFailures = "junk_failures", crossAccepted = "cross_accepted"
        case crossTotal = "cross_total", duplicates, dupTotal = "dup_total", genMs = "gen_ms", verifyMs = "verify_ms"
        case failures, passed
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(task, forKey: .task); try c.encode(levels, forKey: .levels)
        try c.encode(goldPassed, forKey: .goldPassed); try c.encode(goldTotal, forKey: .goldTotal)
        try c.encode(oraclePassed, forKey: .oraclePassed); try c.encode(oracleTotal, forKey: .oracleTotal)
        try c.encode(junkFailures, forKey: .junkFailures)
        try c.encode(crossAccepted, forKey: .crossAccepted); try c.encode(crossTotal, forKey: .crossTotal)
        try c.encode(duplicates, forKey: .duplicates); try c.encode(dupTotal, forKey: .dupTotal)
        try c.encode(genMs, forKey: .genMs); try c.encode(verifyMs, forKey: .verifyMs)
        try c.encode(failures, forKey: .failures)
        try c.encode(passed, forKey: .passed)
    }

    /// The one-line summary the CLI prints.
    public var line: String {
        String(format: "%@ %@  levels %d  gold %d/%d  oracle %d/%d  junk %@  cross-gold %.1f%%  dup %.1f%%  gen %.2f ms  verify %.2f ms",
               passed ? "ok" : "FAIL", task, levels, goldPassed, goldTotal, oraclePassed, oracleTotal,
               junkFailures.isEmpty ? "ok" : "\(junkFailures.count) scored", crossRate * 100, dupRate * 100, genMs, verifyMs)
        + (failures.isEmpty ? "" : "  (\(failures.prefix(3).joined(separator: "; ")))")
    }
}


public struct SelfTest: Sendable {
    /// Share of other items' golds a verifier may accept (some tasks have few distinct answers).
    public static let maxCrossRate = 0.2
    public static let junk: [String] = [
        "", "banana", "<<<>>>", "<<<\(String(repeating: "A", count: 1 << 20))>>>",
        "<<<__import__('os').system('x')>>>",
    ]

    public let seeds: Int
    public let oracleSeeds: Int
    public let dupItems: Int
    public let slots: Int
    public let oracleRunner: @Sendable (String) async -> String?

    public init(seeds: Int = 20, dupItems: Int = 200, slots: Int = 1,
                oracleRunner: @escaping @Sendable (String) async -> String?) {
        self.seeds = seeds
        self.oracleSeeds = min(seeds, 3)
        self.dupItems = dupItems
        self.slots = max(1, slots)
        self.oracleRunner = oracleRunner
    }

    private static func median(_ xs: [Double]) -> Double {
        guard !xs.isEmpty else { return 0 }
        let s = xs.sorted()
        return s[s.count / 2]
    }

    public func run(_ task: any ReasoningTask) async -> SelfTestReport {
        var r = SelfTestReport(task: task.info.id, levels: task.info.levels.count)
        var genTimes: [Double] = [], verifyTimes: [Double] = []
        var oracleJobs: [(program: String, metadata: JSONValue)] = []
        for level in task.info.levels.indices {
            var items: [TaskItem] = []
            for seed in 0..<UInt64(seeds) {
                let t0 = DispatchTime.now().uptimeNanoseconds
                guard let item = try? task.item(seed: seed, level: level) else {
                    r.failures.append("level \(level) does not generate"); break
                }
                genTimes.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
                items.append(item)
                let t1 = DispatchTime.now().uptimeNanoseconds
                let verdict = task.score(response: "<<<\(item.gold)>>>", metadata: item.metadata)
                verifyTimes.append(Double(DispatchTime.now().uptimeNanoseconds - t1) / 1e6)
                r.goldTotal += 1
                if verdict.isCorrect { r.goldPassed += 1 } else if r.failures.count < 5 {
                    r.failures.append("gold L\(level) s\(seed): \(verdict.reason)")
                }
                for (j, text) in Self.junk.enumerated() where task.score(response: text, metadata: item.metadata).score != 0 {
                    r.junkFailures.append("L\(level) s\(seed) junk#\(j)")
                }
                if Int(seed) < oracleSeeds { oracleJobs.append((task.oracle(metadata: item.metadata), item.metadata)) }
            }
            // Other items' golds: a different gold should not be accepted.
            for (i, item) in items.enumerated() {
                for (j, other) in items.enumerated() where i != j && other.gold != item.gold {
                    r.crossTotal += 1
                    if task.verify(answer: other.gold, metadata: item.metadata).isCorrect { r.crossAccepted += 1 }
                }
            }
            // Duplicates among dupItems items of this level.
            var seen = Set<UInt64>()
            for index in 0..<UInt64(dupItems) {
                guard let item = try? task.item(seed: index, level: level) else { break }
                r.dupTotal += 1
                if !seen.insert(Splits.normalisedQuestionHash(item.question)).inserted { r.duplicates += 1 }
            }
        }
        r.genMs = Self.median(genTimes)
        r.verifyMs = Self.median(verifyTimes)
        r.oracleTotal = oracleJobs.count
        // Oracles run concurrently, at most `slots` at a time.
        let runner = oracleRunner
        let jobs = oracleJobs
        let results: [Bool] = await withTaskGroup(of: (Int, Bool).self) { group in
            var out = [Bool](repeating: false, count: jobs.count)
            var next = 0
            func add() {
                let i = next, job = jobs[i]
                next += 1
                group.addTask {
                    guard let stdout = await runner(job.program) else { return (i, false) }
                    return (i, task.score(response: "<<<\(stdout)>>>", metadata: job.metadata).isCorrect)
                }
            }
            while next < min(slots, jobs.count) { add() }
            while let (i, ok) = await group.next() {
                out[i] = ok
                if next < jobs.count { add() }
            }
            return out
        }
        r.oraclePassed = results.filter { $0 }.count
        if r.oraclePassed < r.oracleTotal { r.failures.append("\(r.oracleTotal - r.oraclePassed) oracle runs failed") }
        return r
    }
}
