// The reference's hostile cases (H1-H35) and more, each asserting the status
// and that the host is unaffected afterwards.

import Foundation
import Testing
@testable import R1Sandbox

struct Hostile: Sendable, CustomTestStringConvertible {
    let id: String
    let code: String
    let expect: Set<RunStatus>
    var check: @Sendable (RunResult) -> Bool = { _ in true }
    /// Cases that do real work before hitting their limit get more wall time,
    /// so that a busy CI machine does not turn them into timeouts.
    var limits: SandboxLimits = Shared.oneSecond
    var testDescription: String { id }
}

let hostileCases: [Hostile] = [
    // time / CPU
    Hostile(id: "H1 busy loop", code: "while True: pass", expect: [.timeout],
            check: { $0.wallMs >= 990 && $0.wallMs < 1500 }),
    Hostile(id: "H2 sleep forever", code: "import time; time.sleep(10**6)", expect: [.timeout],
            check: { $0.wallMs >= 990 && $0.wallMs < 1500 && $0.cpuMs < 500 }),
    Hostile(id: "H3 close stdout/stderr then spin", code: "import os\nos.close(1); os.close(2)\nwhile True: pass",
            expect: [.timeout]),
    Hostile(id: "H4 ignore signals", code: """
        import signal
        for s in (signal.SIGTERM, signal.SIGXCPU, signal.SIGINT, signal.SIGHUP): signal.signal(s, signal.SIG_IGN)
        while True: pass
        """, expect: [.timeout]),
    // processes
    Hostile(id: "H5 fork bomb", code: "import os\nwhile True:\n try: os.fork()\n except OSError: pass", expect: [.timeout]),
    Hostile(id: "H6 thread bomb", code: """
        import threading, time
        while True: threading.Thread(target=time.sleep, args=(100,), daemon=True).start()
        """, expect: [.error, .memory], check: { $0.stderr.contains("thread") || $0.status == .memory },
            limits: Shared.slow),
    Hostile(id: "H7 setsid double-fork daemon", code: """
        import os,time
        if os.fork()==0:
         os.setsid()
         if os.fork()==0: time.sleep(1000)
         os._exit(0)
        time.sleep(0.05)
        print('parent done')
        """, expect: [.ok], check: { $0.stdout == "parent done\n" && $0.wallMs < 900 && $0.killedLeftovers }),
    // memory
    Hostile(id: "H9 8 GiB bytearray", code: "x = bytearray(8*1024**3)", expect: [.memory],
            limits: Shared.slow),
    Hostile(id: "H10 touched 10 MB chunks", code: "xs=[]\nwhile True: xs.append(bytearray(10*1024*1024))",
            expect: [.memory], check: { $0.peakMemoryBytes > 200 << 20 },
            limits: Shared.slow),
    Hostile(id: "H11 recursion", code: "def f(n): return f(n+1)\nf(0)", expect: [.error],
            check: { $0.stderr.contains("RecursionError") },
            limits: Shared.slow),
    Hostile(id: "10 GB numpy-free allocation", code: "x = b'a' * (10 * 1024**3)", expect: [.memory],
            limits: Shared.slow),
    // output
    Hostile(id: "H12 endless stdout", code: "import sys\nwhile True: sys.stdout.write('A'*65536)",
            expect: [.outputLimit], check: { $0.stdoutTruncated && $0.stdout.utf8.count < (1 << 20) + 200 },
            limits: Shared.slow),
    Hostile(id: "H13 one huge line", code: "print('x'*10**8, end='')", expect: [.outputLimit],
            limits: Shared.slow),
    Hostile(id: "a gigabyte to stderr", code: "import sys\nfor _ in range(1024): sys.stderr.write('E'*2**20)",
            expect: [.outputLimit], check: { $0.stderrTruncated },
            limits: Shared.slow),
    Hostile(id: "H14 invalid UTF-8", code: "import sys; sys.stdout.buffer.write(bytes(range(256))*10)", expect: [.ok],
            check: { $0.stdout.contains("\u{FFFD}") }),
    // filesystem
    Hostile(id: "H15 fill the disk", code: "f=open('big','wb')\nwhile True: f.write(b'0'*2**20)", expect: [.error],
            check: { $0.stderr.contains("File too large") || $0.stderr.contains("No space") },
            limits: Shared.slow),
    Hostile(id: "exhaust scratch inodes", code: """
        import os
        os.mkdir('d')
        for i in range(10**6): open('d/%d' % i, 'w').close()
        """, expect: [.error], check: { $0.stderr.contains("No space left") },
            limits: Shared.slow),
    Hostile(id: "seccomp and no_new_privs in force", code: """
        s = open('/proc/self/status').read()
        print([l.split()[1] for l in s.splitlines() if l.split(':')[0] in ('NoNewPrivs', 'Seccomp', 'CapEff')])
        """, expect: [.ok], check: { $0.stdout == "['0000000000000000', '1', '2']\n" }),
    Hostile(id: "H16 write /etc", code: "open('/etc/sbx_pwned','w').write('x')", expect: [.error]),
    Hostile(id: "write /usr", code: "open('/usr/sbx_pwned','w').write('x')", expect: [.error],
            check: { $0.stderr.contains("Read-only file system") || $0.stderr.contains("Permission") }),
    Hostile(id: "H19 /etc/shadow", code: "print(open('/etc/shadow').read())", expect: [.error]),
    Hostile(id: "host /root and /work invisible", code: """
        import os
        print(sorted(os.listdir('/')))
        print(os.path.exists('/work'), os.path.exists('/root/.ssh'), os.path.exists('/home'))
        """, expect: [.ok], check: { $0.stdout.contains("False False False") }),
    Hostile(id: "host /proc invisible", code: """
        import os
        print(sorted(int(p) for p in os.listdir('/proc') if p.isdigit()))
        """, expect: [.ok], check: { r in
            // only the run's own process (pid 2 or so) is visible; the zygote (pid 1) is hidden
            let pids = r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            return !pids.contains(",") && pids != "[1]"
        }),
    // environment
    Hostile(id: "H20 environment", code: "import os; print(sorted(os.environ))", expect: [.ok],
            check: { $0.stdout == "['HOME', 'LANG', 'PATH']\n" }),
    // network
    Hostile(id: "H21 connect to loopback", code: """
        import socket
        try:
            socket.create_connection(('127.0.0.1', 22), timeout=2)
            print('connected')
        except OSError as e:
            print('blocked', e.errno)
        """, expect: [.ok], check: { $0.stdout.hasPrefix("blocked") && $0.wallMs < 900 }),
    Hostile(id: "H22 no interfaces, no resolver", code: """
        import os
        print(open('/proc/net/dev').read().count(':'), os.path.exists('/etc/resolv.conf'), os.path.exists('/etc/hosts'))
        """, expect: [.ok], check: { $0.stdout == "1 False False\n" }),
    Hostile(id: "netlink socket", code: "import socket; socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)", expect: [.error],
            check: { $0.stderr.contains("PermissionError") }),
    // descriptors
    Hostile(id: "H24 descriptor exhaustion", code: "fs=[]\nwhile True: fs.append(open('/dev/null'))", expect: [.error],
            check: { $0.stderr.contains("Too many open files") },
            limits: Shared.slow),
    // kernel surface / privileges
    Hostile(id: "H25 ptrace parent", code: """
        import ctypes,os
        libc = ctypes.CDLL(None, use_errno=True)
        print(libc.ptrace(16, os.getppid(), 0, 0), ctypes.get_errno())
        """, expect: [.ok], check: { $0.stdout == "-1 1\n" }),
    Hostile(id: "H26 kill the parent", code: "import os,signal; os.kill(os.getppid(), signal.SIGKILL)", expect: [.error],
            check: { $0.stderr.contains("PermissionError") }),
    Hostile(id: "kill(0) own group", code: "import os,signal; os.kill(0, signal.SIGKILL)", expect: [.killed],
            check: { $0.signal == 9 }),
    Hostile(id: "kill(-1) everything", code: "import os,signal; os.kill(-1, signal.SIGKILL)", expect: [.killed, .ok, .error]),
    Hostile(id: "H27 unshare userns", code: """
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        print(libc.unshare(0x10000000), ctypes.get_errno())
        """, expect: [.ok], check: { $0.stdout.hasPrefix("-1 ") }),
    Hostile(id: "H28 bpf", code: """
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        print(libc.syscall(321, 0, None, 0), ctypes.get_errno())
        """, expect: [.ok], check: { $0.stdout == "-1 1\n" }),
    Hostile(id: "mount", code: """
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        print(libc.mount(b"none", b"/tmp", b"tmpfs", 0, None), ctypes.get_errno())
        """, expect: [.ok], check: { $0.stdout == "-1 1\n" }),
    Hostile(id: "setuid back to 0", code: "import os; os.setuid(0)", expect: [.error],
            check: { $0.stderr.contains("PermissionError") }),
    Hostile(id: "H29 raw exit(42) shellcode", code: """
        import ctypes, mmap
        buf = mmap.mmap(-1, 4096, prot=mmap.PROT_READ|mmap.PROT_WRITE|mmap.PROT_EXEC)
        buf.write(bytes([0x48,0xc7,0xc0,0x3c,0,0,0, 0x48,0xc7,0xc7,0x2a,0,0,0, 0x0f,0x05]))
        ctypes.CFUNCTYPE(ctypes.c_int)(ctypes.addressof(ctypes.c_char.from_buffer(buf)))()
        """, expect: [.error], check: { $0.exitCode == 42 }),
    Hostile(id: "H30 i386 int 0x80", code: """
        import ctypes, mmap
        buf = mmap.mmap(-1, 4096, prot=mmap.PROT_READ|mmap.PROT_WRITE|mmap.PROT_EXEC)
        buf.write(bytes([0xb8,0x14,0,0,0,0xcd,0x80,0xc3]))
        print(ctypes.CFUNCTYPE(ctypes.c_int)(ctypes.addressof(ctypes.c_char.from_buffer(buf)))())
        """, expect: [.killed], check: { $0.signal == 31 }),
    // guard bypass / reward hacking
    Hostile(id: "H31 posix.system", code: "import os; os.system=None\nimport posix; posix.system('id -u')", expect: [.ok],
            check: { $0.stdout == "1000\n" }),
    Hostile(id: "H32 subprocess", code: "import subprocess; subprocess.run(['sh','-c','id -u; cat /etc/hostname'])",
            expect: [.ok], check: { $0.stdout == "1000\n" && $0.stderr.contains("No such file") }),
    Hostile(id: "H33 exit 0 before asserts", code: "import sys; sys.exit(0)\nassert False", expect: [.ok],
            check: { $0.exitCode == 0 }),
    // misc
    Hostile(id: "H34 int digit limit", code: "print(len(str(10**200000)))", expect: [.error],
            check: { $0.stderr.contains("ValueError") },
            limits: Shared.slow),
    Hostile(id: "H35 input() with no stdin", code: "print(input())", expect: [.error],
            check: { $0.stderr.contains("EOFError") }),
    Hostile(id: "NUL bytes in source", code: "print(1)\u{0}print(2)", expect: [.error],
            check: { $0.stderr.contains("null bytes") }),
    Hostile(id: "close stdout then exit", code: "import os; os.close(1); os.close(2)", expect: [.ok]),
    Hostile(id: "traceback shows only user code", code: "def g():\n    1/0\ng()", expect: [.error], check: { r in
        r.stderr.contains("File \"main.py\", line 2, in g") && r.stderr.contains("1/0")
            && !r.stderr.contains("zygote") && !r.stderr.contains("r1ci") && r.stderr.hasPrefix("Traceback")
    }),
    Hostile(id: "syntax error", code: "def (:", expect: [.error], check: { $0.stderr.contains("SyntaxError") }),
]

@Suite(.serialized, .enabled(if: Shared.hostSupported)) struct HostileTests {
    @Test(arguments: hostileCases)
    func hostile(_ c: Hostile) async throws {
        let secret = "/tmp/r1ci-test-secret-\(getpid())"
        try "planted".write(toFile: secret, atomically: true, encoding: .utf8)
        defer { unlink(secret) }
        let hostTmpBefore = Host.sandboxFiles(in: "/tmp")

        let r = try await Shared.run(c.code, limits: c.limits)
        #expect(c.expect.contains(r.status), "\(c.id): \(r.status) exit=\(String(describing: r.exitCode)) sig=\(String(describing: r.signal)) stderr=\(r.stderr.suffix(400))")
        #expect(c.check(r), "\(c.id): check failed: \(r)")
        #expect(r.degraded.isEmpty)

        // The host is unaffected: nothing of the run survives, no files, secret intact, next run works.
        #expect(Host.noRunProcessesLeft(), "\(c.id): run processes survived: \(Host.runProcesses())")
        #expect(Host.sandboxFiles(in: "/tmp") == hostTmpBefore)
        #expect((try? String(contentsOfFile: secret, encoding: .utf8)) == "planted")
        let next = try await Shared.run("print(6*7)")
        #expect(next.status == .ok && next.stdout == "42\n", "\(c.id): next run: \(next)")
    }

    @Test func hostSecretOutsideViewIsUnreadable() async throws {
        let dir = "/tmp/r1ci-h18-\(getpid())"
        mkdir(dir, 0o755)
        try "s3cr3t-token".write(toFile: dir + "/secret.txt", atomically: true, encoding: .utf8)
        defer { unlink(dir + "/secret.txt"); rmdir(dir) }
        let r = try await Shared.run("print(open('\(dir)/secret.txt').read())")
        #expect(r.status == .error)
        #expect(!r.stdout.contains("s3cr3t"))
    }

    @Test func sharedTempDirWritesStayPrivate() async throws {
        let name = "r1ci-h17-\(getpid())"
        let r = try await Shared.run("open('/tmp/\(name)','w').write('x'); import os; print(os.path.exists('/tmp/\(name)'))")
        #expect(r.status == .ok && r.stdout == "True\n")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/\(name)"))
        // and the scratch directory is wiped before the next run
        let again = try await Shared.run("import os; print(os.listdir('/tmp'))")
        #expect(again.stdout == "[]\n")
    }

    @Test func hostUnixSocketUnreachable() async throws {
        let path = "/tmp/r1ci-h23-\(getpid()).sock"
        unlink(path)
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        #expect(fd >= 0)
        defer { close(fd); unlink(path) }
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &addr.sun_path) { buf in
            for (i, b) in path.utf8.enumerated() { buf[i] = b }
        }
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        #expect(bound == 0)
        #expect(listen(fd, 4) == 0)
        let r = try await Shared.run("import socket\ns=socket.socket(socket.AF_UNIX)\ns.connect('\(path)')\nprint('connected')")
        #expect(r.status == .error)
        #expect(!r.stdout.contains("connected"))
        #expect(accept(fd, nil, nil) < 0)  // nobody knocked
    }

    @Test func siblingSlotUnaffectedByForkBomb() async throws {
        async let bomb = Shared.run("import os\nwhile True:\n try: os.fork()\n except OSError: pass",
                                    limits: SandboxLimits(wallMs: 4000, memoryMB: 256, processes: 64))
        try await Task.sleep(nanoseconds: 200_000_000)
        let t0 = DispatchTime.now().uptimeNanoseconds
        let ok = try await Shared.run("print('ok')")
        let ms = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
        #expect(ok.status == .ok && ok.stdout == "ok\n")
        #expect(ms < 2500, "sibling took \(ms) ms: it waited for the bomb's deadline")
        let b = try await bomb
        #expect(b.status == .timeout)
        #expect(Host.noRunProcessesLeft())
    }

    @Test func badInputIsRejected() async throws {
        await #expect(throws: SandboxError.self) { try await Shared.sandbox.run(code: [0x70, 0xff, 0xfe, 0x0a]) }
        let big = [UInt8](repeating: 0x23, count: 10 << 20)   // 10 MB of '#'
        await #expect(throws: SandboxError.self) { try await Shared.sandbox.run(code: big) }
        await #expect(throws: SandboxError.self) {
            try await Shared.sandbox.run("print(1)", limits: SandboxLimits(wallMs: 0))
        }
        let r = try await Shared.run("print(1)")
        #expect(r.status == .ok)
    }
}
