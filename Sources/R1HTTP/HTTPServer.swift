// A small blocking HTTP/1.1 server (the sandbox service, `r1ci serve`): one
// thread per connection, a cap on connections, header and body size limits,
// keep-alive, Content-Length request bodies only, and streamed responses
// (chunked, or close-delimited for HTTP/1.0). Loopback by default; no TLS.

import Foundation
#if canImport(Glibc)
import Glibc
#endif

public final class HTTPServer: @unchecked Sendable {
    public typealias Handler = @Sendable (HTTPRequest) -> HTTPResponse

    public let host: String
    public private(set) var port: UInt16
    public let maxConnections: Int
    public let maxBodyBytes: Int
    public let maxHeaderBytes = 16 << 10
    public let idleTimeoutSeconds = 30
    /// The server's own error replies (431, 400, 501, 413, and 503 when
    /// `maxConnections` are already open), so each service keeps its error shape.
    public let errorResponse: @Sendable (_ status: Int, _ message: String) -> HTTPResponse
    private let handler: Handler
    private var listenFD: Int32 = -1
    private let lock = NSLock()
    private var active = 0
    private var stopped = false
    private var acceptThread: Thread?

    public init(host: String = "127.0.0.1", port: UInt16 = 8080, maxConnections: Int = 64,
                maxBodyBytes: Int = 32 << 20,
                errorResponse: @escaping @Sendable (Int, String) -> HTTPResponse = { .json($0, ["detail": $1]) },
                handler: @escaping Handler) {
        self.errorResponse = errorResponse
        self.host = host
        self.port = port
        self.maxConnections = maxConnections
        self.maxBodyBytes = maxBodyBytes
        self.handler = handler
    }

    /// Binds and starts accepting on a background thread. Port 0 picks a free
    /// port; `port` then holds the real one.
    public func start() throws {
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = port.bigEndian
        guard inet_pton(AF_INET, host, &addr.sin_addr) == 1 else {
            throw HTTPServerError("bad IPv4 host address \(host)")
        }
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw HTTPServerError("socket: \(String(cString: strerror(errno)))") }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 128) == 0 else {
            let e = String(cString: strerror(errno))
            close(fd)
            throw HTTPServerError("cannot listen on \(host):\(port): \(e)")
        }
        var actual = sockaddr_in()
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
        }
        port = UInt16(bigEndian: actual.sin_port)
        listenFD = fd
        let t = Thread { [self] in acceptLoop() }
        t.name = "r1ci-http-accept"
        acceptThread = t
        t.start()
    }

    public func stop() {
        lock.lock()
        stopped = true
        let fd = listenFD
        listenFD = -1
        lock.unlock()
        if fd >= 0 { shutdown(fd, Int32(SHUT_RDWR)); close(fd) }
    }

    private func acceptLoop() {
        while true {
            lock.lock(); let fd = listenFD; let done = stopped; lock.unlock()
            if done || fd < 0 { return }
            let c = SocketIO.acceptCloseOnExec(fd)
            if c < 0 {
                if errno == EINTR || errno == ECONNABORTED || errno == EMFILE { if errno == EMFILE { usleep(10_000) }; continue }
                return
            }
            lock.lock()
            let admit = active < maxConnections
            if admit { active += 1 }
            lock.unlock()
            if !admit {
                send(c, errorResponse(503, "too many connections"), keepAlive: false)
                close(c)
                continue
            }
            let t = Thread { [self] in
                serve(c)
                close(c)
                lock.lock(); active -= 1; lock.unlock()
            }
            t.stackSize = 1 << 20
            t.start()
        }
    }

    private func serve(_ fd: Int32) {
        var tv = timeval(tv_sec: idleTimeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var buffer: [UInt8] = []
        while true {
            // Headers
            var headerEnd: Int?
            while headerEnd == nil {
                if let r = find(buffer, [13, 10, 13, 10]) { headerEnd = r; break }
                if buffer.count > maxHeaderBytes {
                    send(fd, errorResponse(431, "request headers too large"), keepAlive: false)
                    return
                }
                guard SocketIO.readMore(fd, &buffer) else { return }
            }
            let head = String(decoding: buffer[..<headerEnd!], as: UTF8.self)
            buffer.removeFirst(headerEnd! + 4)
            let lines = head.components(separatedBy: "\r\n")
            let parts = lines[0].split(separator: " ")
            guard parts.count == 3, parts[2].hasPrefix("HTTP/1.") else {
                send(fd, errorResponse(400, "malformed request line"), keepAlive: false)
                return
            }
            var headers: [String: String] = [:]
            for line in lines.dropFirst() {
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            let http10 = parts[2] == "HTTP/1.0"
            let connection = headers["connection"]?.lowercased() ?? ""
            let keepAlive = http10 ? connection == "keep-alive" : connection != "close"
            if let te = headers["transfer-encoding"], te.lowercased() != "identity" {
                send(fd, errorResponse(501, "chunked request bodies are not supported; send Content-Length"), keepAlive: false)
                return
            }
            var length = 0
            if let cl = headers["content-length"] {
                guard let n = Int(cl), n >= 0 else {
                    send(fd, errorResponse(400, "bad Content-Length"), keepAlive: false)
                    return
                }
                length = n
            }
            if length > maxBodyBytes {
                send(fd, errorResponse(413, "body larger than \(maxBodyBytes) bytes"), keepAlive: false)
                return
            }
            if headers["expect"]?.lowercased() == "100-continue" {
                let cont = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
                guard SocketIO.writeAll(fd, cont) else { return }
            }
            while buffer.count < length {
                guard SocketIO.readMore(fd, &buffer) else { return }
            }
            let body = Array(buffer[..<length])
            buffer.removeFirst(length)
            var path = String(parts[1])
            if let q = path.firstIndex(of: "?") { path = String(path[..<q]) }
            let request = HTTPRequest(method: String(parts[0]), path: path, headers: headers, body: body,
                                      clientGone: { SocketIO.peerClosed(fd) })
            let response = handler(request)
            if let stream = response.stream {
                guard sendStreaming(fd, response, stream, http10: http10, keepAlive: keepAlive), keepAlive, !http10 else { return }
            } else {
                guard send(fd, response, keepAlive: keepAlive), keepAlive else { return }
            }
        }
    }

    @discardableResult
    private func send(_ fd: Int32, _ r: HTTPResponse, keepAlive: Bool) -> Bool {
        var head = statusAndHeaders(r)
        head += "Content-Length: \(r.body.count)\r\n"
        head += keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n"
        return SocketIO.writeAll(fd, Array(head.utf8) + r.body)
    }

    /// Sends the head, then lets the handler's closure write the body. HTTP/1.0
    /// gets a close-delimited body (the caller closes), HTTP/1.1 a chunked one.
    private func sendStreaming(_ fd: Int32, _ r: HTTPResponse, _ body: HTTPResponse.StreamBody,
                               http10: Bool, keepAlive: Bool) -> Bool {
        var head = statusAndHeaders(r)
        head += http10 ? "" : "Transfer-Encoding: chunked\r\n"
        head += keepAlive && !http10 ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n"
        guard SocketIO.writeAll(fd, Array(head.utf8)) else { return false }
        let writer = SocketBodyWriter(fd: fd, chunked: !http10)
        body(writer)
        return writer.finish() && !http10
    }

    private func statusAndHeaders(_ r: HTTPResponse) -> String {
        var head = "HTTP/1.1 \(r.status) \(HTTPResponse.reason(r.status))\r\nContent-Type: \(r.contentType)\r\n"
        for (name, value) in r.headers { head += "\(name): \(value)\r\n" }
        return head
    }

    private func find(_ hay: [UInt8], _ needle: [UInt8]) -> Int? {
        guard hay.count >= needle.count else { return nil }
        for i in 0...(hay.count - needle.count) where hay[i] == needle[0] {
            if Array(hay[i..<(i + needle.count)]) == needle { return i }
        }
        return nil
    }
}
