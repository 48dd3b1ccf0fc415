/// Why text was not accepted as a 6-digit division code, in terms a clerk can act on.
public enum DivisionCodeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text has this many characters instead of 6.
    case wrongLength(Int)
    /// The character at this 1-based position is not an ASCII digit.
    case nonDigit(position: Int)
    /// The first two digits are not a GB/T 2260 province code.
    case invalidProvinceCode(String)

    public var description: String {
        switch self {
        case .wrongLength(let count): "A division code must have 6 digits, but \(count) characters were given."
        case .nonDigit(let position): "Character \(position) of the division code is not a digit 0-9."
        case .invalidProvinceCode(let code): "The division code starts with \(code), which is not a valid province code."
        }
    }
}
