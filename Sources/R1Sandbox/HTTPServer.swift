// A small blocking HTTP/1.1 server for the sandbox service: one thread per
// connection, a cap on connections, header and body size limits, keep-alive,
// Content-Length bodies only. Loopback by default; no TLS.

import CSandbox
import Foundation

public struct HTTPRequest: Sendable {
    public var method: String
    public var path: String
    public var headers: [String: String]   // lower-cased names
    public var body: [UInt8]
}

public struct HTTPResponse: Sendable {
    public var status: Int
    public var contentType: String
    public var body: [UInt8]

    public init(status: Int, contentType: String = "application/json", body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }

    public static func json(_ status: Int, _ object: Any) -> HTTPResponse {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return HTTPResponse(status: status, body: [UInt8](data))
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 100: return "Continue"
        case 200: return "OK"
        case 400: return "Bad Request"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 408: return "Request Timeout"
        case 411: return "Length Required"
        case 413: return "Payload Too Large"
        case 422: return "Unprocessable Entity"
        case 431: return "Request Header Fields Too Large"
        case 500: return "Internal Server Error"
        case 501: return "Not Implemented"
        case 503: return "Service Unavailable"
        default: return "Status"
        }
    }
}

public final class HTTPServer: @unchecked Sendable {
    public typealias Handler = @Sendable (HTTPRequest) -> HTTPResponse

    public let host: String
    public private(set) var port: UInt16
    public let maxConnections: Int
    public let maxBodyBytes: Int
    public let maxHeaderBytes = 16 << 10
    public let idleTimeoutSeconds = 30
    private let handler: Handler
    private var listenFD: Int32 = -1
    private let lock = NSLock()
    private var active = 0
    private var stopped = false
    private var acceptThread: Thread?

    public init(host: String = "127.0.0.1", port: UInt16 = 8080, maxConnections: Int = 64,
                maxBodyBytes: Int = 32 << 20, handler: @escaping Handler) {
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
            throw SandboxError.invalidRequest("bad IPv4 host address \(host)")
        }
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SandboxError.setup("socket: \(String(cString: strerror(errno)))") }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 128) == 0 else {
            let e = String(cString: strerror(errno))
            close(fd)
            throw SandboxError.setup("cannot listen on \(host):\(port): \(e)")
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
            let c = csb_accept_cloexec(fd)
            if c < 0 {
                if errno == EINTR || errno == ECONNABORTED || errno == EMFILE { if errno == EMFILE { usleep(10_000) }; continue }
                return
            }
            lock.lock()
            let admit = active < maxConnections
            if admit { active += 1 }
            lock.unlock()
            if !admit {
                send(c, HTTPResponse.json(503, ["status": "SandboxError", "message": "too many connections"]), keepAlive: false)
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
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var buffer: [UInt8] = []
        while true {
            // Headers
            var headerEnd: Int?
            while headerEnd == nil {
                if let r = find(buffer, [13, 10, 13, 10]) { headerEnd = r; break }
                if buffer.count > maxHeaderBytes {
                    send(fd, .json(431, ["detail": "request headers too large"]), keepAlive: false)
                    return
                }
                guard readMore(fd, &buffer) else { return }
            }
            let head = String(decoding: buffer[..<headerEnd!], as: UTF8.self)
            buffer.removeFirst(headerEnd! + 4)
            let lines = head.components(separatedBy: "\r\n")
            let parts = lines[0].split(separator: " ")
            guard parts.count == 3, parts[2].hasPrefix("HTTP/1.") else {
                send(fd, .json(400, ["detail": "malformed request line"]), keepAlive: false)
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
                send(fd, .json(501, ["detail": "chunked request bodies are not supported; send Content-Length"]), keepAlive: false)
                return
            }
            var length = 0
            if let cl = headers["content-length"] {
                guard let n = Int(cl), n >= 0 else {
                    send(fd, .json(400, ["detail": "bad Content-Length"]), keepAlive: false)
                    return
                }
                length = n
            }
            if length > maxBodyBytes {
                send(fd, .json(413, ["detail": "body larger than \(maxBodyBytes) bytes"]), keepAlive: false)
                return
            }
            if headers["expect"]?.lowercased() == "100-continue" {
                let cont = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
                guard writeAll(fd, cont) else { return }
            }
            while buffer.count < length {
                guard readMore(fd, &buffer) else { return }
            }
            let body = Array(buffer[..<length])
            buffer.removeFirst(length)
            var path = String(parts[1])
            if let q = path.firstIndex(of: "?") { path = String(path[..<q]) }
            let response = handler(HTTPRequest(method: String(parts[0]), path: path, headers: headers, body: body))
            guard send(fd, response, keepAlive: keepAlive), keepAlive else { return }
        }
    }

    private func readMore(_ fd: Int32, _ buffer: inout [UInt8]) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 { buffer.append(contentsOf: chunk[..<n]); return true }
            if n < 0 && errno == EINTR { continue }
            return false   // EOF, idle timeout or error
        }
    }

    @discardableResult
    private func send(_ fd: Int32, _ r: HTTPResponse, keepAlive: Bool) -> Bool {
        var head = "HTTP/1.1 \(r.status) \(HTTPResponse.reason(r.status))\r\n"
        head += "Content-Type: \(r.contentType)\r\nContent-Length: \(r.body.count)\r\n"
        head += keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n"
        return writeAll(fd, Array(head.utf8) + r.body)
    }

    private func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var off = 0
        while off < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + off, bytes.count - off, Int32(MSG_NOSIGNAL)) }
            if n < 0 { if errno == EINTR { continue }; return false }
            off += n
        }
        return true
    }

    private func find(_ hay: [UInt8], _ needle: [UInt8]) -> Int? {
        guard hay.count >= needle.count else { return nil }
        for i in 0...(hay.count - needle.count) where hay[i] == needle[0] {
            if Array(hay[i..<(i + needle.count)]) == needle { return i }
        }
        return nil
    }
}
