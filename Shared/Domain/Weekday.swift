/// A day of the week, numbered as in ISO 8601 (Monday = 1), which is also how Chinese
/// calendars count (星期一 first), so working-day rules read naturally.
public enum Weekday: Int, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    /// Monday to Friday. Public holidays and adjusted working weekends (调休) are deliberately
    /// not modelled here; they need a published calendar that this module does not carry.
    public var isWorkingDay: Bool { self < .saturday }

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.rawValue < rhs.rawValue }
}
