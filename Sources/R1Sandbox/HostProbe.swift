// What isolation this host can give, measured at start-up.

import CSandbox
import Foundation

/// The isolation layers, each either present or missing on this host.
struct HostLayers {
    var userNamespace = false
    var namespaces = false          // pid, mount, net, ipc, uts, cgroup
    var seccomp: [UInt8]? = nil
    var cgroups = CgroupLayout()

    static func probe() -> HostLayers {
        var l = HostLayers()
        l.userNamespace = csb_probe_namespaces(1) == 0
        l.namespaces = l.userNamespace || csb_probe_namespaces(0) == 0
        if case .success(let bpf) = SeccompPolicy.compiled { l.seccomp = bpf }
        l.cgroups = CgroupLayout.detect()
        return l
    }

    /// Names of the missing layers, as reported in results.
    var missing: [String] {
        var m: [String] = []
        if !namespaces { m.append("namespaces") }
        if !userNamespace { m.append("user namespace") }
        if seccomp == nil { m.append("seccomp") }
        if !cgroups.hasMemory { m.append("memory cgroup") }
        if !cgroups.hasPids { m.append("pids cgroup") }
        if !cgroups.hasKill { m.append("cgroup kill") }
        return m
    }
}
