// Finding the real Python interpreter and the directories it needs.

import Foundation

/// A Python 3 installation: the real executable (never a version-manager
/// shim) and the directories that must be visible inside the sandbox.
public struct PythonInstall: Sendable, Equatable {
    public var executable: String
    public var prefix: String
    /// Package directories (site-packages) added to sys.path without running site.
    public var sitePaths: [String]
    public var version: String

    /// Asks `candidate` (default: $R1CI_PYTHON, else `python3` on PATH) where it lives.
    public static func discover(_ candidate: String? = nil) throws -> PythonInstall {
        let env = ProcessInfo.processInfo.environment
        let name = candidate ?? env["R1CI_PYTHON"] ?? "python3"
        guard let path = resolve(name, env: env) else { throw SandboxError.pythonNotFound("no \(name) on PATH") }
        let script = """
        import sys, sysconfig
        p = sysconfig.get_paths()
        print(sys.executable); print(sys.base_prefix); print(sys.version.split()[0])
        print(p.get("purelib", "")); print(p.get("platlib", ""))
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-S", "-c", script]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { throw SandboxError.pythonNotFound("\(path): \(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard process.terminationStatus == 0, lines.count >= 5, lines[2].hasPrefix("3.") else {
            throw SandboxError.pythonNotFound("\(path) is not a working Python 3")
        }
        let exe = URL(fileURLWithPath: lines[0]).resolvingSymlinksInPath().path
        var sites: [String] = []
        for p in [lines[3], lines[4]] where !p.isEmpty && !sites.contains(p) && FileManager.default.fileExists(atPath: p) {
            sites.append(p)
        }
        // Debian's interpreter keeps third-party packages in dist-packages.
        if lines[1] == "/usr" {
            let minor = lines[2].split(separator: ".").prefix(2).joined(separator: ".")
            for p in ["/usr/lib/python3/dist-packages", "/usr/local/lib/python\(minor)/dist-packages"]
            where FileManager.default.fileExists(atPath: p) && !sites.contains(p) {
                sites.append(p)
            }
        }
        return PythonInstall(executable: exe, prefix: lines[1], sitePaths: sites, version: lines[2])
    }

    static func resolve(_ name: String, env: [String: String]) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        for dir in (env["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let p = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }
}
