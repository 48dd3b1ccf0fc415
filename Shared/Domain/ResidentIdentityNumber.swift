import Foundation

/// A validated 18-character resident identity number (居民身份号码, GB 11643-1999).
///
/// Layout: 6-digit division code (GB/T 2260), 8-digit birth date `YYYYMMDD`, 3-digit sequence
/// (odd = male, even = female), and an ISO 7064 MOD 11-2 check character (`0`–`9` or `X`).
///
/// The number is personal data: `description` (and so string interpolation and most logging)
/// shows only the masked form. Use `rawValue` deliberately where the full number is needed.
/// `Codable` carries the full number because persisted records need it.
public struct ResidentIdentityNumber: Sendable, Hashable, Codable, CustomStringConvertible,
    CustomDebugStringConvertible, CustomReflectable
{
    /// The full number, with a lowercase `x` normalised to `X`.
    public let rawValue: String

    /// The birth date in positions 7–14; stored because it is needed for every age check.
    public let birthDate: LocalDate

    /// The weights of the first 17 digits: 2^(17−i) mod 11, per GB 11643.
    public static let weights: [Int] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]

    /// `checkCharacters[sum mod 11]` is the check character.
    private static let checkCharacters: [Character] = Array("10X98765432")

    /// Validates `text` exactly as typed: no trimming, so stray spaces are reported, not hidden.
    ///
    /// - Parameter today: the date against which a future birth date is rejected; injectable so
    ///   validation is deterministic in tests.
    public init(_ text: String, today: LocalDate = .today()) throws(ResidentIdentityNumberError) {
        let digits: [UInt8]
        let found: Character
        let utf8 = text.utf8
        if utf8.count == 18, let fast = ASCIIDigits.fast(utf8.prefix(17), count: 17),
            let last = utf8.last, (48...57).contains(last) || last == UInt8(ascii: "X") || last == UInt8(ascii: "x")
        {
            // The common case, checked on bytes; anything else takes the path that names the problem.
            digits = fast
            found = last == UInt8(ascii: "x") ? "X" : Character(Unicode.Scalar(last))
        } else {
            let chars = Array(text)
            guard chars.count == 18 else { throw .wrongLength(chars.count) }
            switch ASCIIDigits.parse(chars[0..<17]) {
            case .success(let parsed): digits = parsed
            case .failure(let nonDigit): throw .nonDigit(position: nonDigit.position)
            }
            found = chars[17] == "x" ? "X" : chars[17]
            guard found == "X" || ASCIIDigits.value(of: found) != nil else { throw .nonDigit(position: 18) }
        }

        guard ProvinceCode.isValid(digits) else { throw .invalidDivisionCode }

        let birthText = ASCIIDigits.string(digits[6..<14])
        let birthDate: LocalDate
        do {
            birthDate = try LocalDate(
                year: Self.number(digits[6..<10]),
                month: Self.number(digits[10..<12]),
                day: Self.number(digits[12..<14])
            )
        } catch {
            throw .impossibleBirthDate(birthText)
        }
        guard birthDate <= today else { throw .futureBirthDate(birthText) }

        let expected = Self.checkCharacter(forDigits: digits)
        guard found == expected else { throw .wrongCheckCharacter(expected: expected, found: found) }

        self.rawValue = ASCIIDigits.string(digits) + String(found)
        self.birthDate = birthDate
    }

    /// A number read back from storage that validated it when it was written: only the layout
    /// is re-checked (18 ASCII characters, a real birth date), not the check character or the
    /// date against today — list pages read thousands of these. Anything malformed still throws.
    public init(stored text: String) throws(ResidentIdentityNumberError) {
        let utf8 = Array(text.utf8)
        guard utf8.count == 18, let digits = ASCIIDigits.fast(utf8[6..<14], count: 8) else {
            try self.init(text, today: LocalDate.distantFuture)
            return
        }
        let number = { (range: Range<Int>) in digits[range].reduce(0) { $0 * 10 + Int($1) } }
        let date: LocalDate
        do {
            date = try LocalDate(year: number(0..<4), month: number(4..<6), day: number(6..<8))
        } catch {
            throw .impossibleBirthDate(String(decoding: utf8[6..<14], as: UTF8.self))
        }
        self.init(checkedRawValue: text, birthDate: date)
    }

    private init(checkedRawValue: String, birthDate: LocalDate) {
        self.rawValue = checkedRawValue
        self.birthDate = birthDate
    }

    /// Builds a valid number, computing the check character; meant for demo and test data.
    ///
    /// - Parameters:
    ///   - divisionCode: six ASCII digits with a valid province prefix; anything else throws
    ///     `invalidDivisionCode`.
    ///   - sequence: 0...999; odd for a male, even for a female.
    public static func make(
        divisionCode: String,
        birthDate: LocalDate,
        sequence: Int,
        today: LocalDate = .today()
    ) throws(ResidentIdentityNumberError) -> ResidentIdentityNumber {
        guard divisionCode.count == 6, case .success = ASCIIDigits.parse(divisionCode) else {
            throw .invalidDivisionCode
        }
        guard (0...999).contains(sequence) else { throw .sequenceOutOfRange(sequence) }
        let paddedSequence = String(String(sequence + 1000).dropFirst())
        let birth = birthDate.description.filter { $0 != "-" }
        let first17 = divisionCode + birth + paddedSequence
        guard case .success(let digits) = ASCIIDigits.parse(first17) else {
            preconditionFailure("all parts were checked to be ASCII digits")
        }
        let text = first17 + String(checkCharacter(forDigits: digits))
        return try ResidentIdentityNumber(text, today: today)
    }

    /// The check character for the first 17 characters of a number; for test-data generators.
    ///
    /// - Precondition: `first17` is exactly 17 ASCII digits (a programming error otherwise).
    public static func checkCharacter(for first17: String) -> Character {
        guard first17.count == 17, case .success(let digits) = ASCIIDigits.parse(first17) else {
            preconditionFailure("checkCharacter(for:) needs exactly 17 ASCII digits")
        }
        return checkCharacter(forDigits: digits)
    }

    /// The GB/T 2260 code of the county-level division where the number was first issued.
    public var divisionCode: String { String(rawValue.prefix(6)) }

    /// The 3-digit sequence number (positions 15–17), which also encodes sex.
    public var sequence: Int {
        Self.number(Array(rawValue.utf8)[14..<17].map { $0 - 48 })
    }

    public var sex: Sex { sequence % 2 == 1 ? .male : .female }

    /// Completed years of age on `date`. Someone born on February 29 turns a year older on
    /// March 1 in non-leap years. Dates before the birth date give 0.
    public func age(on date: LocalDate) -> Int {
        let birth = birthDate
        let hadBirthday = (date.month, date.day) >= (birth.month, birth.day)
        return max(0, date.year - birth.year - (hadBirthday ? 0 : 1))
    }

    /// First 6 and last 4 characters with the birth date hidden, e.g. `110105********002X`.
    public var masked: String { Masking.maskIDNumber(rawValue) }

    /// The masked form, so accidental logging or interpolation does not leak the number.
    public var description: String { masked }

    /// Masked too: `String(reflecting:)`, `debugPrint` and test failure messages use it.
    public var debugDescription: String { "ResidentIdentityNumber(\(masked))" }

    /// Without this, `dump` and debuggers would walk the stored properties and print the full
    /// number and birth date.
    public var customMirror: Mirror { Mirror(self, children: ["masked": masked]) }

    // MARK: Codable as the plain string

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

    private static func checkCharacter(forDigits digits: [UInt8]) -> Character {
        var sum = 0
        for (digit, weight) in zip(digits, weights) {
            sum += Int(digit) * weight
        }
        return checkCharacters[sum % 11]
    }

    private static func number(_ digits: some Collection<UInt8>) -> Int {
        digits.reduce(0) { $0 * 10 + Int($1) }
    }
}
