/// Why text or numbers could not become a `LocalDate`, so callers can tell a typo from an impossible date.
public enum LocalDateError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text is not of the form `YYYY-MM-DD` with ASCII digits.
    case malformed
    /// The year has no four-digit form.
    case yearOutOfRange(Int)
    /// The month or day does not exist, such as 2023-02-29 or 2024-13-01.
    case impossibleDate(year: Int, month: Int, day: Int)

    public var description: String {
        switch self {
        case .malformed:
            "The date is not written as YYYY-MM-DD."
        case .yearOutOfRange(let year):
            "The year \(year) is outside the supported range 1 to 9999."
        case .impossibleDate(let year, let month, let day):
            "There is no day \(day) in month \(month) of year \(year)."
        }
    }
}
