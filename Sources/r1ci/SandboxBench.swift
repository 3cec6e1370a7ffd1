// r1ci sandbox bench: throughput and latency of the sandbox next to plain
// subprocess launchers, interleaved round by round on the same machine.

import Foundation
import R1Sandbox

struct BenchRow: Codable {
    var launcher: String
    var program: String
    var requests: Int
    var runsPerSecond: Double
    var p50Ms: Double
    var p99Ms: Double
    var failures: Int

    enum CodingKeys: String, CodingKey {
        case launcher, program, requests, failures
        case runsPerSecond = "runs_per_s"
        case p50Ms = "p50_ms"
        case p99Ms = "p99_ms"
    }
}

enum BenchPrograms {
    static let trivial = "print(1)"
    static let math = """
    import math, itertools
    from fractions import Fraction
    s = sum(math.comb(20, k) * Fraction(1, k + 1) for k in range(21))
    best = max(itertools.permutations(range(6)), key=lambda p: sum(i * v for i, v in enumerate(p)))
    print(s, best, math.isqrt(10**30 + 12345))
    """
}

/// One way of running a program once, timed from the outside.
struct Launcher {
    var name: String
    var argv: ((String) -> [String])?      // nil: the sandbox itself
}

func percentile(_ xs: [Double], _ p: Double) -> Double {
    guard !xs.isEmpty else { return 0 }
    let s = xs.sorted()
    return s[min(s.count - 1, Int((Double(s.count - 1) * p).rounded()))]
}

/// Spawns argv with stdout/stderr to /dev/null and waits; true on exit 0.
func spawnAndWait(_ argv: [String]) -> Bool {
    var pid: pid_t = 0
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let cargs = argv.map { strdup($0) } + [nil]
    defer { cargs.forEach { free($0) } }
    let env: [UnsafeMutablePointer<CChar>?] = [strdup("PATH=/usr/bin:/bin"), strdup("LANG=C.UTF-8"), nil]
    defer { env.forEach { free($0) } }
    guard posix_spawnp(&pid, argv[0], &actions, nil, cargs, env) == 0 else { return false }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    return status == 0
}

/// Runs `count` requests with `workers` in parallel; returns latencies (ms), wall seconds, failures.
func measure(count: Int, workers: Int, _ once: @escaping @Sendable () async -> Bool) async -> ([Double], Double, Int) {
    final class Acc: @unchecked Sendable {
        let lock = NSLock(); var lat: [Double] = []; var fails = 0; var next = 0
        func take(_ count: Int) -> Bool { lock.withLock { if next >= count { return false }; next += 1; return true } }
        func add(_ ms: Double, _ ok: Bool) { lock.withLock { lat.append(ms); if !ok { fails += 1 } } }
    }
    let acc = Acc()
    let t0 = DispatchTime.now().uptimeNanoseconds
    await withTaskGroup(of: Void.self) { group in
        for _ in 0..<workers {
            group.addTask {
                while true {
                    if !acc.take(count) { return }
                    let s = DispatchTime.now().uptimeNanoseconds
                    let ok = await once()
                    let ms = Double(DispatchTime.now().uptimeNanoseconds - s) / 1e6
                    acc.add(ms, ok)
                }
            }
        }
    }
    let secs = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
    return (acc.lat, secs, acc.fails)
}

func which(_ name: String) -> String? {
    for dir in ["/usr/bin", "/bin", "/usr/local/bin", "/usr/sbin"] where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
        return "\(dir)/\(name)"
    }
    return nil
}

/// The benchmark: every launcher × program, `rounds` interleaved rounds, medians of the per-round numbers.
func runSandboxBench(slots: Int, requests: Int, baselineRequests: Int, rounds: Int, preload: [String] = SandboxConfig.standardModules,
                     baselines: Bool = true, prefork: Bool = true, log: (String) -> Void) async throws -> [BenchRow] {
    var config = SandboxConfig(slots: slots, preload: preload)
    config.prefork = prefork
    let sandbox = try Sandbox(config: config)
    defer { Task { await sandbox.shutdown() } }
    let py = sandbox.python
    let limits = SandboxLimits(wallMs: 10_000, memoryMB: 256)
    var launchers = [Launcher(name: "r1ci sandbox (all layers)", argv: nil),
                     Launcher(name: "python3 -S -I subprocess", argv: { [py.executable, "-S", "-I", "-c", $0] })]
    var ro: [String] = ["--ro-bind", "/usr", "/usr"]
    for top in ["bin", "sbin", "lib", "lib64"] {
        if let dest = try? FileManager.default.destinationOfSymbolicLink(atPath: "/\(top)") { ro += ["--symlink", dest, "/\(top)"] }
    }
    if !py.prefix.hasPrefix("/usr") { ro += ["--ro-bind", py.prefix, py.prefix] }
    if !baselines { launchers.removeLast() }
    if baselines, let bwrap = which("bwrap") {
        launchers.append(Launcher(name: "bwrap --unshare-all", argv: {
            [bwrap, "--unshare-all", "--die-with-parent", "--new-session", "--clearenv"] + ro +
                ["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", py.executable, "-S", "-I", "-c", $0]
        }))
    }
    if baselines, let firejail = which("firejail") {
        launchers.append(Launcher(name: "firejail --net=none --seccomp", argv: {
            [firejail, "--quiet", "--noprofile", "--net=none", "--seccomp", py.executable, "-S", "-I", "-c", $0]
        }))
    }
    // Warm up every path once.
    _ = try await sandbox.run(BenchPrograms.math, limits: limits)
    var perRound: [String: [(Double, Double, Double, Int, Int)]] = [:]
    for round in 1...rounds {
        for program in [("trivial", BenchPrograms.trivial), ("math", BenchPrograms.math)] {
            for l in launchers {
                let n = l.argv == nil ? requests : baselineRequests
                let (lat, secs, fails): ([Double], Double, Int)
                if let argv = l.argv {
                    let args = argv(program.1)
                    (lat, secs, fails) = await measure(count: n, workers: slots) {
                        await withCheckedContinuation { c in
                            DispatchQueue.global().async { c.resume(returning: spawnAndWait(args)) }
                        }
                    }
                } else {
                    let code = program.1
                    (lat, secs, fails) = await measure(count: n, workers: slots) {
                        (try? await sandbox.run(code, limits: limits))?.status == .ok
                    }
                }
                let key = "\(l.name)|\(program.0)"
                perRound[key, default: []].append((Double(n) / secs, percentile(lat, 0.5), percentile(lat, 0.99), fails, n))
                log(String(format: "round %d %-32@ %-7@ %7.1f runs/s  p50 %6.2f ms  p99 %6.2f ms  failures %d",
                           round, l.name as NSString, program.0 as NSString, Double(n) / secs,
                           percentile(lat, 0.5), percentile(lat, 0.99), fails))
            }
        }
    }
    var rows: [BenchRow] = []
    for program in ["trivial", "math"] {
        for l in launchers {
            let r = perRound["\(l.name)|\(program)"] ?? []
            func med(_ xs: [Double]) -> Double { percentile(xs, 0.5) }
            rows.append(BenchRow(launcher: l.name, program: program, requests: r.map(\.4).reduce(0, +),
                                 runsPerSecond: med(r.map(\.0)), p50Ms: med(r.map(\.1)), p99Ms: med(r.map(\.2)),
                                 failures: r.map(\.3).reduce(0, +)))
        }
    }
    await sandbox.shutdown()
    return rows
}
