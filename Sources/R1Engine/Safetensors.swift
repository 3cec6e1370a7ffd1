// safetensors reader (huggingface/safetensors README): an 8-byte little-endian
// header length N, N bytes of JSON
//   {"name": {"dtype": "BF16", "shape": [rows, cols], "data_offsets": [begin, end]},
//    "__metadata__": {"key": "value"}}
// then raw row-major data; offsets count from byte 8 + N. Memory-mapped. Every
// length, offset and size is checked against the file before use, so a corrupt
// file gives one EngineError naming the problem, never a crash.

import Foundation
import R1Kernels

/// One tensor's entry in a safetensors header. `shape` is row-major as stored
/// (the last dimension is contiguous).
public struct SafetensorsEntry: Sendable, Equatable {
    public let name: String
    public let dtype: String
    public let shape: [Int]
    public let begin: Int           // byte offsets relative to the data section
    public let end: Int
}

public final class SafetensorsFile: @unchecked Sendable {
    /// Element sizes of the dtypes the format defines; only F32, F16 and BF16 load.
    static let dtypeBytes: [String: Int] = [
        "F64": 8, "F32": 4, "F16": 2, "BF16": 2, "I64": 8, "I32": 4, "I16": 2, "I8": 1,
        "U64": 8, "U32": 4, "U16": 2, "U8": 1, "BOOL": 1, "F8_E4M3": 1, "F8_E5M2": 1,
    ]
    static let ggmlType: [String: Int32] = ["F32": Int32(R1K_F32), "F16": Int32(R1K_F16), "BF16": Int32(R1K_BF16)]
    /// The reference implementation refuses headers over 100 MB.
    static let maxHeaderBytes = 100 << 20

    public let path: String
    public let entries: [String: SafetensorsEntry]
    public let metadata: [String: String]
    public let dataOffset: Int
    private let file: MappedFile
    private var alignedCopies: [UnsafeMutableRawPointer] = []
    private let lock = NSLock()

    public var tensorNames: [String] { entries.keys.sorted() }
    public var fileSize: Int { file.size }

    public convenience init(path: String) throws {
        try self.init(file: MappedFile(path: path), path: path)
    }

    /// Parses safetensors bytes held in memory (copied); `path` names them in messages.
    public convenience init(bytes: [UInt8], path: String = "<memory>") throws {
        try self.init(file: MappedFile(bytes: bytes), path: path)
    }

    private init(file: MappedFile, path: String) throws {
        self.file = file
        self.path = path
        let size = file.size
        func fail(_ why: String) -> EngineError { EngineError("\(path): \(why)") }
        guard size >= 8 else { throw fail("truncated file: \(size) bytes, not even the 8-byte header length") }
        let n64 = UInt64(littleEndian: file.base.loadUnaligned(as: UInt64.self))
        guard n64 <= UInt64(Self.maxHeaderBytes) else { throw fail("header length \(n64) is larger than the 100 MB limit; not a safetensors file?") }
        let n = Int(n64)
        guard n >= 2 else { throw fail("header length \(n) is too small for a JSON object") }
        guard n <= size - 8 else { throw fail("truncated file: header of \(n) bytes but only \(size - 8) follow the length") }
        let header = Data(bytes: file.base + 8, count: n)
        guard header.first == UInt8(ascii: "{") else { throw fail("header does not start with '{'; not a safetensors file") }
        let json: Any
        do { json = try JSONSerialization.jsonObject(with: header) } catch { throw fail("header is not valid JSON") }
        guard let root = json as? [String: Any] else { throw fail("header is not a JSON object") }

        dataOffset = 8 + n
        let dataSize = size - dataOffset
        var meta: [String: String] = [:]
        var entries: [String: SafetensorsEntry] = [:]
        for (name, value) in root {
            if name == "__metadata__" {
                guard let m = value as? [String: Any] else { throw fail("__metadata__ is not an object") }
                for (k, v) in m {
                    guard let s = v as? String else { throw fail("__metadata__ value of '\(k)' is not a string") }
                    meta[k] = s
                }
                continue
            }
            guard let e = value as? [String: Any] else { throw fail("tensor '\(name)': entry is not an object") }
            guard let dtype = e["dtype"] as? String else { throw fail("tensor '\(name)': dtype missing") }
            guard let width = Self.dtypeBytes[dtype] else { throw fail("tensor '\(name)': unknown dtype '\(dtype)'") }
            guard let shapeList = e["shape"] as? [Any], shapeList.count <= 8 else { throw fail("tensor '\(name)': shape missing or not a list of up to 8 sizes") }
            var shape: [Int] = [], count = 1
            for d in shapeList {
                guard let v = jsonInt(d), v >= 0 else { throw fail("tensor '\(name)': shape \(shapeList) is not a list of sizes") }
                let (m, o) = count.multipliedReportingOverflow(by: v)
                guard !o, m <= 1 << 44 else { throw fail("tensor '\(name)': shape \(shapeList) is too large") }
                shape.append(v); count = m
            }
            guard let offs = e["data_offsets"] as? [Any], offs.count == 2,
                  let begin = jsonInt(offs[0]), let end = jsonInt(offs[1]), begin >= 0, end >= begin else {
                throw fail("tensor '\(name)': data_offsets must be [begin, end] with 0 ≤ begin ≤ end")
            }
            guard end <= dataSize else {
                throw fail("tensor '\(name)': data_offsets [\(begin), \(end)] run past the end of the data (\(dataSize) bytes); truncated file?")
            }
            guard end - begin == count * width else {
                throw fail("tensor '\(name)': data_offsets span \(end - begin) bytes but shape \(shape) of \(dtype) needs \(count * width)")
            }
            guard begin % width == 0 else { throw fail("tensor '\(name)': offset \(begin) is misaligned for \(dtype) (\(width)-byte elements)") }
            entries[name] = SafetensorsEntry(name: name, dtype: dtype, shape: shape, begin: begin, end: end)
        }
        let sorted = entries.values.filter { $0.end > $0.begin }.sorted { ($0.begin, $0.name) < ($1.begin, $1.name) }
        for (a, b) in zip(sorted, sorted.dropFirst()) where b.begin < a.end {
            throw fail("tensors '\(a.name)' [\(a.begin), \(a.end)) and '\(b.name)' [\(b.begin), \(b.end)) overlap")
        }
        self.entries = entries
        self.metadata = meta
    }

    deinit { for p in alignedCopies { p.deallocate() } }

    /// The tensor in place (ne0-first shape, ggml type). Data whose address is not
    /// a multiple of its element size (a header length not padded to 8) is copied
    /// to aligned memory once. Throws for dtypes the engine does not compute in.
    public func view(_ name: String) throws -> TensorView? {
        guard let e = entries[name] else { return nil }
        guard let type = Self.ggmlType[e.dtype] else {
            throw EngineError("\(path): tensor '\(name)' has dtype \(e.dtype), which is not supported (F32, F16, BF16)")
        }
        var data = file.base + dataOffset + e.begin
        let width = Self.dtypeBytes[e.dtype]!
        if Int(bitPattern: data) % width != 0 {
            let copy = UnsafeMutableRawPointer.allocate(byteCount: max(e.end - e.begin, 1), alignment: 64)
            copy.copyMemory(from: data, byteCount: e.end - e.begin)
            lock.lock(); alignedCopies.append(copy); lock.unlock()
            data = UnsafeRawPointer(copy)
        }
        let ne = e.shape.isEmpty ? [1] : Array(e.shape.reversed())
        return TensorView(name: name, shape: ne, type: type, data: data)
    }
}

/// A JSON number that is a whole number in Int range, else nil.
func jsonInt(_ v: Any?) -> Int? {
    guard let n = v as? NSNumber else { return nil }
    let d = n.doubleValue
    guard d.isFinite, d == d.rounded(), abs(d) < 9.0e15 else { return nil }
    return n.intValue
}

/// The safetensors files of one model folder: `model.safetensors.index.json`
/// (its weight_map says which file holds each tensor) or every `*.safetensors`
/// file in the folder. Tensors are found by name; a name in two files is an error.
public final class SafetensorsSet: @unchecked Sendable {
    public let folder: String
    public let files: [SafetensorsFile]
    private let owner: [String: Int]     // tensor name → index in files

    public init(folder: String) throws {
        self.folder = folder
        let fm = FileManager.default
        let indexPath = folder + "/model.safetensors.index.json"
        var files: [SafetensorsFile] = [], owner: [String: Int] = [:]
        if fm.fileExists(atPath: indexPath) {
            let obj = try readJSONObject(indexPath)
            guard let map = obj["weight_map"] as? [String: Any] else { throw EngineError("\(indexPath): weight_map missing or not an object") }
            var fileIndex: [String: Int] = [:]
            for (tensor, f) in map.sorted(by: { $0.key < $1.key }) {
                guard let file = f as? String, !file.contains("/"), file.hasSuffix(".safetensors") else {
                    throw EngineError("\(indexPath): weight_map entry for '\(tensor)' is not a .safetensors file name in the folder")
                }
                if fileIndex[file] == nil {
                    let path = folder + "/" + file
                    guard fm.fileExists(atPath: path) else { throw EngineError("\(indexPath) names \(file), which is missing") }
                    fileIndex[file] = files.count
                    files.append(try SafetensorsFile(path: path))
                }
                let i = fileIndex[file]!
                guard files[i].entries[tensor] != nil else { throw EngineError("\(indexPath) puts '\(tensor)' in \(file), which has no such tensor") }
                owner[tensor] = i
            }
        } else {
            let names = ((try? fm.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".safetensors") }.sorted()
            guard !names.isEmpty else { throw EngineError("\(folder): no *.safetensors files (and no model.safetensors.index.json)") }
            for name in names {
                let f = try SafetensorsFile(path: folder + "/" + name)
                for t in f.entries.keys {
                    if let other = owner[t] { throw EngineError("tensor '\(t)' is in both \(files[other].path) and \(f.path)") }
                    owner[t] = files.count
                }
                files.append(f)
            }
        }
        self.files = files
        self.owner = owner
    }

    public var tensorNames: [String] { owner.keys.sorted() }
    public func view(_ name: String) throws -> TensorView? {
        guard let i = owner[name] else { return nil }
        return try files[i].view(name)
    }
}

/// Reads a JSON file whose top level is an object.
func readJSONObject(_ path: String) throws -> [String: Any] {
    guard let data = FileManager.default.contents(atPath: path) else { throw EngineError("cannot read \(path)") }
    let obj: Any
    do { obj = try JSONSerialization.jsonObject(with: data) } catch { throw EngineError("\(path) is not valid JSON") }
    guard let dict = obj as? [String: Any] else { throw EngineError("\(path): top level is not a JSON object") }
    return dict
}
