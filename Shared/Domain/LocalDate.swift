import Foundation

/// A calendar date as residents experience it (Asia/Shanghai), with no time of day or zone,
/// so that birthdays, deadlines and office days never shift when a server runs in UTC.
///
/// Arithmetic uses a proleptic Gregorian day count instead of `Calendar`, which keeps the
/// type a plain value with no locale or time-zone state. Years are limited to 1...9999 so
/// that every date has a four-digit `YYYY-MM-DD` form.
public struct LocalDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// The years that have a four-digit ISO form; anything else is rejected on input.
    public static let supportedYears: ClosedRange<Int> = 1...9999

    /// The zone all "today"/"which day is it" questions are answered in. China has had a
    /// fixed UTC+8 offset without daylight saving since 1991, so the fixed offset is a safe
    /// fallback when the system has no tz database.
    public static let shanghai: TimeZone =
        TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600)!

    /// Creates a date, rejecting impossible ones such as February 29 in a non-leap year.
    public init(year: Int, month: Int, day: Int) throws(LocalDateError) {
        guard Self.supportedYears.contains(year) else { throw .yearOutOfRange(year) }
        guard (1...12).contains(month) else { throw .impossibleDate(year: year, month: month, day: day) }
        guard (1...Self.daysInMonth(year: year, month: month)).contains(day) else {
            throw .impossibleDate(year: year, month: month, day: day)
        }
        self.init(uncheckedYear: year, month: month, day: day)
    }

    /// Parses the ISO form `YYYY-MM-DD` (exactly ten characters, ASCII digits, zero padded).
    public init(iso text: String) throws(LocalDateError) {
        let chars = Array(text)
        guard chars.count == 10, chars[4] == "-", chars[7] == "-",
            let year = Self.number(chars[0..<4]),
            let month = Self.number(chars[5..<7]),
            let day = Self.number(chars[8..<10])
        else { throw .malformed }
        try self.init(year: year, month: month, day: day)
    }

    /// The calendar date that `instant` falls on in `timeZone` (Shanghai by default).
    ///
    /// - Precondition: the resulting year lies in `supportedYears`.
    public init(_ instant: Date, in timeZone: TimeZone = LocalDate.shanghai) {
        let offset = Double(timeZone.secondsFromGMT(for: instant))
        let localSeconds = instant.timeIntervalSince1970 + offset
        let epochDay = Int((localSeconds / 86_400).rounded(.down))
        self.init(epochDay: epochDay)
    }

    /// Today's date in `timeZone`; residents' "today" is Shanghai's, whatever the server's zone.
    public static func today(in timeZone: TimeZone = shanghai) -> LocalDate {
        LocalDate(Date(), in: timeZone)
    }

    /// Midnight at the start of this date in `timeZone`, for storing or comparing instants.
    /// The last representable date, for comparisons that must never find a date "in the future".
    public static let distantFuture = try! LocalDate(year: 9999, month: 12, day: 31)

    public func startOfDay(in timeZone: TimeZone = LocalDate.shanghai) -> Date {
        let utcMidnight = Date(timeIntervalSince1970: Double(epochDay) * 86_400)
        // The offset at UTC midnight may differ from the offset at local midnight only in
        // zones with DST transitions near midnight; re-asking once at the estimate fixes that.
        let estimate = utcMidnight.addingTimeInterval(-Double(timeZone.secondsFromGMT(for: utcMidnight)))
        return utcMidnight.addingTimeInterval(-Double(timeZone.secondsFromGMT(for: estimate)))
    }

    /// The date `days` days later (earlier when negative).
    ///
    /// - Precondition: the result lies in `supportedYears`; like integer overflow, leaving
    ///   that range is a programming error and traps.
    public func adding(days: Int) -> LocalDate {
        LocalDate(epochDay: epochDay + days)
    }

    /// The number of days from `other` to `self`: positive when `self` is later.
    public func days(from other: LocalDate) -> Int {
        epochDay - other.epochDay
    }

    /// The ISO day of the week.
    public var weekday: Weekday {
        // 1970-01-01 was a Thursday (ISO number 4).
        let zeroBasedFromMonday = ((epochDay + 3) % 7 + 7) % 7
        return Weekday(rawValue: zeroBasedFromMonday + 1)!
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        Self.pad(year, 4) + "-" + Self.pad(month, 2) + "-" + Self.pad(day, 2)
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in `month` of `year`; `month` must be 1...12.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    // MARK: Codable as the ISO string, the format the rest of the system and JSON readers expect.

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(iso: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    // MARK: Day-count conversion (H. Hinnant's civil-from-days algorithms)

    /// Days since 1970-01-01; internal so the day-count representation stays an implementation detail.
    var epochDay: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    init(epochDay: Int) {
        let z = epochDay + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        precondition(Self.supportedYears.contains(year), "LocalDate out of the supported year range 1...9999")
        self.init(uncheckedYear: year, month: month, day: day)
    }

    private init(uncheckedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    private static func number(_ chars: ArraySlice<Character>) -> Int? {
        var value = 0
        for char in chars {
            guard let ascii = char.asciiValue, (48...57).contains(ascii) else { return nil }
            value = value * 10 + Int(ascii - 48)
        }
        return value
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
