// Cuts streamed text at the first stop string, holding back a tail that could
// still grow into one, so no piece of a stop string is ever released.

public struct StopFilter: Sendable {
    public let stops: [String]
    private var emitted = ""
    private var held = ""
    public private(set) var stopped = false

    public init(stops: [String]) { self.stops = stops.filter { !$0.isEmpty } }

    /// Adds text; returns what can be released now. After a stop string has
    /// appeared, `stopped` is true and later pushes release nothing.
    public mutating func push(_ text: String) -> String {
        if stopped || text.isEmpty { return "" }
        if stops.isEmpty { emitted += text; return text }
        held += text
        let pending = held
        if let r = firstStop(in: pending, stops: stops) {
            stopped = true
            held = ""
            let out = String(pending[..<r.lowerBound])
            emitted += out
            return out
        }
        let keep = stopPrefixSuffix(pending, stops: stops)
        let out = String(pending.dropLast(keep))
        held = String(pending.suffix(keep))
        emitted += out
        return out
    }

    /// The held-back tail, at the end of the stream (nothing after a stop).
    public mutating func finish() -> String {
        defer { held = "" }
        if stopped { return "" }
        emitted += held
        return held
    }

    /// Everything released so far.
    public var text: String { emitted }
}
