// r1ci tasks bench: how fast each task generates and verifies items. The
// numbers feed bench/tasks.py, which runs this beside Reasoning Gym.

import ArgumentParser
import Foundation
import R1Tasks

extension TasksCommand {
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Items per second generated and verified, per task (medians over single items).")
        @Argument(help: "Task ids (default: all).") var tasks: [String] = []
        @Option(help: "Items per task, 1…100000.") var count: Int = 500
        @Option(help: "Level index or name (default: each task's default level).") var level: String?
        @Option(help: "Seed: a whole number from 0 to 2^64-1.") var seed: String = "0"
        @Flag(help: "One JSON object per task.") var json = false

        struct Row: Encodable {
            let task: String
            let level: String
            let items: Int
            let genMedianUs: Double
            let verifyMedianUs: Double
            let genPerSecond: Double
            let verifyPerSecond: Double
            enum CodingKeys: String, CodingKey {
                case task, level, items
                case genMedianUs = "gen_median_us", verifyMedianUs = "verify_median_us"
                case genPerSecond = "gen_per_second", verifyPerSecond = "verify_per_second"
            }
        }

        func run() throws {
            guard (1...100_000).contains(count) else { throw InputError("--count \(count) is out of range 1…100000") }
            guard let seed = UInt64(seed) else { throw InputError("--seed '\(self.seed)' is not a whole number from 0 to 2^64-1") }
            let chosen = try tasks.isEmpty ? TaskRegistry.all : tasks.map { try TaskRegistry.task($0) }
            for task in chosen {
                let lvl = try task.level(named: level)
                // One warm-up item so first-use costs (tables, lazy statics) are not timed.
                _ = try task.item(seed: seed, level: lvl, index: UInt64(count))
                var gen: [Double] = [], verify: [Double] = []
                gen.reserveCapacity(count); verify.reserveCapacity(count)
                for i in 0..<UInt64(count) {
                    let t0 = DispatchTime.now().uptimeNanoseconds
                    let item = try task.item(seed: seed, level: lvl, index: i)
                    let t1 = DispatchTime.now().uptimeNanoseconds
                    let verdict = task.verify(answer: item.gold, metadata: item.metadata)
                    let t2 = DispatchTime.now().uptimeNanoseconds
                    guard verdict.isCorrect else {
                        throw InputError("task \(task.info.id): gold answer of item \(i) was not accepted: \(verdict.reason)")
                    }
                    gen.append(Double(t1 - t0) / 1e3)
                    verify.append(Double(t2 - t1) / 1e3)
                }
                let g = median(gen), v = median(verify)
                let row = Row(task: task.info.id, level: task.info.levels[lvl].name, items: count,
                              genMedianUs: g, verifyMedianUs: v,
                              genPerSecond: g > 0 ? 1e6 / g : 0, verifyPerSecond: v > 0 ? 1e6 / v : 0)
                emit(json ? try encodeJSON(row)
                     : row.task.padding(toLength: 30, withPad: " ", startingAt: 0) + " "
                       + row.level.padding(toLength: 8, withPad: " ", startingAt: 0)
                       + String(format: " gen %9.1f µs (%9.0f/s)  verify %8.1f µs (%10.0f/s)",
                                g, row.genPerSecond, v, row.verifyPerSecond))
            }
        }

        private func median(_ xs: [Double]) -> Double {
            let s = xs.sorted()
            return s.isEmpty ? 0 : s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
        }
    }
}
