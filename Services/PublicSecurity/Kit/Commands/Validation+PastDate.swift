import DepartmentKit
import Domain
import WireProtocol

extension Validation {
    /// A date ("YYYY-MM-DD") that has already come: not after `today`; nil (and a violation of
    /// `field`) otherwise. Check-ins, departures, drills and closings are recorded after the fact.
    mutating func pastDate(_ text: String, field: String, today: LocalDate) -> LocalDate? {
        guard let date = date(text, field: field) else { return nil }
        guard date <= today else {
            fail(field: field, "must not be in the future (today is \(today))")
            return nil
        }
        return date
    }
}
