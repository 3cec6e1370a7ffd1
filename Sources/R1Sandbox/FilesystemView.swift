// The zygote's filesystem: which host paths appear (read-only) inside.

import CSandbox
import Foundation

/// The read-only view: /usr, the Python install, the loader cache, a few
/// device nodes, a fresh /proc, and a writable size-capped scratch /tmp.
struct FilesystemView {
    struct Bind { var source: String; var target: String; var isFile: Bool; var device: Bool }
    var dirs: [String] = []        // inside paths
    var symlinks: [(String, String)] = []  // (link target, inside path)
    var binds: [Bind] = []         // target = inside path
    var scratchMB: Int

    init(python: PythonInstall, scratchMB: Int) {
        self.scratchMB = scratchMB
        let fm = FileManager.default
        dirs = ["/usr", "/etc", "/dev", "/proc", "/tmp"]
        binds.append(Bind(source: "/usr", target: "/usr", isFile: false, device: false))
        // Merged-/usr hosts have /bin -> usr/bin etc.: copy the links; else bind.
        for top in ["bin", "sbin", "lib", "lib32", "lib64", "libx32"] {
            let host = "/\(top)"
            if let dest = try? fm.destinationOfSymbolicLink(atPath: host) {
                symlinks.append((dest, host))
            } else {
                var isDir: ObjCBool = false
                if fm.fileExists(atPath: host, isDirectory: &isDir), isDir.boolValue {
                    binds.append(Bind(source: host, target: host, isFile: false, device: false))
                }
            }
        }
        func under(_ p: String, _ root: String) -> Bool { p == root || p.hasPrefix(root + "/") }
        var extra = [python.prefix]
        for s in python.sitePaths where !extra.contains(where: { under(s, $0) }) { extra.append(s) }
        let execDir = (python.executable as NSString).deletingLastPathComponent
        if !extra.contains(where: { under(execDir, $0) }) { extra.append(execDir) }
        for p in extra where !under(p, "/usr") {
            // Create the parents inside, then bind the directory at the same path.
            var parent = ""
            for comp in p.split(separator: "/").dropLast() {
                parent += "/\(comp)"
                if !dirs.contains(parent) { dirs.append(parent) }
            }
            binds.append(Bind(source: p, target: p, isFile: false, device: false))
        }
        if fm.fileExists(atPath: "/etc/ld.so.cache") {
            binds.append(Bind(source: "/etc/ld.so.cache", target: "/etc/ld.so.cache", isFile: true, device: false))
        }
        if let tz = try? fm.destinationOfSymbolicLink(atPath: "/etc/localtime") { symlinks.append((tz, "/etc/localtime")) }
        for dev in ["null", "zero", "full", "random", "urandom"] where fm.fileExists(atPath: "/dev/\(dev)") {
            binds.append(Bind(source: "/dev/\(dev)", target: "/dev/\(dev)", isFile: true, device: true))
        }
        symlinks += [("/proc/self/fd", "/dev/fd"), ("/proc/self/fd/0", "/dev/stdin"),
                     ("/proc/self/fd/1", "/dev/stdout"), ("/proc/self/fd/2", "/dev/stderr")]
    }
}

/// C strings that live as long as the arena (for csb_zygote_spec).
final class CStringArena {
    private var owned: [UnsafeMutablePointer<CChar>] = []
    func add(_ s: String) -> UnsafeMutablePointer<CChar> {
        let p = strdup(s)!
        owned.append(p)
        return p
    }
    /// A NULL-terminated array of C strings, freed with the arena.
    func array(_ items: [String]) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> {
        let arr = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: items.count + 1)
        for (i, s) in items.enumerated() { arr[i] = add(s) }
        arr[items.count] = nil
        arrays.append(arr)
        return arr
    }
    private var arrays: [UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>] = []
    deinit {
        owned.forEach { free($0) }
        arrays.forEach { $0.deallocate() }
    }
}
