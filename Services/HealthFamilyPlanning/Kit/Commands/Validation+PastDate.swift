import Domain
import WireProtocol

extension Validation {
    /// A date of something that has happened: "YYYY-MM-DD" not after `today`; when `text` is
    /// empty, `today` (with `defaultsToToday`) or a violation.
    mutating func pastDate(_ text: String, field: String, today: LocalDate, defaultsToToday: Bool = false) -> LocalDate? {
        if text.isEmpty && defaultsToToday { return today }
        guard let date = date(text, field: field) else { return nil }
        guard date <= today else {
            fail(field: field, "must not be in the future")
            return nil
        }
        return date
    }
}
