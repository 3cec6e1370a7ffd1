// GGUF v3 writer (layout: reference/engine.md §1): header, metadata, tensor
// infos, padding to the alignment, then each tensor's data padded to the
// alignment. Tensor data is produced one tensor at a time by a closure, so a
// model never has to sit in memory twice. Written to a temporary file beside
// the target and renamed into place, so a failure leaves no partial file.

import Foundation
import R1Kernels

public struct GGUFWriter {
    /// One tensor to write: `fill` writes exactly byteCount bytes into the buffer it gets.
    public struct Tensor {
        public let name: String
        public let shape: [Int]          // ne0-first
        public let type: Int32
        public let fill: (UnsafeMutableRawPointer) throws -> Void
        public init(name: String, shape: [Int], type: Int32, fill: @escaping (UnsafeMutableRawPointer) throws -> Void) {
            self.name = name; self.shape = shape; self.type = type; self.fill = fill
        }
        public var byteCount: Int {
            shape.reduce(1, *) / Int(r1k_block_elems(type)) * Int(r1k_block_bytes(type))
        }
    }

    public var metadata: [(key: String, value: GGUFValue)] = []
    public var tensors: [Tensor] = []
    public let alignment = 32

    public init() {}

    public mutating func add(_ key: String, _ value: GGUFValue) { metadata.append((key, value)) }

    /// Writes the file; returns its size in bytes.
    @discardableResult
    public func write(to path: String) throws -> Int {
        for t in tensors {
            let be = Int(r1k_block_elems(t.type))
            guard be > 0, let ne0 = t.shape.first, ne0 % be == 0, t.shape.allSatisfy({ $0 > 0 }) else {
                throw EngineError("cannot write tensor \(t.name): shape \(t.shape) does not fit type \(ggmlTypeName(t.type))")
            }
        }
        var head = Bytes()
        head.u32(0x4655_4747); head.u32(3); head.u64(UInt64(tensors.count)); head.u64(UInt64(metadata.count))
        for (k, v) in metadata { head.string(k); head.value(v, tagged: true) }
        var offset = 0
        for t in tensors {
            head.string(t.name); head.u32(UInt32(t.shape.count))
            for d in t.shape { head.u64(UInt64(d)) }
            head.u32(UInt32(bitPattern: t.type)); head.u64(UInt64(offset))
            offset += padded(t.byteCount)
        }
        head.b += [UInt8](repeating: 0, count: padded(head.b.count) - head.b.count)

        let tmp = path + ".part-\(getpid())"
        guard FileManager.default.createFile(atPath: tmp, contents: nil), let fh = FileHandle(forWritingAtPath: tmp) else {
            throw EngineError("cannot create \(tmp)")
        }
        do {
            try fh.write(contentsOf: head.b)
            for t in tensors {
                let n = padded(t.byteCount)
                let buf = UnsafeMutableRawPointer.allocate(byteCount: max(n, 1), alignment: 64)
                defer { buf.deallocate() }
                buf.initializeMemory(as: UInt8.self, repeating: 0, count: n)
                try t.fill(buf)
                try fh.write(contentsOf: Data(bytesNoCopy: buf, count: n, deallocator: .none))
            }
            try fh.close()
            guard rename(tmp, path) == 0 else { throw EngineError("cannot rename \(tmp) to \(path): \(String(cString: strerror(errno)))") }
        } catch {
            try? fh.close()
            unlink(tmp)
            throw error
        }
        return head.b.count + offset
    }

    private func padded(_ n: Int) -> Int { (n + alignment - 1) / alignment * alignment }
}

/// Little-endian GGUF encodings.
private struct Bytes {
    var b: [UInt8] = []
    mutating func raw<T: FixedWidthInteger>(_ v: T) { withUnsafeBytes(of: v.littleEndian) { b += $0 } }
    mutating func u32(_ v: UInt32) { raw(v) }
    mutating func u64(_ v: UInt64) { raw(v) }
    mutating func string(_ s: String) { u64(UInt64(s.utf8.count)); b += Array(s.utf8) }

    static func typeId(_ v: GGUFValue) -> UInt32 {
        switch v {
        case .u8: 0; case .i8: 1; case .u16: 2; case .i16: 3; case .u32: 4; case .i32: 5; case .f32: 6
        case .bool: 7; case .string: 8; case .array: 9; case .u64: 10; case .i64: 11; case .f64: 12
        }
    }

    /// A value, preceded by its type id when `tagged` (array elements are not).
    mutating func value(_ v: GGUFValue, tagged: Bool) {
        if tagged { u32(Self.typeId(v)) }
        switch v {
        case .u8(let x): raw(x)
        case .i8(let x): raw(x)
        case .u16(let x): raw(x)
        case .i16(let x): raw(x)
        case .u32(let x): raw(x)
        case .i32(let x): raw(x)
        case .f32(let x): raw(x.bitPattern)
        case .bool(let x): b.append(x ? 1 : 0)
        case .string(let s): string(s)
        case .u64(let x): raw(x)
        case .i64(let x): raw(x)
        case .f64(let x): raw(x.bitPattern)
        case .array(let items):
            u32(items.first.map(Self.typeId) ?? 8)   // an empty array is written as strings
            u64(UInt64(items.count))
            for i in items { value(i, tagged: false) }
        }
    }
}
