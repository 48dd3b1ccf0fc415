/// Why text was not accepted as a person's name. Descriptions do not repeat the name, so
/// they can be logged safely.
public enum PersonNameError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing is left after trimming whitespace.
    case empty
    /// The trimmed name has this many characters, more than `PersonName.maximumLength`.
    case tooLong(Int)
    /// The character at this 1-based position (after trimming) is a control or formatting
    /// character that has no place in a name.
    case controlCharacter(position: Int)

    public var description: String {
        switch self {
        case .empty:
            "The name is empty."
        case .tooLong(let count):
            "The name has \(count) characters, but at most \(PersonName.maximumLength) are allowed."
        case .controlCharacter(let position):
            "Character \(position) of the name is a control character, which is not allowed in a name."
        }
    }
}
