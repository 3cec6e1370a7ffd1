// r1ci sandbox serve | bench

import ArgumentParser
import Foundation
import R1HTTP
import R1Sandbox

struct SandboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run the sandboxed Python executor as a service, or measure it.",
        subcommands: [Serve.self, Bench.self]
    )

    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve SandboxFusion's POST /run_code on loopback (GET /v1/ping answers pong).")
        @Option(help: "Address to listen on (IPv4).") var host: String = "127.0.0.1"
        @Option(help: "Port (0 picks a free one; the chosen port is printed).") var port: Int = 8080
        @Option(help: "Warm worker slots (default: number of cores).") var slots: Int?
        @Option(name: .customLong("max-connections"), help: "Concurrent connections accepted.") var maxConnections: Int = 64
        @Flag(name: .customLong("allow-degraded"), help: "Run even if the host lacks isolation layers.") var allowDegraded = false

        func run() throws {
            guard (0...65535).contains(port) else { throw InputError("port must be 0…65535") }
            if let slots, !(1...256).contains(slots) { throw InputError("slots must be 1…256") }
            let sandbox: Sandbox
            do { sandbox = try Sandbox(config: SandboxConfig(slots: slots, allowDegraded: allowDegraded)) }
            catch let e as SandboxError { throw InputError(e.description) }
            let server = HTTPServer(host: host, port: UInt16(port), maxConnections: maxConnections,
                                    errorResponse: SandboxFusionAPI.errorResponse,
                                    handler: SandboxFusionAPI.handler(sandbox: sandbox))
            do { try server.start() } catch let e as HTTPServerError { throw InputError(e.description) }
            var line = "r1ci sandbox: listening on http://\(host):\(server.port) with \(sandbox.slotCount) slots"
            if !sandbox.degraded.isEmpty { line += " (degraded: \(sandbox.degraded.joined(separator: ", ")))" }
            emit(line)
            // Stop cleanly on SIGINT/SIGTERM: zygotes die, cgroups are removed.
            waitForStopSignal()
            server.stop()
            _ = try? runBlocking { await sandbox.shutdown() }
        }
    }

    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Throughput and p50/p99 latency of the sandbox next to plain launchers (interleaved rounds).")
        @Option(help: "Parallel workers for every launcher.") var slots: Int = 2
        @Option(help: "Sandbox requests per round and program.") var requests: Int = 1000
        @Option(name: .customLong("baseline-requests"), help: "Requests per round for subprocess launchers.") var baselineRequests: Int = 100
        @Option(help: "Interleaved rounds (medians are reported).") var rounds: Int = 3
        @Flag(help: "Print the rows as JSON.") var json = false
        @Option(help: "Modules each zygote pre-imports: 'standard' or a comma-separated list ('' for none).")
        var preload: String = "standard"
        @Flag(name: .customLong("no-baselines"), help: "Measure the sandbox only.") var noBaselines = false
        @Flag(name: .customLong("no-prefork"), help: "Fork each child only when its request arrives.") var noPrefork = false

        func run() throws {
            let modules = preload == "standard" ? SandboxConfig.standardModules
                : preload.split(separator: ",").map(String.init)
            let baselines = !noBaselines
            let prefork = !noPrefork
            guard slots >= 1, requests >= 1, baselineRequests >= 1, rounds >= 1 else { throw InputError("counts must be positive") }
            let (s, r, b, n, quiet) = (slots, requests, baselineRequests, rounds, json)
            let rows: [BenchRow]
            do {
                rows = try runBlocking {
                    try await runSandboxBench(slots: s, requests: r, baselineRequests: b, rounds: n, preload: modules,
                                              baselines: baselines, prefork: prefork) { line in
                        if !quiet { FileHandle.standardError.write(Data((line + "\n").utf8)) }
                    }
                }
            } catch let e as SandboxError { throw InputError(e.description) }
            if json {
                let enc = JSONEncoder()
                enc.outputFormatting = [.prettyPrinted, .sortedKeys]
                emit(String(decoding: try enc.encode(rows), as: UTF8.self))
                return
            }
            emit("| launcher | program | runs/s | p50 ms | p99 ms | requests | failures |")
            emit("|---|---|---|---|---|---|---|")
            for row in rows {
                emit(String(format: "| %@ | %@ | %.0f | %.2f | %.2f | %d | %d |", row.launcher as NSString,
                            row.program as NSString, row.runsPerSecond, row.p50Ms, row.p99Ms, row.requests, row.failures))
            }
        }
    }
}
