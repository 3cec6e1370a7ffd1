// r1ci tasks selftest | export | leakage

import ArgumentParser
import Foundation
import R1Sandbox
import R1Tasks

extension TasksCommand {
    struct SelfTestCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "selftest",
            abstract: "Check tasks: gold and oracle answers score 1, junk 0, few cross-accepted golds and duplicates.")
        @Argument(help: "Task ids (default: all).") var tasks: [String] = []
        @Option(help: "Seeds per level, 1…1000.") var seeds: Int = 20
        @Flag(help: "One JSON object per task.") var json = false
        @OptionGroup var workspaceOption: WorkspaceOption

        func run() throws {
            guard (1...1000).contains(seeds) else { throw InputError("--seeds \(seeds) is out of range 1…1000") }
            _ = try workspaceOption.openIfPresent()   // imported tasks can be named
            let chosen = try tasks.isEmpty ? TaskRegistry.all : tasks.map { try TaskRegistry.task($0) }
            let sandbox: Sandbox
            do { sandbox = try Sandbox(config: SandboxConfig()) } catch {
                throw InputError("the sandbox cannot start: \(error)")
            }
            let limits = SandboxLimits(wallMs: 30_000, memoryMB: 1024)
            let seeds = self.seeds, json = self.json
            let failed = try runBlocking { () async throws -> Int in
                let runner: @Sendable (String) async -> String? = { program in
                    guard let r = try? await sandbox.run(program, limits: limits), r.status == .ok else { return nil }
                    return r.stdout
                }
                let selfTest = SelfTest(seeds: seeds, slots: sandbox.slotCount, oracleRunner: runner)
                var failed = 0
                for task in chosen {
                    let report = await selfTest.run(task)
                    if !report.passed { failed += 1 }
                    emit(json ? try encodeJSON(report) : report.line)
                }
                if !json { emit("selftest: \(chosen.count - failed) passed, \(failed) failed") }
                await sandbox.shutdown()
                return failed
            }
            if failed > 0 { throw ExitCode(1) }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write items of every task in a split as JSONL (atomically).")
        @Option(help: "train, test, extra, or a user split NAME[:train|test|extra].") var split: String
        @Option(help: "Items per task, 1…1000000.") var count: Int
        @Option(help: "Seed: a whole number from 0 to 2^64-1.") var seed: String = "0"
        @Option(help: "Output file (.jsonl).") var out: String
        @Option(help: "Level index or name (default: each task's default level).") var level: String?
        @OptionGroup var workspaceOption: WorkspaceOption

        struct Row: Encodable {
            let task: String, seed: UInt64, index: UInt64, level: Int, level_name: String
            let question: String, gold: String, metadata: JSONValue, oracle: String, verifier: String, split: String
        }

        func run() throws {
            let selection = try SplitSelection.resolve(split, defaultSide: .train, workspace: try workspaceOption.openIfPresent())
            guard (1...1_000_000).contains(count) else { throw InputError("count \(count) is out of range 1…1000000") }
            guard let s = UInt64(seed) else { throw InputError("seed '\(seed)' is not a whole number from 0 to 2^64-1") }
            let tasks = try selection.taskIDs.map { try TaskRegistry.task($0) }
            let levels = try tasks.map { try $0.level(named: level) }
            let target = URL(fileURLWithPath: out)
            let temp = target.deletingLastPathComponent()
                .appendingPathComponent(".\(target.lastPathComponent).tmp-\(getpid())")
            guard FileManager.default.createFile(atPath: temp.path, contents: nil),
                  let handle = try? FileHandle(forWritingTo: temp) else {
                throw InputError("cannot write \(out)")
            }
            do {
                var buffer = Data()
                for (task, lvl) in zip(tasks, levels) {
                    for i in 0..<UInt64(count) {
                        let it = try task.item(seed: s, level: lvl, index: i)
                        let row = Row(task: it.task, seed: it.seed, index: it.index, level: it.level,
                                      level_name: it.levelName, question: it.question, gold: it.gold,
                                      metadata: it.metadata, oracle: task.oracle(metadata: it.metadata),
                                      verifier: task.info.id, split: selection.label)
                        buffer.append(Data((try encodeJSON(row) + "\n").utf8))
                        if buffer.count > 1 << 20 { try handle.write(contentsOf: buffer); buffer.removeAll() }
                    }
                }
                try handle.write(contentsOf: buffer)
                try handle.close()
                if rename(temp.path, target.path) != 0 {
                    throw InputError("cannot write \(out): \(String(cString: strerror(errno)))")
                }
            } catch {
                try? handle.close()
                unlink(temp.path)
                if let e = error as? InputError { throw e }
                throw InputError("cannot write \(out): \(error)")
            }
            emit("wrote \(tasks.count * count) items of \(tasks.count) \(selection.label) tasks to \(out)")
        }
    }

    struct Leakage: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check that no test question appears among training items (exit 1 if one does).",
            discussion: """
            Questions are compared by a hash of their normalised text (lowercased, whitespace collapsed).
            1. Across splits: N items per level of every test task at seeds 0..<N against the train tasks' items at the same seeds.
            2. Within each test task: N items per level at evaluation seeds 10^9 + i against training seeds 0..<N.
            """)
        @Option(help: "Items per level per task, 1…100000.") var count: Int = 200

        func run() throws {
            guard (1...100_000).contains(count) else { throw InputError("count \(count) is out of range 1…100000") }
            func hashes(_ task: any ReasoningTask, seeds: [UInt64]) -> [UInt64] {
                var out: [UInt64] = []
                for level in task.info.levels.indices {
                    for seed in seeds {
                        if let it = try? task.item(seed: seed, level: level) { out.append(Splits.normalisedQuestionHash(it.question)) }
                    }
                }
                return out
            }
            let trainSeeds = (0..<UInt64(count)).map { Splits.defaultTrainSeedRange.lowerBound + $0 }
            let evalSeeds = (0..<UInt64(count)).map { Splits.defaultEvalSeedBase + $0 }
            var trainSet = Set<UInt64>(), testSet = Set<UInt64>()
            var trainDup = 0, testDup = 0, trainTotal = 0, testTotal = 0
            var testHashes: [(String, [UInt64])] = []
            for task in TaskRegistry.all where Splits.defaultSplit(of: task.info.id) != .extra {
                let h = hashes(task, seeds: trainSeeds)
                if Splits.defaultSplit(of: task.info.id) == .train {
                    for x in h { trainTotal += 1; if !trainSet.insert(x).inserted { trainDup += 1 } }
                } else {
                    testHashes.append((task.info.id, h))
                    for x in h { testTotal += 1; if !testSet.insert(x).inserted { testDup += 1 } }
                }
            }
            var leaks = 0
            for (id, h) in testHashes {
                let n = h.filter { trainSet.contains($0) }.count
                if n > 0 { emit("leak: \(n) questions of test task \(id) appear in train tasks"); leaks += n }
            }
            // Same task: evaluation seeds against training seeds.
            var seedLeaks = 0
            for (id, h) in testHashes {
                let task = try TaskRegistry.task(id)
                let train = Set(h)
                let n = hashes(task, seeds: evalSeeds).filter { train.contains($0) }.count
                if n > 0 { emit("leak: \(n) evaluation-seed questions of \(id) appear at training seeds"); seedLeaks += n }
            }
            emit("across splits: \(testTotal) test questions vs \(trainTotal) train questions, \(leaks) shared")
            emit("eval seeds \(Splits.defaultEvalSeedBase)+i vs train seeds 0..<\(count) (same task): \(seedLeaks) shared")
            emit("within-split duplicates: train \(trainDup), test \(testDup)")
            if leaks + seedLeaks > 0 { emit("leakage: FOUND"); throw ExitCode(1) }
            emit("leakage: none")
        }
    }
}
