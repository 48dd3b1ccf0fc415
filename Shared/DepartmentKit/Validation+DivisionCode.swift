import Domain
import WireProtocol

extension Validation {
    /// A 6-digit division code (GB/T 2260); nil (and a violation of `field`) when invalid.
    public mutating func divisionCode(_ text: String, field: String) -> DivisionCode? {
        guard !text.isEmpty else { fail(field: field, "is required"); return nil }
        return parse(field) { try DivisionCode(text) }
    }
}
