// 10,000 consecutive runs: no growth in descriptors, threads, processes or memory.

import Foundation
import Testing
@testable import R1Sandbox

@Suite(.serialized, .enabled(if: Shared.hostSupported)) struct SoakTests {
    static func rss(_ pid: pid_t) -> Int {
        let s = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        for line in s.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" })[1]) ?? -1
        }
        return -1
    }

    static func children(of pid: pid_t) -> String {
        (try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)) ?? ""
    }

    @Test func tenThousandRuns() async throws {
        let total = Int(ProcessInfo.processInfo.environment["R1CI_SOAK_RUNS"] ?? "") ?? 10_000
        let sb = try Sandbox(config: SandboxConfig(slots: 2, preload: []))
        let zygotes = sb.zygotePIDs
        let programs = ["print(1)", "import math\nprint(math.factorial(20))", "raise ValueError('x')",
                        "import sys; sys.stderr.write('e' * 100)", "open('f', 'w').write('x' * 1000)"]
        func batch(_ count: Int, from start: Int) async throws -> Int {
            try await withThrowingTaskGroup(of: Int.self) { group in
                for w in 0..<2 {
                    group.addTask {
                        var bad = 0
                        var i = start + w
                        while i < start + count {
                            let r = try await sb.run(programs[i % programs.count], limits: SandboxLimits(wallMs: 5000))
                            let want: RunStatus = i % programs.count == 2 ? .error : .ok
                            if r.status != want { bad += 1 }
                            i += 2
                        }
                        return bad
                    }
                }
                var bad = 0
                for try await b in group { bad += b }
                return bad
            }
        }
        let warm = min(500, total / 10)
        var bad = try await batch(warm, from: 0)
        let fds0 = Host.openFDs(), threads0 = Host.statusField("Threads"), rss0 = Host.statusField("VmRSS")
        let zrss0 = zygotes.map(Self.rss)
        let t0 = Date()
        bad += try await batch(total - warm, from: warm)
        let secs = Date().timeIntervalSince(t0)
        let fds1 = Host.openFDs(), threads1 = Host.statusField("Threads"), rss1 = Host.statusField("VmRSS")
        let zrss1 = zygotes.map(Self.rss)
        print("soak: \(total - warm) runs in \(String(format: "%.1f", secs)) s; fds \(fds0)->\(fds1), threads \(threads0)->\(threads1), rss \(rss0)->\(rss1) kB, zygote rss \(zrss0)->\(zrss1) kB")

        #expect(bad == 0, "\(bad) runs had an unexpected status")
        #expect(sb.restarts == 0)
        #expect(sb.zygotePIDs == zygotes)
        #expect(fds1 - fds0 <= 8, "descriptors grew \(fds0) -> \(fds1)")
        #expect(threads1 - threads0 <= 8, "threads grew \(threads0) -> \(threads1)")
        #expect(rss1 - rss0 < 48_000, "executor RSS grew \(rss0) -> \(rss1) kB")
        for (a, b) in zip(zrss0, zrss1) { #expect(b - a < 4_000, "zygote RSS grew \(a) -> \(b) kB") }
        // at most the one child each zygote forks ahead for the next request
        for z in zygotes {
            let kids = Self.children(of: z).split(separator: " ")
            #expect(kids.count <= 1, "zygote \(z) has children \(kids)")
        }
        #expect(Host.noRunProcessesLeft())
        await sb.shutdown()
        for z in zygotes { #expect(kill(z, 0) != 0, "zygote \(z) survived shutdown") }
    }
}
