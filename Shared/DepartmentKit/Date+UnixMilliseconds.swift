import Foundation

/// Instants are stored and sent as Unix milliseconds (the `…_ms` fields, the `…_at` columns):
/// one conversion, rounding to the nearest millisecond, for every office.
extension Date {
    /// Milliseconds since 1970-01-01T00:00:00Z, rounded to the nearest.
    public var unixMilliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    public init(unixMilliseconds: Int64) {
        self.init(timeIntervalSince1970: TimeInterval(unixMilliseconds) / 1000)
    }
}
