/// A 6-digit county-level administrative division code (行政区划代码, GB/T 2260): where a resident's
/// household registration (户籍) is, e.g. the origin of a member of the floating population (流动人口).
/// The first six digits of an ID number are one; so are the first six of a community code.
///
/// Only the province prefix is checked; the full table changes yearly and is not shipped here.
public struct DivisionCode: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The 6 digits.
    public let rawValue: String

    public init(_ text: String) throws(DivisionCodeError) {
        let digits: [UInt8]
        if let fast = ASCIIDigits.fast(text.utf8, count: 6) {
            digits = fast
        } else {
            let chars = Array(text)
            guard chars.count == 6 else { throw .wrongLength(chars.count) }
            switch ASCIIDigits.parse(chars) {
            case .success(let parsed): digits = parsed
            case .failure(let nonDigit): throw .nonDigit(position: nonDigit.position)
            }
        }
        guard ProvinceCode.isValid(digits) else { throw .invalidProvinceCode(String(text.prefix(2))) }
        self.rawValue = text
    }

    /// The division where an ID number was first issued (its first six digits).
    public init(of idNumber: ResidentIdentityNumber) {
        rawValue = idNumber.divisionCode
    }

    /// The 2-digit province code (省级).
    public var provinceCode: String { String(rawValue.prefix(2)) }

    public var description: String { rawValue }

    public static func < (lhs: DivisionCode, rhs: DivisionCode) -> Bool { lhs.rawValue < rhs.rawValue }
}
