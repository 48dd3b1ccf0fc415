/// An amount of money in fen (分, 1/100 yuan) held as an exact integer, so subsidies, fees and
/// totals never suffer binary floating-point rounding.
///
/// Overflow policy: the operators `+`, `-`, `*` and prefix `-` trap on overflow like `Int64`
/// does, because an amount beyond ±92 trillion yuan is a programming error. Where the inputs
/// come from outside (imports, user totals), use the throwing `adding(_:)`, `subtracting(_:)`
/// and `multiplied(by:)` instead.
///
/// There is deliberately no integer-literal conformance: `let fee: Fen = 12` would read as
/// 12 yuan to most readers. Write `Fen(1200)` or `try Fen(yuan: "12")`.
public struct Fen: Sendable, Hashable, Comparable, AdditiveArithmetic, Codable, CustomStringConvertible {
    /// The amount in fen.
    public let rawValue: Int64

    public static let zero = Fen(0)

    public init(_ fen: Int64) {
        self.rawValue = fen
    }

    /// Parses a yuan amount such as `"12"`, `"12.3"`, `"12.30"`, `"-0.05"` or `"1,234.56"`.
    ///
    /// At most two decimals are accepted, since anything finer would need rounding that a
    /// money parser should not do silently. Thousands separators are optional but, when used,
    /// must group by three as `yuanString` writes them. No spaces, currency signs or `+`.
    public init(yuan text: String) throws(FenError) {
        var chars = Substring(text)
        let isNegative = chars.first == "-"
        if isNegative { chars = chars.dropFirst() }

        let parts = chars.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let fractionText = parts.count > 1 ? parts[1] : ""
        if parts.count > 1, fractionText.isEmpty { throw .malformedYuan }
        guard let integerDigits = Self.integerDigits(parts[0]),
            let fractionDigits = Self.digits(fractionText)
        else { throw .malformedYuan }
        guard fractionDigits.count <= 2 else { throw .tooManyDecimals }

        // Accumulate the magnitude unsigned so that Int64.min itself can be parsed.
        var magnitude: UInt64 = 0
        for digit in integerDigits + fractionDigits + Array(repeating: 0, count: 2 - fractionDigits.count) {
            let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (plusDigit, o2) = times10.addingReportingOverflow(UInt64(digit))
            guard !o1, !o2 else { throw .overflow }
            magnitude = plusDigit
        }
        if isNegative {
            guard magnitude <= Int64.min.magnitude else { throw .overflow }
            self.init(Int64(bitPattern: 0 &- magnitude))
        } else {
            guard magnitude <= Int64.max.magnitude else { throw .overflow }
            self.init(Int64(magnitude))
        }
    }

    /// The amount in yuan with thousands separators and two decimals, e.g. `"1,234.56"`,
    /// `"-0.05"`; no currency sign so callers can choose `¥` or `元` for their context.
    public var yuanString: String {
        // `magnitude` is unsigned, so Int64.min formats without overflowing.
        let magnitude = rawValue.magnitude
        let cents = magnitude % 100
        let yuanDigits = Array(String(magnitude / 100))
        var grouped = ""
        for (index, digit) in yuanDigits.enumerated() {
            if index > 0, (yuanDigits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (rawValue < 0 ? "-" : "") + grouped + "." + (cents < 10 ? "0" : "") + String(cents)
    }

    public var description: String { yuanString }

    public var isNegative: Bool { rawValue < 0 }

    /// Returns `self` if it is zero or positive; for amounts that can only be owed, never credited.
    public func validatedNonNegative() throws(FenError) -> Fen {
        guard rawValue >= 0 else { throw .negative(self) }
        return self
    }

    // MARK: Checked arithmetic

    public func adding(_ other: Fen) throws(FenError) -> Fen {
        let (result, overflow) = rawValue.addingReportingOverflow(other.rawValue)
        guard !overflow else { throw .overflow }
        return Fen(result)
    }

    public func subtracting(_ other: Fen) throws(FenError) -> Fen {
        let (result, overflow) = rawValue.subtractingReportingOverflow(other.rawValue)
        guard !overflow else { throw .overflow }
        return Fen(result)
    }

    public func multiplied(by factor: Int) throws(FenError) -> Fen {
        guard let factor64 = Int64(exactly: factor) else { throw .overflow }
        let (result, overflow) = rawValue.multipliedReportingOverflow(by: factor64)
        guard !overflow else { throw .overflow }
        return Fen(result)
    }

    // MARK: Trapping operators (see the overflow policy above)

    public static func + (lhs: Fen, rhs: Fen) -> Fen { Fen(lhs.rawValue + rhs.rawValue) }
    public static func - (lhs: Fen, rhs: Fen) -> Fen { Fen(lhs.rawValue - rhs.rawValue) }
    public static func * (lhs: Fen, rhs: Int) -> Fen { Fen(lhs.rawValue * Int64(rhs)) }
    public static func * (lhs: Int, rhs: Fen) -> Fen { rhs * lhs }
    public static prefix func - (amount: Fen) -> Fen { Fen(-amount.rawValue) }

    public static func < (lhs: Fen, rhs: Fen) -> Bool { lhs.rawValue < rhs.rawValue }

    // MARK: Codable as a bare integer number of fen

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(Int64.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    // MARK: Parsing helpers

    /// The digits of the integer part, allowing correctly placed thousands separators.
    private static func integerDigits(_ text: Substring) -> [UInt8]? {
        guard !text.isEmpty else { return nil }
        let groups = text.split(separator: ",", omittingEmptySubsequences: false)
        if groups.count > 1 {
            guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else {
                return nil
            }
        }
        return digits(Substring(groups.joined()))
    }

    private static func digits(_ text: Substring) -> [UInt8]? {
        guard case .success(let digits) = ASCIIDigits.parse(text) else { return nil }
        return digits
    }
}
