/// The public id of an office's record: a letter naming its kind and the row number ("S42" a job
/// seeker, "V7" a vacancy), so a clerk can tell ids apart on the phone and a store can use the row.
///
/// Only the canonical spelling parses — the prefix, then the row number in ASCII digits with no
/// sign and no leading zero — so one record has one id, and what a message or log says about an
/// id is exactly what the caller sent.
public struct EntityID: Hashable, Sendable, CustomStringConvertible {
    public let kind: EntityKind
    /// The row number, at least 1.
    public let row: Int64

    public init(_ kind: EntityKind, row: Int64) {
        self.kind = kind
        self.row = row
    }

    /// Parses `text` as an id of `kind`; nil when it is not one.
    public init?(_ text: String, kind: EntityKind) {
        guard text.first == kind.prefix else { return nil }
        let digits = text.utf8.dropFirst(kind.prefix.utf8.count)
        // 1…19 ASCII digits, the first not 0; Int64 then refuses what overflows.
        guard (1...19).contains(digits.count), digits.first != UInt8(ascii: "0"),
            digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            let row = Int64(text.dropFirst())
        else { return nil }
        self.init(kind, row: row)
    }

    /// The id as sent on the wire ("S42").
    public var description: String { kind.format(row) }
}
