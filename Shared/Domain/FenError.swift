/// Why a money amount could not be parsed, computed or accepted.
public enum FenError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text is not a yuan amount such as `12`, `12.3` or `1,234.56`.
    case malformedYuan
    /// The text has more than two decimals, i.e. a fraction of a fen.
    case tooManyDecimals
    /// The result does not fit in 64 bits of fen.
    case overflow
    /// The amount is negative where only zero or more is allowed.
    case negative(Fen)

    public var description: String {
        switch self {
        case .malformedYuan:
            "The amount is not a yuan amount such as 12, 12.3 or 1,234.56."
        case .tooManyDecimals:
            "The amount has more than two decimals; the smallest unit is one fen (0.01 yuan)."
        case .overflow:
            "The amount is too large to be represented."
        case .negative(let amount):
            "The amount \(amount.yuanString) yuan is negative, but it must be zero or more."
        }
    }
}
