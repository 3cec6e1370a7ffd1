// TensorBoard event files, written and read without TensorFlow.
//
// File: records in TFRecord framing, repeated to the end:
//   UInt64 LE length · UInt32 LE masked CRC-32C of those 8 bytes · payload · UInt32 LE masked CRC-32C of the payload
//   masked(crc) = ((crc >> 15) | (crc << 17)) &+ 0xA282EAD8
// Payload: a protobuf `Event` — wall_time double (field 1), step int64 (2),
// file_version string (3, first record "brain.Event:2") or summary (5).
// `Summary`: repeated value (1); `Summary.Value`: tag (1) and simple_value float (2),
// or tensor (8, a TensorProto: dtype 1, tensor_content 4, float_val 5, double_val 6) as
// newer writers use. The writer writes simple_value; the reader takes both.

import Foundation

/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), bytewise with a table.
enum CRC32C {
    static let table: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = (c & 1) != 0 ? (c >> 1) ^ 0x82F6_3B78 : c >> 1 }
        return c
    }
    static func checksum<C: Collection>(_ bytes: C) -> UInt32 where C.Element == UInt8 {
        var crc: UInt32 = 0xFFFF_FFFF
        for b in bytes { crc = table[Int((crc ^ UInt32(b)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
    static func masked<C: Collection>(_ bytes: C) -> UInt32 where C.Element == UInt8 {
        let c = checksum(bytes)
        return ((c >> 15) | (c << 17)) &+ 0xA282_EAD8
    }
}

/// A minimal protobuf encoder: the wire types Event needs.
struct ProtoWriter {
    var bytes: [UInt8] = []
    mutating func varint(_ v: UInt64) {
        var v = v
        while v >= 0x80 { bytes.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
        bytes.append(UInt8(v))
    }
    mutating func key(_ field: Int, _ wire: Int) { varint(UInt64(field << 3 | wire)) }
    mutating func double(_ field: Int, _ v: Double) { key(field, 1); littleEndian(v.bitPattern) }
    mutating func float(_ field: Int, _ v: Float) { key(field, 5); littleEndian(v.bitPattern) }
    mutating func int64(_ field: Int, _ v: Int64) { key(field, 0); varint(UInt64(bitPattern: v)) }
    mutating func bytes(_ field: Int, _ b: [UInt8]) { key(field, 2); varint(UInt64(b.count)); bytes += b }
    mutating func littleEndian<T: FixedWidthInteger>(_ v: T) { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
}

/// Writes one events file per writer in `directory` (created): a file_version record, then one record per step.
public final class TensorBoardSink: MetricsSink {
    let handle: FileHandle
    public let url: URL

    public init(directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let host = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "localhost"
        let now = Date().timeIntervalSince1970
        url = directory.appendingPathComponent("events.out.tfevents.\(Int(now)).\(host).\(getpid())")
        FileManager.default.createFile(atPath: url.path, contents: nil)
        guard let h = try? FileHandle(forWritingTo: url) else { throw TrainError("cannot write \(url.path)") }
        handle = h
        var event = ProtoWriter()
        event.double(1, now)
        event.bytes(3, Array("brain.Event:2".utf8))
        try handle.write(contentsOf: TensorBoardSink.record(event.bytes))
    }
    deinit { try? handle.close() }

    /// TFRecord framing of one payload.
    static func record(_ payload: [UInt8]) -> Data {
        var w = ProtoWriter()
        w.littleEndian(UInt64(payload.count))
        let lengthBytes = w.bytes
        w.littleEndian(CRC32C.masked(lengthBytes))
        w.bytes += payload
        w.littleEndian(CRC32C.masked(payload))
        return Data(w.bytes)
    }

    public func record(step: Int, wallTime: Double, values: [String: Double]) throws {
        var summary = ProtoWriter()
        for (tag, value) in values.sorted(by: { $0.key < $1.key }) {
            var v = ProtoWriter()
            v.bytes(1, Array(tag.utf8))
            v.float(2, Float(value))
            summary.bytes(1, v.bytes)
        }
        var event = ProtoWriter()
        event.double(1, wallTime)
        event.int64(2, Int64(step))
        event.bytes(5, summary.bytes)
        try handle.write(contentsOf: TensorBoardSink.record(event.bytes))
    }
}

/// One scalar read from a metrics file.
public struct ScalarPoint: Sendable, Equatable {
    public let step: Int, name: String, value: Double, wallTime: Double
}

/// Reads the scalars of a TensorBoard event file, checking both CRCs of every record.
public func readTensorBoardEvents(_ path: String) throws -> [ScalarPoint] {
    guard let data = FileManager.default.contents(atPath: path) else { throw TrainError("cannot read \(path)") }
    let b = [UInt8](data)
    var out: [ScalarPoint] = [], at = 0, index = 0
    func le<T: FixedWidthInteger>(_ offset: Int, _: T.Type) -> T {
        var v: T = 0
        for k in 0..<MemoryLayout<T>.size { v |= T(b[offset + k]) << (8 * k) }
        return v
    }
    while at < b.count {
        guard at + 12 <= b.count else { throw TrainError("\(path): record \(index) is cut short") }
        let length = Int(le(at, UInt64.self))
        guard le(at + 8, UInt32.self) == CRC32C.masked(b[at..<(at + 8)]) else { throw TrainError("\(path): record \(index) has a bad length checksum") }
        guard length <= b.count - at - 16 else { throw TrainError("\(path): record \(index) is cut short") }
        let payload = b[(at + 12)..<(at + 12 + length)]
        guard le(at + 12 + length, UInt32.self) == CRC32C.masked(payload) else { throw TrainError("\(path): record \(index) has a bad data checksum") }
        out += try eventScalars(Array(payload), path: path)
        at += 16 + length; index += 1
    }
    return out
}

/// A protobuf message's fields: (field number, wire type, varint or fixed value, bytes for length-delimited).
struct ProtoField { let number: Int, wire: Int, scalar: UInt64, bytes: ArraySlice<UInt8> }

func protoFields(_ b: [UInt8]) throws -> [ProtoField] {
    var i = 0, out: [ProtoField] = []
    func varint() throws -> UInt64 {
        var v: UInt64 = 0, shift: UInt64 = 0
        while true {
            guard i < b.count, shift < 64 else { throw TrainError("bad protobuf varint") }
            let byte = b[i]; i += 1
            v |= UInt64(byte & 0x7F) << shift; shift += 7
            if byte < 0x80 { return v }
        }
    }
    func fixed(_ n: Int) throws -> UInt64 {
        guard i + n <= b.count else { throw TrainError("protobuf field cut short") }
        var v: UInt64 = 0
        for k in 0..<n { v |= UInt64(b[i + k]) << (8 * UInt64(k)) }
        i += n; return v
    }
    while i < b.count {
        let key = try varint(), number = Int(key >> 3), wire = Int(key & 7)
        switch wire {
        case 0: out.append(ProtoField(number: number, wire: 0, scalar: try varint(), bytes: []))
        case 1: out.append(ProtoField(number: number, wire: 1, scalar: try fixed(8), bytes: []))
        case 5: out.append(ProtoField(number: number, wire: 5, scalar: try fixed(4), bytes: []))
        case 2:
            let n = Int(try varint())
            guard n >= 0, i + n <= b.count else { throw TrainError("protobuf field cut short") }
            out.append(ProtoField(number: number, wire: 2, scalar: 0, bytes: b[i..<(i + n)])); i += n
        default: throw TrainError("unsupported protobuf wire type \(wire)")
        }
    }
    return out
}

func eventScalars(_ payload: [UInt8], path: String) throws -> [ScalarPoint] {
    let fields: [ProtoField]
    do { fields = try protoFields(payload) } catch { throw TrainError("\(path): not a TensorBoard event file (\(error))") }
    var wall = 0.0, step = 0, summaries: [ArraySlice<UInt8>] = []
    for f in fields {
        switch (f.number, f.wire) {
        case (1, 1): wall = Double(bitPattern: f.scalar)
        case (2, 0): step = Int(Int64(bitPattern: f.scalar))
        case (5, 2): summaries.append(f.bytes)
        default: break
        }
    }
    var out: [ScalarPoint] = []
    for s in summaries {
        for value in try protoFields(Array(s)) where value.number == 1 && value.wire == 2 {
            var tag = "", number: Double?
            for f in try protoFields(Array(value.bytes)) {
                switch (f.number, f.wire) {
                case (1, 2): tag = String(decoding: f.bytes, as: UTF8.self)
                case (2, 5): number = Double(Float(bitPattern: UInt32(f.scalar)))
                case (8, 2): number = try tensorScalar(Array(f.bytes))
                default: break
                }
            }
            if let number, !tag.isEmpty { out.append(ScalarPoint(step: step, name: tag, value: number, wallTime: wall)) }
        }
    }
    return out
}

/// The value of a rank-0 float or double TensorProto, nil for other tensors.
func tensorScalar(_ b: [UInt8]) throws -> Double? {
    var dtype = 0
    var value: Double?
    for f in try protoFields(b) {
        switch (f.number, f.wire) {
        case (1, 0): dtype = Int(f.scalar)
        case (4, 2):   // tensor_content: raw little-endian values
            let raw = Array(f.bytes)
            if raw.count == 4 { value = Double(Float(bitPattern: raw.withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }.littleEndian)) }
            if raw.count == 8 { value = Double(bitPattern: raw.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }.littleEndian) }
        case (5, 5): value = Double(Float(bitPattern: UInt32(f.scalar)))
        case (5, 2) where f.bytes.count >= 4:   // packed float_val
            value = Double(Float(bitPattern: Array(f.bytes.prefix(4)).withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }.littleEndian))
        case (6, 1): value = Double(bitPattern: f.scalar)
        case (6, 2) where f.bytes.count >= 8:   // packed double_val
            value = Double(bitPattern: Array(f.bytes.prefix(8)).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }.littleEndian)
        default: break
        }
    }
    // DT_FLOAT = 1, DT_DOUBLE = 2.
    return dtype == 1 || dtype == 2 ? value : nil
}

/// A verl JSONL file or a TensorBoard event file (by name: `events.out.tfevents.*`), as scalars.
public func readForeignMetrics(_ path: String) throws -> [ScalarPoint] {
    if URL(fileURLWithPath: path).lastPathComponent.hasPrefix("events.out.tfevents") { return try readTensorBoardEvents(path) }
    let now = Date().timeIntervalSince1970   // the file has no times: the import time
    return try readVerlJSONL(path).map { ScalarPoint(step: $0.step, name: $0.name, value: $0.value, wallTime: now) }
}
