// What a handler sees and returns: a parsed request, and a response that is
// either a complete body or a stream the handler writes piece by piece
// (Server-Sent Events and other long answers).

import Foundation

public struct HTTPRequest: Sendable {
    public var method: String
    public var path: String              // without the query string
    public var headers: [String: String] // lower-cased names
    public var body: [UInt8]
    /// True once the client has closed its end of the connection (polls the
    /// socket; cheap enough to call once per generated token).
    public var clientGone: @Sendable () -> Bool

    public init(method: String, path: String, headers: [String: String] = [:], body: [UInt8] = [],
                clientGone: @escaping @Sendable () -> Bool = { false }) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
        self.clientGone = clientGone
    }
}

/// Where a streaming handler writes its body. Every `write` goes to the socket
/// at once (one chunk of the chunked encoding); it returns false when the client
/// has gone, after which the handler should stop.
public protocol HTTPBodyWriter: AnyObject {
    func write(_ bytes: [UInt8]) -> Bool
    var clientGone: Bool { get }
}

public struct HTTPResponse: Sendable {
    public typealias StreamBody = @Sendable (HTTPBodyWriter) -> Void

    public var status: Int
    public var contentType: String
    public var headers: [(String, String)] = []
    public var body: [UInt8]
    /// When set, the body is produced by this closure instead of `body`.
    public var stream: StreamBody?

    public init(status: Int, contentType: String = "application/json", body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }

    public static func json(_ status: Int, _ object: Any) -> HTTPResponse {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return HTTPResponse(status: status, body: [UInt8](data))
    }

    /// A streamed response: sent with chunked transfer encoding to HTTP/1.1
    /// clients, close-delimited to HTTP/1.0 ones.
    public static func streaming(status: Int = 200, contentType: String, headers: [(String, String)] = [],
                                 _ body: @escaping StreamBody) -> HTTPResponse {
        var r = HTTPResponse(status: status, contentType: contentType, body: [])
        r.headers = headers
        r.stream = body
        return r
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 100: return "Continue"
        case 200: return "OK"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 408: return "Request Timeout"
        case 411: return "Length Required"
        case 413: return "Payload Too Large"
        case 422: return "Unprocessable Entity"
        case 431: return "Request Header Fields Too Large"
        case 500: return "Internal Server Error"
        case 501: return "Not Implemented"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        default: return "Status"
        }
    }
}

public struct HTTPServerError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
