// OpenAI's error reply: {"error": {"message", "type", "param", "code"}} with
// the HTTP status that goes with it.

import Foundation
import R1HTTP

struct APIError: Error {
    let status: Int
    let message: String
    let type: String
    var param: String?
    var code: String?

    static func invalid(_ message: String, param: String? = nil) -> APIError {
        APIError(status: 400, message: message, type: "invalid_request_error", param: param, code: nil)
    }

    var object: [String: Any] {
        ["error": ["message": message, "type": type, "param": param ?? NSNull(), "code": code ?? NSNull()] as [String: Any]]
    }

    var response: HTTPResponse { .json(status, object) }

    /// The HTTP server's own errors (body too large, too many connections…) in this shape.
    static let httpError: @Sendable (Int, String) -> HTTPResponse = { status, message in
        let type = status == 503 ? "server_busy" : status >= 500 ? "server_error" : "invalid_request_error"
        return APIError(status: status, message: message, type: type).response
    }
}
