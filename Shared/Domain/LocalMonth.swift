/// A calendar month of the residents' world (`YYYY-MM`, Asia/Shanghai): the unit of monthly
/// payments, of standards in force and of "from the next month" rules, so no office compares
/// date strings or counts months by hand.
public struct LocalMonth: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    /// 1…12.
    public let month: Int

    public init(year: Int, month: Int) throws(LocalDateError) {
        guard LocalDate.supportedYears.contains(year) else { throw .yearOutOfRange(year) }
        guard (1...12).contains(month) else { throw .impossibleDate(year: year, month: month, day: 1) }
        self.year = year
        self.month = month
    }

    /// The month `date` falls in.
    public init(_ date: LocalDate) {
        year = date.year
        month = date.month
    }

    /// Parses `YYYY-MM` (exactly seven characters, ASCII digits, zero padded).
    public init(iso text: String) throws(LocalDateError) {
        let utf8 = Array(text.utf8)
        guard utf8.count == 7, utf8[4] == UInt8(ascii: "-") else { throw .malformed }
        var digits: [Int] = []
        for (index, byte) in utf8.enumerated() where index != 4 {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { throw .malformed }
            digits.append(Int(byte - UInt8(ascii: "0")))
        }
        try self.init(year: digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3], month: digits[4] * 10 + digits[5])
    }

    /// The first day of the month.
    public var firstDay: LocalDate { LocalDate(validYear: year, month: month, day: 1) }

    /// The last day of the month.
    public var lastDay: LocalDate { LocalDate(validYear: year, month: month, day: LocalDate.daysInMonth(year: year, month: month)) }

    /// The month `count` months later (earlier when negative), clamped to the supported years.
    public func adding(months count: Int) -> LocalMonth {
        let index = min(max(year * 12 + (month - 1) + count, LocalDate.supportedYears.lowerBound * 12), LocalDate.supportedYears.upperBound * 12 + 11)
        return LocalMonth(validYear: index / 12, month: index % 12 + 1)
    }

    /// The month after this one.
    public var next: LocalMonth { adding(months: 1) }

    /// `YYYY-MM`.
    public var description: String {
        let y = String(year)
        return String(repeating: "0", count: max(0, 4 - y.count)) + y + (month < 10 ? "-0" : "-") + String(month)
    }

    public static func < (lhs: LocalMonth, rhs: LocalMonth) -> Bool {
        (lhs.year, lhs.month) < (rhs.year, rhs.month)
    }

    private init(validYear: Int, month: Int) {
        year = validYear
        self.month = month
    }
}

extension LocalDate {
    /// The same day `count` months later, clamped to the last day of a shorter month
    /// (2026-01-31 plus one month is 2026-02-28): how review dates "in three months" fall.
    public func adding(months count: Int) -> LocalDate {
        let target = LocalMonth(self).adding(months: count)
        return LocalDate(validYear: target.year, month: target.month, day: min(day, LocalDate.daysInMonth(year: target.year, month: target.month)))
    }

    /// A date known to exist (built from another valid date or month).
    fileprivate init(validYear year: Int, month: Int, day: Int) {
        // Only called with a day of an existing month of a supported year.
        self = (try? LocalDate(year: year, month: month, day: day)) ?? LocalDate.distantFuture
    }
}
