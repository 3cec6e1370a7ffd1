// Per-slot cgroups: memory and pids limits, cgroup.kill, OOM and peak reading.
//
// Hybrid hosts (v1 memory/pids + v2 "unified" for cgroup.kill) and pure v2
// hosts are both handled. The zygote receives open descriptors by role; the
// run's child joins by writing "0" to the *_procs ones.

import Foundation

/// Where this host's cgroup controllers are, relative to our own cgroups.
struct CgroupLayout: Sendable {
    /// v1 memory controller directory of this process, if writable.
    var memoryV1: String?
    /// v1 pids controller directory of this process, if writable.
    var pidsV1: String?
    /// v2 directory of this process, if writable.
    var unified: String?
    /// Controllers enabled for children in `unified` (pure v2 hosts).
    var unifiedHasMemory = false
    var unifiedHasPids = false
    var unifiedHasKill = false

    static func detect() -> CgroupLayout {
        var layout = CgroupLayout()
        guard let text = try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8) else { return layout }
        let root = "/sys/fs/cgroup"
        let pureV2 = FileManager.default.fileExists(atPath: "\(root)/cgroup.controllers")
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3 else { continue }
            let controllers = parts[1].split(separator: ",").map(String.init)
            let path = parts[2] == "/" ? "" : parts[2]
            if parts[0] == "0" && parts[1].isEmpty {
                let base = pureV2 ? root : "\(root)/unified"
                let dir = base + path
                if FileManager.default.isWritableFile(atPath: dir) { layout.unified = dir }
            } else if controllers.contains("memory") {
                let dir = "\(root)/memory\(path)"
                if FileManager.default.isWritableFile(atPath: dir) { layout.memoryV1 = dir }
            } else if controllers.contains("pids") {
                let dir = "\(root)/pids\(path)"
                if FileManager.default.isWritableFile(atPath: dir) { layout.pidsV1 = dir }
            }
        }
        if let u = layout.unified {
            // The root group has no cgroup.kill file: look in a throw-away child.
            let probe = "\(u)/r1ci-\(getpid())-probe"
            if mkdir(probe, 0o755) == 0 || errno == EEXIST {
                layout.unifiedHasKill = FileManager.default.fileExists(atPath: "\(probe)/cgroup.kill")
                rmdir(probe)
            }
            let sub = (try? String(contentsOfFile: "\(u)/cgroup.subtree_control", encoding: .utf8)) ?? ""
            let available = (try? String(contentsOfFile: "\(u)/cgroup.controllers", encoding: .utf8)) ?? ""
            if pureV2 {
                // Try to enable memory and pids for our children (may fail if we are not a leaf owner).
                for c in ["memory", "pids"] where available.contains(c) && !sub.contains(c) {
                    try? "+\(c)".write(toFile: "\(u)/cgroup.subtree_control", atomically: false, encoding: .utf8)
                }
                let now = (try? String(contentsOfFile: "\(u)/cgroup.subtree_control", encoding: .utf8)) ?? ""
                layout.unifiedHasMemory = now.contains("memory")
                layout.unifiedHasPids = now.contains("pids")
            }
        }
        return layout
    }

    var hasMemory: Bool { memoryV1 != nil || unifiedHasMemory }
    var hasPids: Bool { pidsV1 != nil || unifiedHasPids }
    var hasKill: Bool { unified != nil && unifiedHasKill }
}

/// One slot's cgroups and the descriptors handed to its zygote.
final class SlotCgroups {
    private(set) var dirs: [String] = []
    /// Open descriptors by role (see the zygote script).
    private(set) var fds: [String: Int32] = [:]
    /// The v2 directory, used by the executor itself to kill a stuck slot.
    private(set) var unifiedDir: String?

    init(layout: CgroupLayout, name: String) throws {
        func make(_ parent: String) throws -> String {
            let dir = "\(parent)/\(name)"
            if FileManager.default.fileExists(atPath: dir) { SlotCgroups.remove(dir) }
            if mkdir(dir, 0o755) != 0 && errno != EEXIST {
                throw SandboxError.setup("mkdir \(dir): \(String(cString: strerror(errno)))")
            }
            dirs.append(dir)
            return dir
        }
        func open(_ role: String, _ path: String, _ flags: Int32) {
            let fd = Glibc.open(path, flags | O_CLOEXEC)
            if fd >= 0 { fds[role] = fd }
        }
        do {
            if let m = layout.memoryV1 {
                let d = try make(m)
                open("mem_procs", "\(d)/cgroup.procs", O_WRONLY)
                open("mem_limit", "\(d)/memory.limit_in_bytes", O_RDWR)
                open("memsw_limit", "\(d)/memory.memsw.limit_in_bytes", O_RDWR)
                open("mem_max_usage", "\(d)/memory.max_usage_in_bytes", O_RDWR)
                open("mem_oom", "\(d)/memory.oom_control", O_RDONLY)
            }
            if let p = layout.pidsV1 {
                let d = try make(p)
                open("pids_procs", "\(d)/cgroup.procs", O_WRONLY)
                open("pids_max", "\(d)/pids.max", O_RDWR)
            }
            if let u = layout.unified {
                let d = try make(u)
                unifiedDir = d
                open("v2_procs", "\(d)/cgroup.procs", O_WRONLY)
                open("v2_kill", "\(d)/cgroup.kill", O_WRONLY)
                open("v2_events", "\(d)/cgroup.events", O_RDONLY)
                if layout.memoryV1 == nil && layout.unifiedHasMemory {
                    open("mem_limit", "\(d)/memory.max", O_RDWR)
                    open("mem_max_usage", "\(d)/memory.peak", O_RDWR)
                    open("mem_oom", "\(d)/memory.events", O_RDONLY)
                    // no swap for runs: memory.swap.max = 0 once
                    try? "0".write(toFile: "\(d)/memory.swap.max", atomically: false, encoding: .utf8)
                }
                if layout.pidsV1 == nil && layout.unifiedHasPids {
                    open("pids_max", "\(d)/pids.max", O_RDWR)
                }
            }
        } catch {
            close()
            throw error
        }
    }

    /// Kills every process in the slot's run cgroup (v2 cgroup.kill).
    func killAll() {
        guard let d = unifiedDir else { return }
        let fd = Glibc.open("\(d)/cgroup.kill", O_WRONLY | O_CLOEXEC)
        if fd >= 0 { _ = write(fd, "1", 1); Glibc.close(fd) }
    }

    func close() {
        for fd in fds.values { Glibc.close(fd) }
        fds = [:]
        for d in dirs.reversed() { SlotCgroups.remove(d) }
        dirs = []
    }

    /// rmdir with a few retries: a just-killed group empties asynchronously.
    static func remove(_ dir: String) {
        for _ in 0..<50 {
            if rmdir(dir) == 0 || errno == ENOENT { return }
            let kill = Glibc.open("\(dir)/cgroup.kill", O_WRONLY | O_CLOEXEC)
            if kill >= 0 { _ = write(kill, "1", 1); Glibc.close(kill) }
            usleep(2000)
        }
    }

    /// Removes groups left by executors that died without cleaning up
    /// (names "r1ci-<pid>-..." whose pid is gone).
    static func sweepStale(layout: CgroupLayout) {
        for parent in [layout.memoryV1, layout.pidsV1, layout.unified].compactMap({ $0 }) {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent) else { continue }
            for n in names where n.hasPrefix("r1ci-") {
                let parts = n.split(separator: "-")
                guard parts.count >= 3, let pid = Int32(parts[1]) else { continue }
                if kill(pid, 0) != 0 && errno == ESRCH { remove("\(parent)/\(n)") }
            }
        }
    }
}
