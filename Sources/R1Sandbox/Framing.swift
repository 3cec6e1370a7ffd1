// Length-prefixed frames between the executor and a zygote:
// '!III' (three big-endian UInt32 lengths) followed by the three payloads.

import CSandbox
import Foundation

enum FrameError: Error {
    case closed
    case timeout
    case io(Int32)
    case malformed
}

enum Framing {
    static func encode(_ a: [UInt8], _ b: [UInt8], _ c: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(12 + a.count + b.count + c.count)
        for n in [a.count, b.count, c.count] {
            let v = UInt32(n).bigEndian
            withUnsafeBytes(of: v) { out.append(contentsOf: $0) }
        }
        out += a; out += b; out += c
        return out
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws {
        var off = 0
        while off < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + off, bytes.count - off) }
            if n < 0 {
                if errno == EINTR { continue }
                throw errno == EPIPE ? FrameError.closed : FrameError.io(errno)
            }
            off += n
        }
    }

    /// Reads exactly `count` bytes, giving up at `deadline` (monotonic ns).
    static func readExact(_ fd: Int32, _ count: Int, deadline: UInt64) throws -> [UInt8] {
        var buf = [UInt8](repeating: 0, count: count)
        var off = 0
        while off < count {
            let now = DispatchTime.now().uptimeNanoseconds
            if now >= deadline { throw FrameError.timeout }
            let waitMs = Int32(min(UInt64(Int32.max), (deadline - now) / 1_000_000 + 1))
            let r = csb_wait_readable(fd, waitMs)
            if r == 0 { continue }
            if r < 0 { throw FrameError.io(errno) }
            let n = buf.withUnsafeMutableBytes { read(fd, $0.baseAddress! + off, count - off) }
            if n == 0 { throw FrameError.closed }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw FrameError.io(errno)
            }
            off += n
        }
        return buf
    }

    static func readFrame(_ fd: Int32, deadline: UInt64, maxPayload: Int = 1 << 30) throws -> ([UInt8], [UInt8], [UInt8]) {
        let head = try readExact(fd, 12, deadline: deadline)
        func len(_ i: Int) -> Int {
            Int(UInt32(head[i]) << 24 | UInt32(head[i + 1]) << 16 | UInt32(head[i + 2]) << 8 | UInt32(head[i + 3]))
        }
        let (a, b, c) = (len(0), len(4), len(8))
        guard a + b + c <= maxPayload else { throw FrameError.malformed }
        return (try readExact(fd, a, deadline: deadline), try readExact(fd, b, deadline: deadline),
                try readExact(fd, c, deadline: deadline))
    }
}
