// Helpers shared by the R1Tasks tests: running Python oracles, timing, reports.

import Foundation
import R1Sandbox
import R1Tasks

enum TestSupport {
    /// Every registered task id, for `@Test(arguments:)`.
    static let taskIDs: [String] = TaskRegistry.all.map(\.info.id)

    static func task(_ id: String) -> any ReasoningTask {
        try! TaskRegistry.task(id)
    }

    /// Runs `program` with python3 and returns its stdout, or nil on a non-zero
    /// exit or when it runs longer than `timeout` seconds (the process is then killed).
    static func runPython(_ program: String, timeout: TimeInterval = 30) -> (stdout: String, stderr: String)? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", program]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch { return nil }
        // Drain the pipes while waiting, so a chatty program cannot block on a full pipe.
        nonisolated(unsafe) var outData = Data(), errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(5_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            _ = group.wait(timeout: .now() + 5)
            return nil
        }
        process.waitUntilExit()
        _ = group.wait(timeout: .now() + 5)
        guard process.terminationStatus == 0 else {
            print("python failed: \(String(decoding: errData, as: UTF8.self))")
            return nil
        }
        return (String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    /// One sandbox for the whole test process: oracles run the way the agent's code
    /// will, from a warm fork server (milliseconds each, not a cold interpreter).
    /// Nil when this host cannot give every isolation layer; callers then use python3.
    static let sandbox: Sandbox? = {
        do { return try Sandbox(config: SandboxConfig(slots: 2)) } catch {
            print("[r1tasks report] sandbox unavailable (\(error)); oracles run with plain python3")
            return nil
        }
    }()

    /// Runs an oracle program and returns its stdout, or nil when it failed.
    static func runOracle(_ program: String) async -> String? {
        guard let sandbox else { return runPython(program)?.stdout }
        do {
            let result = try await sandbox.run(program, limits: SandboxLimits(wallMs: 30_000, memoryMB: 1024))
            guard result.status == .ok else {
                print("oracle failed (\(result.status)): \(result.stderr)")
                return nil
            }
            return result.stdout
        } catch {
            print("oracle could not run: \(error)")
            return nil
        }
    }

    /// Wall time of `body` in milliseconds.
    static func milliseconds(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }

    /// A line in the test log that the report collects.
    static func report(_ line: String) {
        print("[r1tasks report] \(line)")
    }
}

/// Items drawn the way the task-family tests draw them, and the verifier's word on an answer.
enum TaskSamples {
    /// Items 0..<count of task `id` at level index `level`, all from `seed`.
    static func items(_ id: String, level: Int, count: Int, seed: UInt64) throws -> [TaskItem] {
        let task = try TaskRegistry.task(id)
        return try (0..<UInt64(count)).map { try task.item(seed: seed, level: level, index: $0) }
    }

    /// `count` items at every level of task `id`, easiest level first.
    static func itemsAtEveryLevel(_ id: String, count: Int, seed: UInt64) throws -> [TaskItem] {
        let task = try TaskRegistry.task(id)
        return try task.info.levels.indices.flatMap { try items(id, level: $0, count: count, seed: seed) }
    }
}

/// Whether task `id`'s verifier scores `answer` correct for `item`.
func accepts(_ id: String, _ answer: String, _ item: TaskItem) -> Bool {
    (try! TaskRegistry.task(id)).verify(answer: answer, metadata: item.metadata).isCorrect
}
