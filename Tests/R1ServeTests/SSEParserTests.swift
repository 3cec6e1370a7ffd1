// The SSE reader against hand-written expected events, with the same stream
// cut at every byte position (and byte by byte): the result must not depend on
// how the bytes arrive.

import Testing
@testable import R1Engine

@Suite struct SSEParserTests {
    // CRLF, CR and LF line ends; comments; a named event; multi-line data; a
    // field with no space after the colon; a bare "data" line; multi-byte UTF-8
    // split across pieces; an unknown field; a data-less event (not dispatched).
    static let stream = ": keep-alive comment\r\n"
        + "data: {\"a\": 1}\r\n\r\n"
        + "event: ping\rdata:x\r\r"
        + "data: line one\ndata: line two\n\n"
        + "id: 7\nretry: 100\n\n"
        + "data\n\n"
        + "data: héllo → 世界 🎉\r\nfoo: bar\r\n\r\n"
        + "data:  two spaces\n\n"
        + "data: [DONE]\n\n"
        + "data: unterminated"

    static let expected: [SSEEvent] = [
        SSEEvent(data: "{\"a\": 1}"),
        SSEEvent(event: "ping", data: "x"),
        SSEEvent(data: "line one\nline two"),
        SSEEvent(data: ""),
        SSEEvent(data: "héllo → 世界 🎉"),
        SSEEvent(data: " two spaces"),
        SSEEvent(data: "[DONE]"),
    ]

    @Test func wholeStream() {
        var p = SSEParser()
        #expect(p.feed(Array(Self.stream.utf8)) == Self.expected)
    }

    @Test func splitAtEveryBytePosition() {
        let bytes = Array(Self.stream.utf8)
        for cut in 0...bytes.count {
            var p = SSEParser()
            let events = p.feed(bytes[..<cut]) + p.feed(bytes[cut...])
            #expect(events == Self.expected, "cut at byte \(cut)")
        }
        var p = SSEParser()
        var oneByOne: [SSEEvent] = []
        for b in bytes { oneByOne += p.feed([b]) }
        #expect(oneByOne == Self.expected)
    }

    @Test func crThenLFAcrossPieces() {
        var p = SSEParser()
        // A CR at the end of one piece and the LF starting the next are one line end,
        // not a line end and an empty line (which would dispatch early).
        #expect(p.feed(Array("data: a\r".utf8)).isEmpty)
        #expect(p.feed(Array("\ndata: b\r".utf8)).isEmpty)
        #expect(p.feed(Array("\n\r\n".utf8)) == [SSEEvent(data: "a\nb")])
    }
}
