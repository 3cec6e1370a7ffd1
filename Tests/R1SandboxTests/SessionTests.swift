// Stateful sessions: notebook-like blocks, each with its own limits.

import Foundation
import Testing
@testable import R1Sandbox

@Suite(.serialized, .enabled(if: Shared.hostSupported)) struct SessionTests {
    @Test func laterBlocksSeeEarlierVariables() async throws {
        let s = try await Shared.sandbox.openSession()
        let a = try await s.run("x = 21\nimport math\nprint('set')")
        #expect(a.status == .ok && a.stdout == "set\n", "\(a)")
        let b = try await s.run("print(x * 2, math.pi > 3)")
        #expect(b.status == .ok && b.stdout == "42 True\n", "\(b)")
        // an exception does not end the session
        let c = try await s.run("y = 1\nraise KeyError('k')")
        #expect(c.status == .error && c.stderr.contains("KeyError") && !c.sessionEnded)
        let d = try await s.run("print(x + y)")
        #expect(d.stdout == "22\n")
        // files persist between blocks of one session
        _ = try await s.run("open('notes.txt', 'w').write('hello')")
        let e = try await s.run("print(open('notes.txt').read())")
        #expect(e.stdout == "hello\n")
        await s.close()
        await #expect(throws: SandboxError.self) { try await s.run("print(1)") }
    }

    @Test func eachBlockHasItsOwnLimits() async throws {
        let s = try await Shared.sandbox.openSession()
        _ = try await s.run("keep = 'state'")
        let slow = try await s.run("while True: pass", limits: SandboxLimits(wallMs: 300))
        #expect(slow.status == .timeout && slow.sessionEnded)
        #expect(s.stateLost)
        // the next block runs in a fresh interpreter
        let next = try await s.run("print('keep' in globals())", limits: SandboxLimits(wallMs: 2000))
        #expect(next.status == .ok && next.stdout == "False\n", "\(next)")
        #expect(!s.stateLost)
        let loud = try await s.run("print('z' * 5000)", limits: SandboxLimits(wallMs: 2000, outputBytes: 100))
        #expect(loud.status == .outputLimit)
        let big = try await s.run("b = bytearray(200 * 1024 * 1024)", limits: SandboxLimits(wallMs: 5000, memoryMB: 64))
        #expect(big.status == .memory, "\(big)")
        let fine = try await s.run("print('ok')")
        #expect(fine.status == .ok)
        await s.close()
        #expect(Host.noRunProcessesLeft())
    }

    @Test func sysExitEndsTheInterpreter() async throws {
        let s = try await Shared.sandbox.openSession()
        _ = try await s.run("a = 1")
        let r = try await s.run("import sys; sys.exit(3)")
        #expect(r.status == .error && r.exitCode == 3 && r.sessionEnded)
        let again = try await s.run("print('a' in globals())")
        #expect(again.stdout == "False\n")
        await s.close()
    }

    @Test func sessionsAreIsolatedFromEachOther() async throws {
        let s1 = try await Shared.sandbox.openSession()
        let s2 = try await Shared.sandbox.openSession()
        _ = try await s1.run("secret = 'one'\nopen('f', 'w').write('one')")
        let r = try await s2.run("import os\nprint('secret' in globals(), os.path.exists('f'))")
        #expect(r.stdout == "False False\n")
        await s1.close()
        await s2.close()
    }
}
