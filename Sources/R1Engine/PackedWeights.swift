// Weights repacked for the int8 kernels (r1k_pack_new: groups of 16 rows, the
// same bytes per weight as the GGUF blocks), made once on first use and shared
// by every copy of the Weight. Types the packed kernels do not cover (F32, F16,
// BF16, Q5_x, K-quants) stay on the generic matvec/matmul paths.

import Foundation
import R1Kernels

public final class PackedWeight: @unchecked Sendable {
    private var packed: OpaquePointer?
    private var tried = false
    private let lock = NSLock()
    public init() {}
    deinit { r1k_pack_free(packed) }

    /// The packed copy of `w`, or nil when its type has no packed kernels.
    func get(_ w: Weight) -> OpaquePointer? {
        lock.lock(); defer { lock.unlock() }
        if !tried {
            tried = true
            if r1k_pack_supported(w.type) != 0 && w.cols % 32 == 0 {
                packed = r1k_pack_new(w.type, w.data, Int64(w.rows), Int64(w.cols))
                // The mapped GGUF bytes are not read again by the int8 path: give their pages back.
                if packed != nil { r1k_release_source(w.data, Int64(w.rows * w.rowBytes)) }
            }
        }
        return packed
    }
}

extension Weight {
    /// The packed copy for int8 products (nil: use the generic kernels).
    var packed: OpaquePointer? { packedBox.get(self) }
}
