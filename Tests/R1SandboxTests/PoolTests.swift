// The pool: concurrency, back-pressure, replacement of dead slots, limits, stdin, modules.

import Foundation
import Testing
@testable import R1Sandbox

@Suite(.serialized, .enabled(if: Shared.hostSupported)) struct PoolTests {
    @Test func manyConcurrentCallers() async throws {
        let results = try await withThrowingTaskGroup(of: (Int, RunResult).self) { group in
            for i in 0..<40 {
                group.addTask { (i, try await Shared.run("print(\(i) * 2)")) }
            }
            var out: [(Int, RunResult)] = []
            for try await r in group { out.append(r) }
            return out
        }
        #expect(results.count == 40)
        for (i, r) in results {
            #expect(r.status == .ok && r.stdout == "\(i * 2)\n", "\(i): \(r)")
        }
    }

    @Test func backPressureRejectsBeyondTheQueue() async throws {
        let sb = try Sandbox(config: SandboxConfig(slots: 1, queueLimit: 2, preload: []))
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    do { _ = try await sb.run("import time; time.sleep(0.3)"); return true }
                    catch SandboxError.overloaded { return false }
                    catch { return true }
                }
            }
            var accepted = 0, rejected = 0
            for await ok in group { if ok { accepted += 1 } else { rejected += 1 } }
            return (accepted, rejected)
        }
        #expect(outcomes.0 >= 3 && outcomes.1 >= 1, "accepted \(outcomes.0), rejected \(outcomes.1)")
        await sb.shutdown()
        await #expect(throws: SandboxError.self) { try await sb.run("print(1)") }
    }

    @Test func deadSlotIsReplaced() async throws {
        let sb = try Sandbox(config: SandboxConfig(slots: 1, preload: []))
        let before = sb.slotForTesting(0).zygotePID()
        sb.slotForTesting(0).killZygoteForTesting()
        usleep(50_000)
        let r = try await sb.run("print('alive')")
        #expect(r.status == .ok && r.stdout == "alive\n", "\(r)")
        #expect(sb.restarts == 1)
        #expect(sb.slotForTesting(0).zygotePID() != before)
        await sb.shutdown()
    }

    @Test func stdinIsDelivered() async throws {
        let r = try await Shared.run("import sys\nprint(sum(int(x) for x in sys.stdin.read().split()))", stdin: "1 2 3\n4")
        #expect(r.status == .ok && r.stdout == "10\n")
        let big = String(repeating: "7\n", count: 300_000)   // 600 KB, far beyond a pipe buffer
        let r2 = try await Shared.run("import sys\nprint(len(sys.stdin.read()))", stdin: big)
        #expect(r2.stdout == "600000\n")
    }

    @Test func timeoutIsMillisecondAccurate() async throws {
        let r = try await Shared.run("while True: pass", limits: SandboxLimits(wallMs: 250))
        #expect(r.status == .timeout)
        #expect(r.wallMs >= 245 && r.wallMs < 600, "wall \(r.wallMs)")
    }

    @Test func memoryLimitIsPerRun() async throws {
        let code = "x = bytearray(150 * 1024 * 1024)\nprint('ok')"
        let small = try await Shared.run(code, limits: SandboxLimits(wallMs: 5000, memoryMB: 64))
        #expect(small.status == .memory, "\(small)")
        let large = try await Shared.run(code, limits: SandboxLimits(wallMs: 5000, memoryMB: 512))
        #expect(large.status == .ok, "\(large)")
    }

    @Test func outputCapIsExact() async throws {
        let r = try await Shared.run("print('a' * 5000)", limits: SandboxLimits(wallMs: 2000, outputBytes: 1000))
        #expect(r.status == .outputLimit && r.stdoutTruncated)
        #expect(r.stdout.hasPrefix(String(repeating: "a", count: 1000) + "\n[output truncated"))
        let fits = try await Shared.run("print('a' * 999)", limits: SandboxLimits(wallMs: 2000, outputBytes: 1000))
        #expect(fits.status == .ok && !fits.stdoutTruncated)
    }

    @Test func preloadedModulesAndNumpy() async throws {
        let sb = try Sandbox(config: SandboxConfig(slots: 1))
        #expect(sb.preloadedModules.contains("math"))
        let haveNumpy = sb.preloadedModules.contains("numpy")
        let haveSympy = sb.preloadedModules.contains("sympy")
        if haveNumpy {
            let r = try await sb.run("import numpy as np\nprint(int(np.arange(10).sum()))")
            #expect(r.status == .ok && r.stdout == "45\n", "\(r)")
            #expect(r.wallMs < 3000)
        }
        if haveSympy {
            let r = try await sb.run("from sympy import factorint\nprint(factorint(2**20 - 1))")
            #expect(r.status == .ok && r.stdout.contains("3: 1"), "\(r)")
        }
        await sb.shutdown()
    }

    @Test func threadsAreAwaitedAndRandomnessIsFresh() async throws {
        let t = try await Shared.run("""
            import threading, time
            def late():
                time.sleep(0.1)
                print('late')
            threading.Thread(target=late).start()
            print('main')
            """, limits: SandboxLimits(wallMs: 5000))
        #expect(t.status == .ok && t.stdout == "main\nlate\n", "\(t)")
        let a = try await Shared.run("import random; print(random.random())")
        let b = try await Shared.run("import random; print(random.random())")
        #expect(a.stdout != b.stdout)
    }

    @Test func numpyRandomIsReseededPerRun() async throws {
        let sb = try Sandbox(config: SandboxConfig(slots: 1, preload: ["math", "numpy"]))
        guard sb.preloadedModules.contains("numpy") else { await sb.shutdown(); return }
        let code = "import numpy, random\nprint(numpy.random.rand(), random.random())"
        let a = try await sb.run(code)
        let b = try await sb.run(code)
        #expect(a.status == .ok && b.status == .ok)
        #expect(a.stdout != b.stdout, "\(a.stdout) == \(b.stdout)")
        await sb.shutdown()
    }

    @Test func withoutPreforkTheSameRulesHold() async throws {
        var config = SandboxConfig(slots: 1, preload: ["math"])
        config.prefork = false
        let sb = try Sandbox(config: config)
        let ok = try await sb.run("import sys\nprint(sys.stdin.read().upper())", stdin: "abc")
        #expect(ok.status == .ok && ok.stdout == "ABC\n")
        let t = try await sb.run("while True: pass", limits: SandboxLimits(wallMs: 300))
        #expect(t.status == .timeout)
        let o = try await sb.run("print('x' * 10**6)", limits: SandboxLimits(wallMs: 5000, outputBytes: 1000))
        #expect(o.status == .outputLimit)
        let env = try await sb.run("import os; print(sorted(os.environ), os.getuid())")
        #expect(env.stdout == "['HOME', 'LANG', 'PATH'] 1000\n")
        await sb.shutdown()
    }

    @Test func cpuAndPeakAreReported() async throws {
        let r = try await Shared.run("x = bytearray(40 * 1024 * 1024)\ns = 0\nfor i in range(2_000_000): s += i\nprint(s)",
                                     limits: SandboxLimits(wallMs: 10_000))
        #expect(r.status == .ok)
        #expect(r.cpuMs > 10)
        #expect(r.peakMemoryBytes > 40 << 20)
    }
}
