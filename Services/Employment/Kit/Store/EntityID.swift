/// The public ids of the office's records: a letter naming the kind and the row number
/// ("S42" a seeker, "V7" a vacancy), so a clerk can tell them apart on the phone.
public enum EntityID {
    public static func format(_ prefix: Character, _ id: Int64) -> String { "\(prefix)\(id)" }

    /// The row number in `text`, or nil when it is not an id of this kind.
    public static func parse(_ text: String, prefix: Character) -> Int64? {
        guard text.first == prefix, let id = Int64(text.dropFirst()), id > 0 else { return nil }
        return id
    }
}
