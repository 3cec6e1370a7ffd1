// A small safetensors writer for F32 tensors: 8-byte little-endian header
// length, the JSON header {"name": {"dtype": "F32", "shape": […],
// "data_offsets": [begin, end]}, "__metadata__": {"format": "pt"}} padded with
// spaces to a multiple of 8 bytes, then the tensors' bytes back to back in the
// header's order.

import Foundation

public struct SafetensorsTensor {
    public let name: String
    public let shape: [Int]
    public let values: [Float]          // row-major, shape.reduce(1, *) values
    public init(name: String, shape: [Int], values: [Float]) { self.name = name; self.shape = shape; self.values = values }
}

/// Writes `tensors` to `path` (overwriting).
public func writeSafetensors(_ tensors: [SafetensorsTensor], to path: String) throws {
    var header = "{\"__metadata__\":{\"format\":\"pt\"}", offset = 0
    for t in tensors {
        precondition(t.values.count == t.shape.reduce(1, *), "\(t.name): values do not fill its shape")
        let bytes = t.values.count * 4
        let nameJSON = String(decoding: try JSONSerialization.data(withJSONObject: [t.name], options: []), as: UTF8.self).dropFirst().dropLast()
        header += ",\(nameJSON):{\"dtype\":\"F32\",\"shape\":[\(t.shape.map(String.init).joined(separator: ","))],\"data_offsets\":[\(offset),\(offset + bytes)]}"
        offset += bytes
    }
    header += "}"
    while (header.utf8.count + 8) % 8 != 0 { header += " " }
    guard FileManager.default.createFile(atPath: path, contents: nil), let h = FileHandle(forWritingAtPath: path) else {
        throw TrainError("cannot create \(path)")
    }
    defer { try? h.close() }
    var length = UInt64(header.utf8.count).littleEndian
    try h.write(contentsOf: Data(bytes: &length, count: 8))
    try h.write(contentsOf: Data(header.utf8))
    for t in tensors {
        try t.values.withUnsafeBytes { try h.write(contentsOf: Data($0)) }   // little-endian on every supported CPU
    }
}
