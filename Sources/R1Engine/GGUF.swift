// GGUF reader: header → metadata → tensor infos → aligned data, memory-mapped.
// Layout: reference/engine.md §1 (after ggml docs/gguf.md). Every read is
// bounds-checked, so a truncated or corrupt file gives a GGUFError, never a crash.

import Foundation
import R1Kernels

public struct GGUFError: Error, CustomStringConvertible, Equatable {
    public let description: String
    init(_ d: String) { description = d }
}

/// One metadata value (all 13 GGUF value types).
public indirect enum GGUFValue: Equatable, Sendable {
    case u8(UInt8), i8(Int8), u16(UInt16), i16(Int16), u32(UInt32), i32(Int32)
    case f32(Float), bool(Bool), string(String), u64(UInt64), i64(Int64), f64(Double)
    case array([GGUFValue])

    public var int: Int? {
        switch self {
        case .u8(let v): Int(v)
        case .i8(let v): Int(v)
        case .u16(let v): Int(v)
        case .i16(let v): Int(v)
        case .u32(let v): Int(v)
        case .i32(let v): Int(v)
        case .u64(let v): v <= UInt64(Int.max) ? Int(v) : nil
        case .i64(let v): Int(v)
        case .bool(let v): v ? 1 : 0
        default: nil
        }
    }
    public var double: Double? {
        switch self {
        case .f32(let v): Double(v)
        case .f64(let v): v
        default: int.map(Double.init)
        }
    }
    public var string: String? { if case .string(let s) = self { s } else { nil } }
    public var bool: Bool? { if case .bool(let b) = self { b } else { int.map { $0 != 0 } } }
    public var array: [GGUFValue]? { if case .array(let a) = self { a } else { nil } }

    /// A short rendering for listings (arrays summarised).
    public var summary: String {
        switch self {
        case .string(let s): return s.count > 60 ? "\"\(s.prefix(60))…\"" : "\"\(s)\""
        case .array(let a): return "[\(a.count) items]"
        case .f32(let v): return "\(v)"
        case .f64(let v): return "\(v)"
        case .bool(let b): return "\(b)"
        default: return int.map { "\($0)" } ?? "?"
        }
    }
}

/// A tensor's place in the file. `shape` is ne0-first (ne0 = contiguous dim).
public struct GGUFTensorInfo: Sendable {
    public let name: String
    public let shape: [Int]
    public let type: Int32
    public let offset: Int          // relative to the data section
    public let byteCount: Int
    public var elementCount: Int { shape.reduce(1, *) }
}

/// A GGUF file, memory-mapped read-only (or held in memory when given bytes).
public final class GGUFFile: @unchecked Sendable {
    public let version: UInt32
    public let metadata: [String: GGUFValue]
    public let metadataOrder: [String]
    public let tensors: [GGUFTensorInfo]
    public let dataOffset: Int
    public let alignment: Int
    private let tensorIndex: [String: Int]
    private let base: UnsafeRawPointer
    private let size: Int
    private let unmap: (() -> Void)?

    /// Maps and parses the file at `path`.
    public convenience init(path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw GGUFError("cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw GGUFError("cannot stat \(path)") }
        let size = Int(st.st_size)
        guard size > 0 else { throw GGUFError("\(path): empty file, not GGUF") }
        guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else {
            throw GGUFError("cannot map \(path)")
        }
        try self.init(base: UnsafeRawPointer(p), size: size, unmap: { munmap(p, size) })
    }

    /// Parses GGUF bytes held in memory (copied).
    public convenience init(bytes: [UInt8]) throws {
        let n = max(bytes.count, 1)
        let p = UnsafeMutableRawPointer.allocate(byteCount: n, alignment: 64)
        bytes.withUnsafeBytes { if let b = $0.baseAddress { p.copyMemory(from: b, byteCount: bytes.count) } }
        try self.init(base: UnsafeRawPointer(p), size: bytes.count, unmap: { p.deallocate() })
    }

    private init(base: UnsafeRawPointer, size: Int, unmap: @escaping () -> Void) throws {
        var r = Reader(base: base, size: size)
        do {
            let magic = try r.u32()
            guard magic == 0x4655_4747 else { throw GGUFError("not a GGUF file (bad magic)") }
            let version = try r.u32()
            guard version == 2 || version == 3 else { throw GGUFError("unsupported GGUF version \(version)") }
            let nTensors = try r.u64(), nKV = try r.u64()
            // Every KV needs ≥ 13 bytes and every tensor info ≥ 28: reject absurd counts early.
            guard nKV <= UInt64(size / 13), nTensors <= UInt64(size / 28) else {
                throw GGUFError("corrupt header: \(nKV) metadata pairs / \(nTensors) tensors cannot fit in \(size) bytes")
            }
            var meta: [String: GGUFValue] = [:], order: [String] = []
            for _ in 0..<Int(nKV) {
                let key = try r.string()
                let t = try r.u32()
                let v = try r.value(type: t, depth: 0)
                if meta[key] == nil { order.append(key) }
                meta[key] = v
            }
            var alignment = 32
            if let a = meta["general.alignment"] {
                guard let ai = a.int, ai > 0, ai & (ai - 1) == 0, ai <= 1 << 20 else {
                    throw GGUFError("bad general.alignment \(a.summary)")
                }
                alignment = ai
            }
            var infos: [(String, [Int], Int32, UInt64)] = []
            for _ in 0..<Int(nTensors) {
                let name = try r.string()
                let nd = try r.u32()
                guard nd >= 1 && nd <= 4 else { throw GGUFError("tensor \(name): \(nd) dimensions (1…4 allowed)") }
                var shape: [Int] = []
                for _ in 0..<nd {
                    let d = try r.u64()
                    guard d > 0 && d < 1 << 40 else { throw GGUFError("tensor \(name): bad dimension \(d)") }
                    shape.append(Int(d))
                }
                let type = try r.u32()
                let off = try r.u64()
                infos.append((name, shape, Int32(bitPattern: type), off))
            }
            let dataOffset = (r.pos + alignment - 1) / alignment * alignment
            var tensors: [GGUFTensorInfo] = [], index: [String: Int] = [:]
            for (name, shape, type, off) in infos {
                let be = Int(r1k_block_elems(type)), bb = Int(r1k_block_bytes(type))
                guard be > 0 else { throw GGUFError("tensor \(name): unknown ggml type \(type)") }
                var n = 1
                for d in shape {
                    let (m, o) = n.multipliedReportingOverflow(by: d)
                    guard !o, m < 1 << 44 else { throw GGUFError("tensor \(name): too many elements") }
                    n = m
                }
                guard shape[0] % be == 0 else { throw GGUFError("tensor \(name): row length \(shape[0]) is not a multiple of the block size \(be)") }
                let bytes = n / be * bb
                guard off % UInt64(alignment) == 0 else { throw GGUFError("tensor \(name): offset \(off) not aligned to \(alignment)") }
                guard off <= UInt64(size), dataOffset + Int(off) + bytes <= size else {
                    throw GGUFError("tensor \(name): data (offset \(off), \(bytes) bytes) runs past the end of the file (\(size) bytes); truncated?")
                }
                guard index[name] == nil else { throw GGUFError("duplicate tensor name \(name)") }
                index[name] = tensors.count
                tensors.append(GGUFTensorInfo(name: name, shape: shape, type: type, offset: Int(off), byteCount: bytes))
            }
            self.version = version
            self.metadata = meta
            self.metadataOrder = order
            self.tensors = tensors
            self.tensorIndex = index
            self.dataOffset = dataOffset
            self.alignment = alignment
            self.base = base
            self.size = size
            self.unmap = unmap
        } catch {
            unmap()
            throw error
        }
    }

    deinit { unmap?() }

    public var fileSize: Int { size }
    public func tensor(_ name: String) -> GGUFTensorInfo? { tensorIndex[name].map { tensors[$0] } }
    /// Pointer to a tensor's first byte (valid while this object lives).
    public func data(_ t: GGUFTensorInfo) -> UnsafeRawPointer { base + dataOffset + t.offset }

    /// The tensor dequantized to f32 (shape ne0-first, row-major in memory order).
    public func floats(_ t: GGUFTensorInfo) throws -> [Float] {
        guard r1k_type_supported(t.type) != 0 else { throw GGUFError("tensor \(t.name): type \(ggmlTypeName(t.type)) cannot be dequantized") }
        var out = [Float](repeating: 0, count: t.elementCount)
        let rc = out.withUnsafeMutableBufferPointer { r1k_dequantize_row(t.type, data(t), $0.baseAddress, Int64(t.elementCount)) }
        guard rc == 0 else { throw GGUFError("tensor \(t.name): dequantization failed") }
        return out
    }

    public subscript(key: String) -> GGUFValue? { metadata[key] }
}

public func ggmlTypeName(_ t: Int32) -> String {
    switch t {
    case 0: "F32"; case 1: "F16"; case 2: "Q4_0"; case 3: "Q4_1"; case 6: "Q5_0"; case 7: "Q5_1"
    case 8: "Q8_0"; case 9: "Q8_1"; case 10: "Q2_K"; case 11: "Q3_K"; case 12: "Q4_K"; case 13: "Q5_K"
    case 14: "Q6_K"; case 15: "Q8_K"; case 30: "BF16"; default: "type\(t)"
    }
}

/// A bounds-checked little-endian cursor.
private struct Reader {
    let base: UnsafeRawPointer
    let size: Int
    var pos = 0

    mutating func bytes(_ n: Int) throws -> UnsafeRawPointer {
        guard n >= 0, n <= size - pos else { throw GGUFError("truncated file: needed \(n) bytes at offset \(pos), file has \(size)") }
        defer { pos += n }
        return base + pos
    }
    mutating func load<T: FixedWidthInteger>(_: T.Type) throws -> T {
        let p = try bytes(MemoryLayout<T>.size)
        return T(littleEndian: p.loadUnaligned(as: T.self))
    }
    mutating func u32() throws -> UInt32 { try load(UInt32.self) }
    mutating func u64() throws -> UInt64 { try load(UInt64.self) }
    mutating func string() throws -> String {
        let n = try u64()
        guard n <= UInt64(size - pos) else { throw GGUFError("truncated file: string of \(n) bytes at offset \(pos)") }
        let p = try bytes(Int(n))
        return String(decoding: UnsafeRawBufferPointer(start: p, count: Int(n)), as: UTF8.self)
    }
    mutating func value(type: UInt32, depth: Int) throws -> GGUFValue {
        switch type {
        case 0: return .u8(try load(UInt8.self))
        case 1: return .i8(try load(Int8.self))
        case 2: return .u16(try load(UInt16.self))
        case 3: return .i16(try load(Int16.self))
        case 4: return .u32(try load(UInt32.self))
        case 5: return .i32(try load(Int32.self))
        case 6: return .f32(Float(bitPattern: try load(UInt32.self)))
        case 7:
            let b = try load(UInt8.self)
            guard b <= 1 else { throw GGUFError("bad bool value \(b) at offset \(pos - 1)") }
            return .bool(b == 1)
        case 8: return .string(try string())
        case 9:
            guard depth == 0 else { throw GGUFError("nested arrays are not supported (offset \(pos))") }
            let et = try u32()
            let n = try u64()
            guard n <= UInt64(size - pos) else { throw GGUFError("truncated file: array of \(n) items at offset \(pos)") }
            var items: [GGUFValue] = []
            items.reserveCapacity(Int(n))
            for _ in 0..<Int(n) { items.append(try value(type: et, depth: depth + 1)) }
            return .array(items)
        case 10: return .u64(try load(UInt64.self))
        case 11: return .i64(try load(Int64.self))
        case 12: return .f64(Double(bitPattern: try load(UInt64.self)))
        default: throw GGUFError("unknown metadata value type \(type) at offset \(pos - 4)")
        }
    }
}
