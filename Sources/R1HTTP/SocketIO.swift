// Blocking socket I/O for one connection: read more bytes, write all bytes,
// tell whether the peer has closed, and the two streaming body writers.

import Foundation
#if canImport(Glibc)
import Glibc
#endif

enum SocketIO {
    /// accept4(SOCK_CLOEXEC): a connection must not leak into processes forked
    /// meanwhile (the sandbox forks zygotes). Glibc's Swift overlay hides accept4
    /// (it is a _GNU_SOURCE name), so it is looked up once at run time; without
    /// it, accept + FD_CLOEXEC.
    static func acceptCloseOnExec(_ listenFD: Int32) -> Int32 {
        if let accept4 = accept4Function { return accept4(listenFD, nil, nil, Int32(SOCK_CLOEXEC.rawValue)) }
        let c = accept(listenFD, nil, nil)
        if c >= 0 { _ = fcntl(c, F_SETFD, FD_CLOEXEC) }
        return c
    }

    private typealias Accept4 = @convention(c) (Int32, UnsafeMutablePointer<sockaddr>?, UnsafeMutablePointer<socklen_t>?, Int32) -> Int32
    private static let accept4Function: Accept4? = dlsym(nil, "accept4").map { unsafeBitCast($0, to: Accept4.self) }

    /// Appends what the next recv gives; false on EOF, timeout or error.
    static func readMore(_ fd: Int32, _ buffer: inout [UInt8]) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 { buffer.append(contentsOf: chunk[..<n]); return true }
            if n < 0 && errno == EINTR { continue }
            return false
        }
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var off = 0
        while off < bytes.count {
            let n = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + off, bytes.count - off, Int32(MSG_NOSIGNAL)) }
            if n < 0 { if errno == EINTR { continue }; return false }
            off += n
        }
        return true
    }

    /// True when the peer has closed or reset the connection. Bytes waiting to be
    /// read (a pipelined request) do not count as closed.
    static func peerClosed(_ fd: Int32) -> Bool {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&p, 1, 0) > 0 else { return false }
        if p.revents & Int16(POLLERR | POLLHUP | POLLNVAL) != 0 { return true }
        guard p.revents & Int16(POLLIN) != 0 else { return false }
        var byte: UInt8 = 0
        let n = recv(fd, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT))
        if n == 0 { return true }
        return n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR
    }
}

/// A streamed body on a socket. Chunked (HTTP/1.1): each write is one chunk
/// and `finish` sends the zero-length last chunk, so the connection can be
/// reused. Close-delimited (HTTP/1.0): raw bytes; the body ends when the server
/// closes the connection.
final class SocketBodyWriter: HTTPBodyWriter {
    let fd: Int32
    let chunked: Bool
    private(set) var failed = false
    init(fd: Int32, chunked: Bool) { self.fd = fd; self.chunked = chunked }

    func write(_ bytes: [UInt8]) -> Bool {
        if failed { return false }
        if bytes.isEmpty { return !clientGone }   // an empty chunk would end the body
        let frame = chunked ? Array((String(bytes.count, radix: 16) + "\r\n").utf8) + bytes + [13, 10] : bytes
        if !SocketIO.writeAll(fd, frame) { failed = true }
        return !failed
    }

    var clientGone: Bool { failed || SocketIO.peerClosed(fd) }

    func finish() -> Bool {
        if failed { return false }
        return !chunked || SocketIO.writeAll(fd, Array("0\r\n\r\n".utf8))
    }
}
