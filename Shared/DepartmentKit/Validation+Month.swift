import Domain
import WireProtocol

extension Validation {
    /// A calendar month `YYYY-MM`; nil (and a violation of `field`) when empty or malformed.
    public mutating func month(_ text: String, field: String) -> LocalMonth? {
        guard !text.isEmpty else { fail(field: field, "is required (YYYY-MM)"); return nil }
        return parse(field) { try LocalMonth(iso: text) }
    }

    /// A date `YYYY-MM-DD`, or `fallback` when `text` is empty.
    public mutating func date(_ text: String, field: String, default fallback: LocalDate) -> LocalDate? {
        text.isEmpty ? fallback : date(text, field: field)
    }
}
