/// Why text was not accepted as a resident identity number.
///
/// Descriptions never contain the number itself, nor the birth date, so errors can be logged
/// without leaking personal data; the associated values are for on-screen feedback only.
public enum ResidentIdentityNumberError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text has this many characters instead of 18.
    case wrongLength(Int)
    /// The character at this 1-based position is not an ASCII digit (or, at 18, not a digit or X).
    case nonDigit(position: Int)
    /// The first two digits are not a province code of GB/T 2260 (or, for `make`, the given
    /// division code is not six ASCII digits).
    case invalidDivisionCode
    /// Positions 7–14 (given as `YYYYMMDD`) are not a real calendar date.
    case impossibleBirthDate(String)
    /// Positions 7–14 (given as `YYYYMMDD`) are after today.
    case futureBirthDate(String)
    /// The check character does not match the first 17 digits: most likely a typo.
    case wrongCheckCharacter(expected: Character, found: Character)
    /// A generator was asked for a sequence number outside 0...999.
    case sequenceOutOfRange(Int)

    public var description: String {
        switch self {
        case .wrongLength(let count):
            "A resident identity number must have 18 characters, but \(count) were given."
        case .nonDigit(let position) where position == 18:
            "The last character of a resident identity number must be a digit or X."
        case .nonDigit(let position):
            "Character \(position) of the resident identity number is not a digit 0-9."
        case .invalidDivisionCode:
            "The division code of the resident identity number is not valid: it must be six digits starting with a province code."
        case .impossibleBirthDate:
            "The birth date in the resident identity number is not a real calendar date."
        case .futureBirthDate:
            "The birth date in the resident identity number is in the future."
        case .wrongCheckCharacter(let expected, let found):
            "The check character of the resident identity number is \(found) but should be \(expected); a digit was probably mistyped."
        case .sequenceOutOfRange(let sequence):
            "The sequence number \(sequence) is outside 0 to 999."
        }
    }
}
