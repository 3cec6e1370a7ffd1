import Foundation
@testable import R1Sandbox

/// One sandbox shared by the suites (starting zygotes costs ~0.3-3 s each).
enum Shared {
    /// Every layer available (root, user namespaces, cgroups, seccomp)? Suites
    /// are skipped, not crashed, on hosts that cannot run the full sandbox.
    static let hostSupported: Bool = {
        let layers = HostLayers.probe()
        return layers.namespaces && layers.missing.isEmpty
    }()

    static let sandbox: Sandbox = {
        do {
            return try Sandbox(config: SandboxConfig(
                slots: 2, preload: ["math", "itertools", "collections", "functools", "fractions", "json", "re"]))
        } catch {
            fatalError("sandbox could not start on this host: \(error)")
        }
    }()

    static let oneSecond = SandboxLimits(wallMs: 1000, memoryMB: 256, processes: 64)
    static let slow = SandboxLimits(wallMs: 15_000, memoryMB: 256, processes: 64)

    static func run(_ code: String, limits: SandboxLimits = oneSecond, stdin: String? = nil) async throws -> RunResult {
        try await sandbox.run(code, stdin: stdin, limits: limits)
    }
}

/// Host-side observations used to prove a run left nothing behind.
enum Host {
    /// Host uids used by the sandbox: every slot's range.
    static func isSandboxUID(_ uid: Int) -> Bool { uid >= 200_000 && uid < 200_000 + 4200 * 65_536 }

    /// Pids of processes running as a sandbox *run* uid (base + 1000 of any slot).
    static func runProcesses() -> [Int32] {
        var out: [Int32] = []
        for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = Int32(name),
                  let status = try? String(contentsOfFile: "/proc/\(name)/status", encoding: .utf8) else { continue }
            for line in status.split(separator: "\n") where line.hasPrefix("Uid:") {
                let fields = line.split(whereSeparator: { $0 == "\t" || $0 == " " })
                if fields.count > 1, let uid = Int(fields[1]), isSandboxUID(uid), (uid - 200_000) % 65_536 == 1000 {
                    out.append(pid)
                }
            }
        }
        return out
    }

    /// Waits (briefly) for run processes to vanish: cgroup.kill is asynchronous.
    static func noRunProcessesLeft() -> Bool {
        for _ in 0..<200 {
            if runProcesses().isEmpty { return true }
            usleep(10_000)
        }
        return false
    }

    static func openFDs() -> Int { (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? -1 }

    static func statusField(_ key: String) -> Int {
        let s = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        for line in s.split(separator: "\n") where line.hasPrefix(key + ":") {
            return Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" })[1]) ?? -1
        }
        return -1
    }

    /// Direct children of this process.
    static func children() -> Int {
        let me = getpid()
        var n = 0
        for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard Int32(name) != nil, let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, Int32(fields[1]) == me { n += 1 }
        }
        return n
    }

    /// Files under `dir` owned by sandbox uids.
    static func sandboxFiles(in dir: String) -> [String] {
        var out: [String] = []
        for name in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] {
            var st = stat()
            if lstat("\(dir)/\(name)", &st) == 0, isSandboxUID(Int(st.st_uid)) { out.append(name) }
        }
        return out
    }
}
