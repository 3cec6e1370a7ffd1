// A read-only file mapping (or a copy of bytes held in memory, for tests),
// unmapped when the last reference goes.

import Foundation

final class MappedFile: @unchecked Sendable {
    let base: UnsafeRawPointer
    let size: Int
    private let release: () -> Void

    init(path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw EngineError("cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw EngineError("cannot stat \(path)") }
        let n = Int(st.st_size)
        guard n > 0 else { throw EngineError("\(path): empty file") }
        guard let p = mmap(nil, n, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else { throw EngineError("cannot map \(path)") }
        base = UnsafeRawPointer(p); size = n
        release = { munmap(p, n) }
    }

    init(bytes: [UInt8]) {
        let p = UnsafeMutableRawPointer.allocate(byteCount: max(bytes.count, 1), alignment: 64)
        bytes.withUnsafeBytes { if let b = $0.baseAddress { p.copyMemory(from: b, byteCount: bytes.count) } }
        base = UnsafeRawPointer(p); size = bytes.count
        release = { p.deallocate() }
    }

    deinit { release() }
}
