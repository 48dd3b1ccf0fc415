/// Strict ASCII digit scanning for the fixed-width codes in this module. `Character.isNumber`
/// would accept full-width and other-script digits, and digits with combining marks, none of
/// which are valid in official codes.
enum ASCIIDigits {
    /// The numeric value of `char` if it is exactly one of the ASCII characters 0–9.
    static func value(of char: Character) -> UInt8? {
        guard let ascii = char.asciiValue, (48...57).contains(ascii) else { return nil }
        return ascii - 48
    }

    /// The digit values of `chars`, or the 1-based position of the first non-digit.
    static func parse(_ chars: some Sequence<Character>) -> Result<[UInt8], NonDigit> {
        var digits: [UInt8] = []
        for (offset, char) in chars.enumerated() {
            guard let digit = value(of: char) else { return .failure(NonDigit(position: offset + 1)) }
            digits.append(digit)
        }
        return .success(digits)
    }

    /// The digit values when `bytes` are exactly `count` ASCII digits — the common, valid case,
    /// checked on UTF-8 bytes without building Characters; nil otherwise, and the caller takes
    /// the precise path that names the problem.
    static func fast(_ bytes: some Collection<UInt8>, count: Int) -> [UInt8]? {
        guard bytes.count == count else { return nil }
        var digits: [UInt8] = []
        digits.reserveCapacity(count)
        for byte in bytes {
            guard byte >= 48 && byte <= 57 else { return nil }
            digits.append(byte - 48)
        }
        return digits
    }

    /// The 1-based position of a character that is not an ASCII digit.
    struct NonDigit: Error {
        let position: Int
    }

    static func string(_ digits: some Sequence<UInt8>) -> String {
        String(decoding: digits.map { $0 + 48 }, as: UTF8.self)
    }
}
