// One blocking JSON POST over URLSession with a data delegate, so a streamed
// reply reaches the caller piece by piece. Non-200 replies and transport
// failures become BackendErrors with one readable line.

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

final class HTTPTransfer: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let stream: Bool
    private let onData: ([UInt8]) -> Bool
    private let done = DispatchSemaphore(value: 0)
    private(set) var status = 0
    /// The whole reply body, except for a successful stream (which goes to onData).
    private(set) var body: [UInt8] = []
    private var failure: Error?
    private var stoppedByCaller = false

    private init(stream: Bool, onData: @escaping ([UInt8]) -> Bool) {
        self.stream = stream
        self.onData = onData
    }

    /// POSTs `json` to url and blocks until the reply has ended. With `stream`,
    /// the bytes of a 200 reply go to `onData` as they arrive; returning false
    /// from it closes the connection (the transfer then ends quietly).
    static func post(_ url: URL, json: [String: Any], stream: Bool, apiKey: String?, idleTimeout: TimeInterval,
                     onData: @escaping ([UInt8]) -> Bool) throws -> HTTPTransfer {
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.httpBody = try JSONSerialization.data(withJSONObject: json)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if stream { request.setValue("text/event-stream", forHTTPHeaderField: "Accept") }
        if let apiKey { request.setValue("Bearer \(apiKey)", forHTTPHeaderField: "Authorization") }
        let config = URLSessionConfiguration.ephemeral
        config.timeoutIntervalForRequest = idleTimeout
        config.timeoutIntervalForResource = 7 * 24 * 3600
        let transfer = HTTPTransfer(stream: stream, onData: onData)
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        let session = URLSession(configuration: config, delegate: transfer, delegateQueue: queue)
        session.dataTask(with: request).resume()
        transfer.done.wait()
        session.finishTasksAndInvalidate()
        try transfer.check(url)
        return transfer
    }

    private func check(_ url: URL) throws {
        if stoppedByCaller { return }
        if let e = failure { throw BackendError.unavailable(Self.transportMessage(e, url: url)) }
        guard status == 200 else {
            let detail = (try? JSONSerialization.jsonObject(with: Data(body)))
                .flatMap { ($0 as? [String: Any]).map { $0["error"] ?? $0["detail"] ?? $0 } }
                .map(Self.errorMessage) ?? String(decoding: body.prefix(300), as: UTF8.self)
            let line = "\(url.absoluteString) answered HTTP \(status): \(detail)"
            if [400, 404, 413, 422].contains(status) { throw BackendError.badRequest(line) }
            if status == 401 || status == 403 { throw BackendError.unavailable(line + " (set R1CI_API_KEY or OPENAI_API_KEY)") }
            throw BackendError.unavailable(line)
        }
    }

    /// The message of an OpenAI-style error ({"message": ...}) or any JSON value, on one line.
    static func errorMessage(_ value: Any) -> String {
        if let o = value as? [String: Any], let m = o["message"] as? String { return m }
        if let s = value as? String { return s }
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])) ?? Data()
        return String(decoding: data.prefix(300), as: UTF8.self)
    }

    static func transportMessage(_ e: Error, url: URL) -> String {
        let target = "\(url.scheme ?? "http")://\(url.host ?? "?")\(url.port.map { ":\($0)" } ?? "")"
        switch (e as? URLError)?.code {
        case .cannotConnectToHost?: return "cannot connect to \(target): connection refused (is the server running?)"
        case .cannotFindHost?, .dnsLookupFailed?: return "cannot find host \(url.host ?? "?")"
        case .timedOut?: return "\(target) did not answer in time"
        case .networkConnectionLost?: return "\(target) closed the connection mid-reply"
        default: return "request to \(url.absoluteString) failed: \(e.localizedDescription)"
        }
    }

    // MARK: URLSessionDataDelegate (called on the session's serial queue)

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        status = (response as? HTTPURLResponse)?.statusCode ?? 0
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        if stoppedByCaller { return }
        if stream && status == 200 {
            if !onData([UInt8](data)) { stoppedByCaller = true; dataTask.cancel() }
        } else {
            body += data
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        if !stoppedByCaller { failure = error }
        done.signal()
    }
}
