// Helpers shared by the R1Tasks tests: running Python oracles, timing, reports.

import Foundation
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
