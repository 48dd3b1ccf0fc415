/// A person's name as entered by a clerk, validated once so that storage and printed forms
/// never receive empty, oversized or control-character-laden names.
///
/// Leading and trailing whitespace is trimmed (a common copy-paste artefact); the name must
/// then have 1–50 characters and contain no control characters (Unicode category Cc), line
/// or paragraph separators, or bidirectional-override characters that could disguise text.
/// Interior spaces and the middle dot used in transliterated names (e.g. 买买提·艾力) are allowed.
///
/// Like other personal data, `description` is the masked form; use `rawValue` for the full name.
public struct PersonName: Sendable, Hashable, Codable, CustomStringConvertible,
    CustomDebugStringConvertible, CustomReflectable
{
    /// The trimmed, validated name.
    public let rawValue: String

    public static let maximumLength = 50

    public init(_ text: String) throws(PersonNameError) {
        let trimmed = Self.trimmed(text)
        guard !trimmed.isEmpty else { throw .empty }
        let chars = Array(trimmed)
        guard chars.count <= Self.maximumLength else { throw .tooLong(chars.count) }
        for (offset, char) in chars.enumerated() where char.unicodeScalars.contains(where: Self.isForbidden) {
            throw .controlCharacter(position: offset + 1)
        }
        self.rawValue = trimmed
    }

    /// The name with everything but the family name masked, e.g. `张*`.
    public var masked: String { Masking.maskName(rawValue) }

    public var description: String { masked }

    /// Masked too, for `String(reflecting:)`, `debugPrint` and test failure messages.
    public var debugDescription: String { "PersonName(\(masked))" }

    /// Keeps `dump` and debuggers from printing the stored full name.
    public var customMirror: Mirror { Mirror(self, children: ["masked": masked]) }

    // MARK: Codable as the plain string, validated on decode

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    // MARK: Helpers

    private static func trimmed(_ text: String) -> String {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        guard let first = text.firstIndex(where: { !isSpace($0) }),
            let last = text.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(text[first...last])
    }

    private static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator:
            return true
        default:
            // Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069).
            return (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
        }
    }
}
