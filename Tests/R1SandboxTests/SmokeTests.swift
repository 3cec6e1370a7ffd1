import Testing
@testable import R1Sandbox

@Suite struct SmokeTests {
    @Test func printsHello() async throws {
        let sb = try Sandbox(config: SandboxConfig(slots: 1, preload: ["math"]))
        let r = try await sb.run("print('hello')")
        #expect(r.status == .ok, "\(r)")
        #expect(r.stdout == "hello\n")
        await sb.shutdown()
    }
}
