// One warm Python fork server inside fresh namespaces, and the pipe protocol to it.

import CSandbox
import Foundation

/// Everything a slot needs to start zygotes, computed once per Sandbox.
struct ZygoteEnvironment: @unchecked Sendable {
    var python: PythonInstall
    var view: FilesystemView
    var rootDir: String            // host mount point for the new root (stays empty on the host)
    var useUserNamespace: Bool
    var seccompBPF: [UInt8]        // empty: no filter (degraded)
    var preload: [String]
    var startTimeoutMs: Int
    var prefork = true
}

final class Zygote {
    let pid: pid_t
    let pidfd: Int32
    private let toFd: Int32
    private let fromFd: Int32
    private(set) var loadedModules: [String] = []
    private(set) var alive = true

    /// The host uid range of slot `slot`: inside uid 0 (the zygote) is
    /// `base`, the run's uid 1000 is `base + 1000`. Distinct per slot.
    static func uidBase(slot: Int) -> UInt32 { 200_000 + UInt32(slot) * 65_536 }
    static let runUID = 1000

    init(slot: Int, env: ZygoteEnvironment, cgroups: SlotCgroups) throws {
        var toZ: [Int32] = [0, 0], fromZ: [Int32] = [0, 0]
        guard csb_pipe_cloexec(&toZ) == 0 else { throw SandboxError.setup("pipe: \(String(cString: strerror(errno)))") }
        guard csb_pipe_cloexec(&fromZ) == 0 else {
            close(toZ[0]); close(toZ[1])
            throw SandboxError.setup("pipe: \(String(cString: strerror(errno)))")
        }
        // Descriptor plan in the zygote: 3 = requests, 4 = responses, 5.. = cgroup files.
        var passed: [Int32] = [toZ[0], fromZ[1]]
        var roles: [String: Int] = [:]
        for (role, fd) in cgroups.fds.sorted(by: { $0.key < $1.key }) {
            roles[role] = 3 + passed.count
            passed.append(fd)
        }
        let arena = CStringArena()
        let root = env.rootDir
        let view = env.view
        let dirs = view.dirs.map { arena.add(root + $0) }.map { UnsafePointer<CChar>($0) as UnsafePointer<CChar>? }
        var links: [UnsafePointer<CChar>?] = []
        for (target, path) in view.symlinks {
            links.append(UnsafePointer(arena.add(target)))
            links.append(UnsafePointer(arena.add(root + path)))
        }
        let binds = view.binds.map {
            csb_bind(source: arena.add($0.source), target: arena.add(root + $0.target),
                     is_file: $0.isFile ? 1 : 0, writable_dev: $0.device ? 1 : 0)
        }
        let bootstrap = "import sys;exec(compile(sys.argv[1],\(pyString(ZygoteScript.filename)),'exec'),{'__name__':'r1ci_zygote','__builtins__':__builtins__})"
        let argv = arena.array([env.python.executable, "-S", "-I", "-B", "-c", bootstrap, ZygoteScript.source])
        let envp = arena.array(["PATH=/usr/local/bin:/usr/bin:/bin", "LANG=C.UTF-8", "HOME=/tmp",
                                "OPENBLAS_NUM_THREADS=1", "OMP_NUM_THREADS=1", "MKL_NUM_THREADS=1",
                                "NUMEXPR_NUM_THREADS=1", "MALLOC_ARENA_MAX=2"])
        var err = [CChar](repeating: 0, count: 512)
        var pfd: Int32 = -1
        let spawned: pid_t = dirs.withUnsafeBufferPointer { dirsBuf in
            links.withUnsafeBufferPointer { linksBuf in
                binds.withUnsafeBufferPointer { bindsBuf in
                    passed.withUnsafeBufferPointer { fdsBuf in
                        var spec = csb_zygote_spec()
                        spec.new_user = env.useUserNamespace ? 1 : 0
                        spec.uid_base = Zygote.uidBase(slot: slot)
                        spec.uid_count = 65_536
                        spec.hostname = UnsafePointer(arena.add("sandbox"))
                        spec.root_dir = UnsafePointer(arena.add(root))
                        spec.dirs = dirsBuf.baseAddress
                        spec.ndirs = dirsBuf.count
                        spec.symlinks = linksBuf.baseAddress
                        spec.nsymlinks = linksBuf.count / 2
                        spec.binds = bindsBuf.baseAddress
                        spec.nbinds = bindsBuf.count
                        spec.proc_dir = UnsafePointer(arena.add(root + "/proc"))
                        spec.proc_options = UnsafePointer(arena.add("hidepid=2"))
                        spec.tmp_dir = UnsafePointer(arena.add(root + "/tmp"))
                        spec.tmp_options = UnsafePointer(arena.add("size=\(view.scratchMB)m,nr_inodes=16384,mode=1777"))
                        spec.dev_dir = UnsafePointer(arena.add(root + "/dev"))
                        spec.exe = UnsafePointer(arena.add(env.python.executable))
                        spec.argv = UnsafePointer(argv)
                        spec.envp = UnsafePointer(envp)
                        spec.fds = fdsBuf.baseAddress
                        spec.nfds = fdsBuf.count
                        return csb_spawn_zygote(&spec, &pfd, &err, err.count)
                    }
                }
            }
        }
        close(toZ[0]); close(fromZ[1])
        guard spawned > 0 else {
            close(toZ[1]); close(fromZ[0])
            throw SandboxError.setup(String(cString: err))
        }
        pid = spawned
        pidfd = pfd
        toFd = toZ[1]
        fromFd = fromZ[0]

        // Hand over the configuration and the seccomp program; wait for "ready".
        let initHeader: [String: Any] = [
            "fds": roles, "path": env.python.sitePaths, "preload": env.preload,
            "uid": env.useUserNamespace ? Zygote.runUID as Any : NSNull(), "scratch": "/tmp", "spares": env.prefork,
            "env": ["PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": "/tmp", "LANG": "C.UTF-8"],
        ]
        do {
            let head = try JSONSerialization.data(withJSONObject: initHeader)
            try Framing.writeAll(toFd, Framing.encode(Array(head), [], env.seccompBPF))
            let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(env.startTimeoutMs) * 1_000_000
            let (h, _, _) = try Framing.readFrame(fromFd, deadline: deadline)
            let obj = try JSONSerialization.jsonObject(with: Data(h)) as? [String: Any]
            guard obj?["ok"] as? Bool == true else { throw SandboxError.setup("zygote did not start") }
            loadedModules = obj?["loaded"] as? [String] ?? []
        } catch {
            terminateNow()
            if let e = error as? SandboxError { throw e }
            throw SandboxError.setup("zygote start: \(error)")
        }
    }

    /// Sends one request and waits for its response until `timeoutMs`.
    func request(_ header: [String: Any], code: [UInt8], stdin: [UInt8], timeoutMs: Int) throws
        -> ([String: Any], [UInt8], [UInt8]) {
        let head = try JSONSerialization.data(withJSONObject: header)
        try Framing.writeAll(toFd, Framing.encode(Array(head), code, stdin))
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(timeoutMs) * 1_000_000
        let (h, out, err) = try Framing.readFrame(fromFd, deadline: deadline)
        guard let obj = try JSONSerialization.jsonObject(with: Data(h)) as? [String: Any] else { throw FrameError.malformed }
        return (obj, out, err)
    }

    /// Kills the zygote; as PID 1 of its namespace, everything inside dies with it.
    func terminateNow() {
        guard alive else { return }
        alive = false
        _ = csb_pidfd_kill(pidfd, SIGKILL)
        close(toFd)
        close(fromFd)
        _ = csb_reap(pid, 5000)
        close(pidfd)
    }

    deinit { terminateNow() }
}

/// A Python string literal for `s` (ASCII-safe).
func pyString(_ s: String) -> String {
    var out = "'"
    for ch in s.unicodeScalars {
        switch ch {
        case "'": out += "\\'"
        case "\\": out += "\\\\"
        default: out.unicodeScalars.append(ch)
        }
    }
    return out + "'"
}
