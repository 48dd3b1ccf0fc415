/// Why text or parts were not accepted as a 15-digit grid code.
public enum GridCodeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text has this many characters instead of 15.
    case wrongLength(Int)
    /// The character at this 1-based position is not an ASCII digit.
    case nonDigit(position: Int)
    /// The first 12 digits are not a valid community code.
    case invalidCommunity(CommunityCodeError)
    /// The grid number is outside 1...999 (`000` is not a grid).
    case numberOutOfRange(Int)

    public var description: String {
        switch self {
        case .wrongLength(let count):
            "A grid code must have 15 digits, but \(count) characters were given."
        case .nonDigit(let position):
            "Character \(position) of the grid code is not a digit 0-9."
        case .invalidCommunity(let error):
            "The first 12 digits of the grid code are not a valid community code: \(error.description)"
        case .numberOutOfRange(let number):
            "The grid number \(number) is outside 001 to 999."
        }
    }
}
