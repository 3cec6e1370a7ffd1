// Text building for generators. Most items are ASCII letters, digits and grid
// symbols; working on UTF-8 bytes and turning them into a String once costs a
// fraction of Character arrays (grapheme breaking) and of many small joined
// strings (one allocation each). Output is byte-for-byte what the Character
// and `map(String.init).joined` versions wrote.

// Not generic on purpose: debug builds compile R1Tasks file by file with -O,
// and a generic helper from another file would run unspecialised.

extension String {
    /// The string of these UTF-8 bytes (callers pass ASCII).
    init(ascii bytes: [UInt8]) {
        self = String(decoding: bytes, as: UTF8.self)
    }
}

extension Array where Element == Int {
    /// The numbers in decimal between separators: `map(String.init).joined(separator:)` in one buffer.
    func joinedDecimal(separator: String) -> String {
        var out = ""
        out.reserveCapacity(count * (separator.utf8.count + 3))
        var first = true
        for value in self {
            if !first { out += separator }
            first = false
            out += String(value)
        }
        return out
    }
}
