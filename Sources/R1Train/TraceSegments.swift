// Splitting an assistant turn of a code-interpreter trace into the text the
// model wrote and the execution-result blocks the harness appended (which
// carry no loss). A result block is the header `Code Execution Results:` with
// the fenced output that follows it:
//
//     Code Execution Results:          ```
//     ```                         or   Code Execution Results:
//     42                               42
//     ```                              ```
//
// The masked span runs from the header (or the fence line just before it) to
// the end of the closing fence line, newline included. A header with no fence
// after it masks to the end of its line; a fence that never closes masks to
// the end of the turn (the output was cut off).

public let executionResultsHeader = "Code Execution Results:"

/// A run of conversation text and whether the model produced it.
public struct TraceSegment: Sendable, Equatable {
    public var text: String
    public var byModel: Bool
    public init(_ text: String, byModel: Bool) { self.text = text; self.byModel = byModel }
}

/// The assistant content as alternating model / execution-result segments (empty ones dropped).
public func splitExecutionResults(_ content: String) -> [TraceSegment] {
    let s = Array(content.utf8), header = Array(executionResultsHeader.utf8)
    var out: [TraceSegment] = [], modelStart = 0, i = 0
    func text(_ a: Int, _ b: Int) -> String { String(decoding: s[a..<b], as: UTF8.self) }
    func lineEnd(_ from: Int) -> Int {                       // index just past the line's "\n" (or the end)
        var j = from
        while j < s.count && s[j] != UInt8(ascii: "\n") { j += 1 }
        return min(j + 1, s.count)
    }
    func lineStart(_ at: Int) -> Int {
        var j = at
        while j > 0 && s[j - 1] != UInt8(ascii: "\n") { j -= 1 }
        return j
    }
    func isFence(_ at: Int) -> Bool { at + 3 <= s.count && s[at..<(at + 3)].elementsEqual("```".utf8) }
    /// End of the first line at or after `from` that starts with a fence, or the end of the text.
    func closingFence(after from: Int) -> Int {
        var j = from
        while j < s.count {
            if isFence(j) { return lineEnd(j) }
            j = lineEnd(j)
        }
        return s.count
    }
    while i + header.count <= s.count {
        guard s[i..<(i + header.count)].elementsEqual(header) else { i += 1; continue }
        let afterHeader = i + header.count
        var start = i, end: Int
        // Fence lines since the last result block: an odd count means the header sits inside an open fence.
        var openFence = -1, j = modelStart
        while j < lineStart(i) {
            if isFence(j) { openFence = openFence < 0 ? j : -1 }
            j = lineEnd(j)
        }
        if openFence >= 0, lineStart(i) == i, lineStart(i - 1) == openFence {
            start = openFence                                 // fence, then the header inside it
            end = closingFence(after: lineEnd(i))
        } else {
            var j = afterHeader                               // header, then a fence after blank space
            while j < s.count && (s[j] == UInt8(ascii: " ") || s[j] == UInt8(ascii: "\n")) { j += 1 }
            end = isFence(j) && lineStart(j) == j ? closingFence(after: lineEnd(j)) : lineEnd(afterHeader)
        }
        if start > modelStart { out.append(TraceSegment(text(modelStart, start), byModel: true)) }
        out.append(TraceSegment(text(start, end), byModel: false))
        modelStart = end; i = end
    }
    if modelStart < s.count { out.append(TraceSegment(text(modelStart, s.count), byModel: true)) }
    return out
}
