// The seccomp filter, compiled once per process (rules in CSandbox/seccomp_policy.c).

import CSandbox
import Foundation

enum SeccompPolicy {
    /// Raw BPF (struct sock_filter[]) or the reason it could not be built.
    static let compiled: Result<[UInt8], SandboxError> = {
        var out: UnsafeMutablePointer<UInt8>?
        var len = 0
        var err = [CChar](repeating: 0, count: 256)
        let r = csb_seccomp_export(&out, &len, &err, err.count)
        guard r == 0, let out else {
            return .failure(.setup("seccomp: " + String(cString: err)))
        }
        defer { free(out) }
        return .success(Array(UnsafeBufferPointer(start: out, count: len)))
    }()
}
