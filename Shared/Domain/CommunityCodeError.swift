/// Why text was not accepted as a 12-digit community code, in terms a clerk can act on.
public enum CommunityCodeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text has this many characters instead of 12.
    case wrongLength(Int)
    /// The character at this 1-based position is not an ASCII digit.
    case nonDigit(position: Int)
    /// The first two digits are not a GB/T 2260 province code.
    case invalidProvinceCode(String)
    /// Digits 7–9 are `000`, which denotes a county rather than a township or street.
    case missingTownshipPart
    /// Digits 10–12 are `000`, which denotes a township rather than a community.
    case missingCommunityPart

    public var description: String {
        switch self {
        case .wrongLength(let count):
            "A community code must have 12 digits, but \(count) characters were given."
        case .nonDigit(let position):
            "Character \(position) of the community code is not a digit 0-9."
        case .invalidProvinceCode(let code):
            "The community code starts with \(code), which is not a valid province code."
        case .missingTownshipPart:
            "Digits 7 to 9 of the community code are 000, so it does not name a township or street."
        case .missingCommunityPart:
            "Digits 10 to 12 of the community code are 000, so it names a township, not a community."
        }
    }
}
