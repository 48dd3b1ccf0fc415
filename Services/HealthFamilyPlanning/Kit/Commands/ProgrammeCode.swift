import WireProtocol

extension Validation {
    /// A chronic disease programme's code: 2–40 lower-case ASCII letters, digits and '-'.
    mutating func programmeCode(_ text: String, field: String) -> String? {
        guard !text.isEmpty else { fail(field: field, "is required"); return nil }
        let allowed = text.utf8.allSatisfy {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "-")
        }
        guard allowed, (2...40).contains(text.utf8.count) else {
            fail(field: field, "must be 2–40 lower-case letters, digits or '-' (like hypertension)")
            return nil
        }
        return text
    }
}
