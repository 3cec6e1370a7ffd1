// `r1ci exec` from the outside: exit 0 whenever the program ran, 2 for bad input.

import Foundation
import Testing
@testable import R1Sandbox

@Suite(.enabled(if: Shared.hostSupported)) struct ExecCLITests {
    /// The r1ci binary built next to the test bundle, if there is one.
    static var binary: String? {
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let path = dir.appendingPathComponent("r1ci").path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    static func exec(_ args: [String], stdin: String = "") throws -> (Int32, String, String) {
        try exec(args, bytes: Data(stdin.utf8))
    }

    static func exec(_ args: [String], bytes: Data) throws -> (Int32, String, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary!)
        p.arguments = args
        let input = Pipe(), out = Pipe(), err = Pipe()
        p.standardInput = input
        p.standardOutput = out
        p.standardError = err
        try p.run()
        input.fileHandleForWriting.write(bytes)
        try input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    @Test(.enabled(if: binary != nil)) func exitCodes() throws {
        let (ok, out, err) = try Self.exec(["exec", "-"], stdin: "print('hi')")
        #expect(ok == 0 && out == "hi\n" && err.contains("[ok, exit 0"))
        let (failed, _, ferr) = try Self.exec(["exec", "--json", "-"], stdin: "raise SystemExit(3)")
        #expect(failed == 0, "a program that ran is exit 0 whatever its status: \(ferr)")
        let (slow, sout, _) = try Self.exec(["exec", "--timeout-ms", "200", "--json", "-"], stdin: "while True: pass")
        #expect(slow == 0 && sout.contains("\"status\":\"timeout\""))
        let (missing, _, merr) = try Self.exec(["exec", "/nonexistent/file.py"])
        #expect(missing == 2 && merr.split(separator: "\n").count == 1)
        let (badLimit, _, _) = try Self.exec(["exec", "--timeout-ms", "0", "-"], stdin: "print(1)")
        #expect(badLimit == 2)
        let (badUTF8, _, berr) = try Self.exec(["exec", "-"], bytes: Data([0x70, 0x72, 0x69, 0x6e, 0x74, 0xff, 0x0a]))
        #expect(badUTF8 == 2 && berr.contains("UTF-8"))
    }
}
