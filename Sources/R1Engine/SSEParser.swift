// Server-Sent Events, the reading side (WHATWG HTML, "event stream
// interpretation"): bytes in any pieces → events. Lines end with CRLF, LF or
// CR; `data:` lines of one event join with "\n"; a blank line ends the event;
// lines starting with ":" are comments; one space after the colon is dropped.
// Works on bytes, so a UTF-8 character or a CRLF split across reads is fine.

public struct SSEEvent: Sendable, Equatable {
    public var event: String   // "message" unless an `event:` line named it
    public var data: String
    public init(event: String = "message", data: String) { self.event = event; self.data = data }
}

public struct SSEParser: Sendable {
    private var line: [UInt8] = []
    private var data: [UInt8] = []
    private var hasData = false
    private var eventName = ""
    private var afterCR = false    // a CR ended the last line; skip an LF right after it

    public init() {}

    /// Feeds bytes; returns the events they complete, in order.
    public mutating func feed<S: Sequence>(_ bytes: S) -> [SSEEvent] where S.Element == UInt8 {
        var out: [SSEEvent] = []
        for b in bytes {
            if afterCR {
                afterCR = false
                if b == 0x0A { continue }
            }
            if b == 0x0D || b == 0x0A {
                afterCR = b == 0x0D
                if let e = endLine() { out.append(e) }
            } else {
                line.append(b)
            }
        }
        return out
    }

    private mutating func endLine() -> SSEEvent? {
        defer { line.removeAll(keepingCapacity: true) }
        if line.isEmpty {
            defer { data.removeAll(); hasData = false; eventName = "" }
            guard hasData else { return nil }
            if data.last == 0x0A { data.removeLast() }
            return SSEEvent(event: eventName.isEmpty ? "message" : eventName, data: String(decoding: data, as: UTF8.self))
        }
        if line[0] == 0x3A { return nil }   // ":" comment
        let colon = line.firstIndex(of: 0x3A) ?? line.endIndex
        let field = String(decoding: line[..<colon], as: UTF8.self)
        var value = colon < line.endIndex ? line[(colon + 1)...] : []
        if value.first == 0x20 { value = value.dropFirst() }
        switch field {
        case "data": data += value; data.append(0x0A); hasData = true
        case "event": eventName = String(decoding: value, as: UTF8.self)
        default: break   // id, retry and unknown fields do not matter here
        }
        return nil
    }
}
