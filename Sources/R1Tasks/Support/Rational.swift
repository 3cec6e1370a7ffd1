// Exact rational arithmetic for verifiers and solvers. Every operation checks
// for overflow and returns nil instead of trapping: a verifier fed a hostile
// answer must never crash.

public struct Rational: Sendable, Hashable, CustomStringConvertible {
    /// Always reduced, denominator > 0.
    public let numerator: Int
    public let denominator: Int

    public init?(_ numerator: Int, _ denominator: Int = 1) {
        guard denominator != 0, numerator != Int.min, denominator != Int.min else { return nil }
        let g = Rational.gcd(abs(numerator), abs(denominator))
        let sign = denominator < 0 ? -1 : 1
        self.numerator = sign * numerator / g
        self.denominator = sign * denominator / g
    }

    public init(integer: Int) {
        numerator = integer
        denominator = 1
    }

    public static func gcd(_ a: Int, _ b: Int) -> Int {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return max(a, 1)
    }

    public var isInteger: Bool { denominator == 1 }
    public var doubleValue: Double { Double(numerator) / Double(denominator) }
    public var description: String { denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)" }

    private static func checked(_ x: (partialValue: Int, overflow: Bool)) -> Int? {
        x.overflow ? nil : x.partialValue
    }

    public func adding(_ o: Rational) -> Rational? {
        guard let a = Rational.checked(numerator.multipliedReportingOverflow(by: o.denominator)),
              let b = Rational.checked(o.numerator.multipliedReportingOverflow(by: denominator)),
              let n = Rational.checked(a.addingReportingOverflow(b)),
              let d = Rational.checked(denominator.multipliedReportingOverflow(by: o.denominator))
        else { return nil }
        return Rational(n, d)
    }

    public func negated() -> Rational? { Rational(-numerator, denominator) }

    public func subtracting(_ o: Rational) -> Rational? {
        guard let minus = o.negated() else { return nil }
        return adding(minus)
    }

    public func multiplied(by o: Rational) -> Rational? {
        guard let n = Rational.checked(numerator.multipliedReportingOverflow(by: o.numerator)),
              let d = Rational.checked(denominator.multipliedReportingOverflow(by: o.denominator))
        else { return nil }
        return Rational(n, d)
    }

    public func divided(by o: Rational) -> Rational? {
        guard o.numerator != 0, let inverse = Rational(o.denominator, o.numerator) else { return nil }
        return multiplied(by: inverse)
    }
}
