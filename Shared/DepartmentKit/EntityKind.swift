/// The kind of record an office hands out public ids for: the letter in front of the row number
/// and the noun its messages use ("S", "job seeker"). One value per kind keeps the letter and the
/// wording of "is not a job seeker id" and "no job seeker S42" in one place.
///
/// An office declares its kinds once:
///
/// ```swift
/// extension EntityKind {
///     static let jobSeeker = EntityKind(prefix: "S", noun: "job seeker")
/// }
/// ```
public struct EntityKind: Hashable, Sendable {
    /// A capital letter, unique among the office's kinds.
    public let prefix: Character
    /// What the record is called in messages to a clerk ("job seeker", "vacancy").
    public let noun: String

    public init(prefix: Character, noun: String) {
        self.prefix = prefix
        self.noun = noun
    }

    /// The id of row `row` of this kind.
    public func id(_ row: Int64) -> EntityID { EntityID(self, row: row) }

    /// The public id of row `row` of this kind, as sent on the wire ("S42").
    public func format(_ row: Int64) -> String { "\(prefix)\(row)" }
}
