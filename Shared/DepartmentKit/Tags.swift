/// A list of short tags (skills) kept in one text column, joined by the ASCII unit separator.
/// `Validation.tags` refuses control characters, the separator among them, so `split` gives back
/// exactly the tags that were joined.
public enum Tags {
    /// U+001F UNIT SEPARATOR.
    public static let separator = "\u{1F}"

    public static func join(_ tags: [String]) -> String { tags.joined(separator: separator) }

    public static func split(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        // Split on the separator byte (never part of a multi-byte UTF-8 sequence).
        return text.utf8.split(separator: 0x1F, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    }
}
