import Domain
import Foundation
import WireClient
import WireProtocol
import WireRuntime

/// Validation of the shared domain types, so every office checks an ID number, a community or a
/// grid code, a date or an amount the same way and names the field the same way.
extension Validation {
    /// A resident identity number (GB 11643); nil (and a violation) when invalid.
    public mutating func residentID(_ text: String, field: String) -> ResidentIdentityNumber? {
        guard !text.isEmpty else { fail(field: field, "is required"); return nil }
        return parse(field) { try ResidentIdentityNumber(text) }
    }

    public mutating func community(_ text: String, field: String) -> CommunityCode? {
        guard !text.isEmpty else { fail(field: field, "is required"); return nil }
        return parse(field) { try CommunityCode(text) }
    }

    /// A grid code; when `community` is given, the grid must belong to it.
    public mutating func grid(_ text: String, field: String, in community: CommunityCode? = nil) -> GridCode? {
        guard !text.isEmpty else { fail(field: field, "is required"); return nil }
        guard let grid = parse(field, { try GridCode(text) }) else { return nil }
        if let community, grid.community != community {
            fail(field: field, "grid \(grid.rawValue) is not in community \(community.rawValue)")
            return nil
        }
        return grid
    }

    public mutating func date(_ text: String, field: String) -> LocalDate? {
        guard !text.isEmpty else { fail(field: field, "is required (YYYY-MM-DD)"); return nil }
        return parse(field) { try LocalDate(iso: text) }
    }

    public mutating func personName(_ text: String, field: String) -> PersonName? {
        parse(field) { try PersonName(text) }
    }

    /// A non-negative amount of money in fen, at most `maximum`.
    public mutating func amount(_ fen: Int64, field: String, maximum: Int64 = 1_000_000_000_00) -> Fen? {
        guard fen >= 0 else { fail(field: field, "must not be negative (got \(fen))"); return nil }
        guard fen <= maximum else { fail(field: field, "must be at most \(maximum) fen"); return nil }
        return Fen(fen)
    }

    /// A list of short free-text tags (skills): trimmed, lower-cased, non-empty, deduplicated,
    /// bounded, and free of control characters (the stored form joins them with one, `Tags`).
    public mutating func tags(_ values: [String], field: String, maxCount: Int = 30, maxLength: Int = 40) -> [String] {
        require(values.count <= maxCount, field: field, "at most \(maxCount) entries (got \(values.count))")
        var seen: Set<String> = []
        var result: [String] = []
        for (i, raw) in values.enumerated() {
            let tag = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            if tag.isEmpty { fail(field: "\(field)[\(i)]", "must not be empty"); continue }
            if tag.count > maxLength { fail(field: "\(field)[\(i)]", "at most \(maxLength) characters"); continue }
            // Tags are stored joined by a control character (`Tags.separator`), so none may hold one.
            if tag.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                fail(field: "\(field)[\(i)]", "must not contain control characters"); continue
            }
            if seen.insert(tag).inserted { result.append(tag) }
        }
        return result
    }

    /// Free text up to `maxLength` characters with no control characters.
    public mutating func text(_ value: String, field: String, maxLength: Int, required: Bool = false) {
        if required && value.trimmingCharacters(in: .whitespaces).isEmpty { fail(field: field, "is required"); return }
        require(value.count <= maxLength, field: field, "at most \(maxLength) characters (got \(value.count))")
        require(!value.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" }, field: field, "must not contain control characters")
    }
}
