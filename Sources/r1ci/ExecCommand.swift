// r1ci exec: run one Python program in the sandbox.

import ArgumentParser
import Foundation
import R1Sandbox

struct ExecCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exec",
        abstract: "Run a Python program in the sandbox (exit 0 whenever it ran, whatever its status).",
        discussion: """
        The program's stdout and stderr are passed through; a summary line goes to stderr.
        With --json one JSON result record is printed instead.
        """
    )

    @Argument(help: "Program file, or - for standard input.") var file: String = "-"
    @Option(name: .customLong("timeout-ms"), help: "Wall-clock limit in milliseconds.") var timeoutMs: Int = 10_000
    @Option(name: .customLong("memory-mb"), help: "Memory limit in MiB.") var memoryMB: Int = 256
    @Option(name: .customLong("stdin"), help: "File whose bytes become the program's stdin.") var stdinFile: String?
    @Flag(help: "Print the result record as JSON.") var json = false
    @Flag(name: .customLong("allow-degraded"), help: "Run even if the host lacks isolation layers.") var allowDegraded = false

    func run() throws {
        let code: Data
        if file == "-" {
            code = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let d = FileManager.default.contents(atPath: file) else { throw InputError("cannot read \(file)") }
            code = d
        }
        var stdin = Data()
        if let stdinFile {
            guard let d = FileManager.default.contents(atPath: stdinFile) else { throw InputError("cannot read \(stdinFile)") }
            stdin = d
        }
        let limits = SandboxLimits(wallMs: timeoutMs, memoryMB: memoryMB)
        do { try limits.validate() } catch { throw InputError("\(error)") }
        let config = SandboxConfig(slots: 1, preload: [], allowDegraded: allowDegraded)
        let input = [UInt8](stdin), program = [UInt8](code)
        let result: RunResult
        do {
            result = try runBlocking {
                let sandbox = try Sandbox(config: config)
                do {
                    let r = try await sandbox.run(code: program, stdin: input, limits: limits)
                    await sandbox.shutdown()
                    return r
                } catch {
                    await sandbox.shutdown()
                    throw error
                }
            }
        } catch let e as SandboxError {
            throw InputError(e.description)
        }
        if json {
            let enc = JSONEncoder()
            enc.outputFormatting = [.sortedKeys]
            emit(String(decoding: try enc.encode(result), as: UTF8.self))
            return
        }
        FileHandle.standardOutput.write(Data(result.stdout.utf8))
        FileHandle.standardError.write(Data(result.stderr.utf8))
        var summary = "[\(result.status.rawValue)"
        if let c = result.exitCode { summary += ", exit \(c)" }
        if let s = result.signal { summary += ", signal \(s)" }
        summary += String(format: ", %.1f ms wall, %.1f ms cpu, %.1f MiB peak", result.wallMs, result.cpuMs,
                          Double(result.peakMemoryBytes) / 1_048_576)
        if !result.degraded.isEmpty { summary += ", degraded: \(result.degraded.joined(separator: ", "))" }
        if let m = result.sandboxMessage { summary += ", \(m)" }
        FileHandle.standardError.write(Data((summary + "]\n").utf8))
    }
}
