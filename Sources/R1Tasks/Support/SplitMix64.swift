// The project's own pseudo-random generator, and how each task item gets one.
//
// Swift's SystemRandomNumberGenerator cannot be seeded, and the standard
// library's `random(in:using:)` and `shuffle(using:)` algorithms are not
// promised to stay the same across releases. Generated questions must be the
// same on every machine and every version, so every draw goes through the
// functions below, and tests pin their output with golden hashes.

/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number
/// generators", OOPSLA 2014): a 64-bit counter passed through a mixing function.
public struct SplitMix64: Sendable {
    public private(set) var state: UInt64

    public init(state: UInt64) { self.state = state }

    /// The SplitMix64 finaliser: a bijective mix of all 64 bits.
    @inlinable
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    /// A uniform integer in `range`, without modulo bias (rejection sampling).
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        let span = UInt64(bitPattern: Int64(range.upperBound &- range.lowerBound)) &+ 1
        if span == 0 { return Int(bitPattern: UInt(next())) }  // the full 64-bit range
        let limit = UInt64.max - (UInt64.max % span)  // largest multiple of span
        var draw = next()
        while draw >= limit { draw = next() }
        return range.lowerBound &+ Int(draw % span)
    }

    public mutating func int(_ range: Range<Int>) -> Int {
        precondition(!range.isEmpty, "empty range")
        return int(range.lowerBound...(range.upperBound - 1))
    }

    /// A uniform double in [0, 1) with 53 random bits.
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// One element of a non-empty collection.
    public mutating func pick<C: Collection>(_ items: C) -> C.Element where C.Index == Int {
        precondition(!items.isEmpty, "pick from an empty collection")
        return items[items.startIndex + int(0..<items.count)]
    }

    /// Fisher–Yates, drawing from the end: the same permutation on every platform.
    public mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            let j = int(0...i)
            if i != j { items.swapAt(i, j) }
        }
    }

    public mutating func shuffled<T>(_ items: [T]) -> [T] {
        var copy = items
        shuffle(&copy)
        return copy
    }

    /// `count` distinct elements, in random order.
    public mutating func sample<T>(_ items: [T], count: Int) -> [T] {
        precondition(count <= items.count, "sample larger than population")
        var pool = items
        for i in 0..<count {
            let j = int(i...(pool.count - 1))
            pool.swapAt(i, j)
        }
        return Array(pool[0..<count])
    }
}

/// FNV-1a over bytes: a stable 64-bit string hash (Swift's `Hasher` is seeded per process).
public func fnv1a64<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in bytes {
        hash ^= UInt64(byte)
        hash &*= 0x0000_0100_0000_01B3
    }
    return hash
}

public func fnv1a64(_ text: String) -> UInt64 { fnv1a64(text.utf8) }

public enum ItemRandom {
    /// The generator for item `index` of `taskID` at `seed`.
    ///
    /// The three inputs pass through the mixer at different positions, so
    /// (seed s, item i+1) and (seed s+1, item i) share nothing, unlike the
    /// `Random(seed + i)` scheme whose adjacent seeds overlap.
    public static func generator(taskID: String, seed: UInt64, index: UInt64) -> SplitMix64 {
        var h = fnv1a64(taskID)
        h = SplitMix64.mix(h ^ SplitMix64.mix(seed &+ 0x243F_6A88_85A3_08D3))
        h = SplitMix64.mix(h ^ SplitMix64.mix(index &+ 0x1319_8A2E_0370_7344))
        return SplitMix64(state: h)
    }
}
