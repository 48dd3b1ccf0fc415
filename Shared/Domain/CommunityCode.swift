/// The 12-digit statistical division code (统计用区划代码) of a community residents' committee
/// (社区居委会): 6-digit county code + 3-digit township/street code + 3-digit community number.
///
/// It is the key every community-scoped record is filed under, so it is validated once here
/// rather than treated as an arbitrary string. Only the province prefix is checked against
/// GB/T 2260; the full table changes yearly and is not shipped with this module.
public struct CommunityCode: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The 12 digits.
    public let rawValue: String

    public init(_ text: String) throws(CommunityCodeError) {
        let digits: [UInt8]
        if let fast = ASCIIDigits.fast(text.utf8, count: 12) {
            digits = fast
        } else {
            let chars = Array(text)
            guard chars.count == 12 else { throw .wrongLength(chars.count) }
            switch ASCIIDigits.parse(chars) {
            case .success(let parsed): digits = parsed
            case .failure(let nonDigit): throw .nonDigit(position: nonDigit.position)
            }
        }
        guard ProvinceCode.isValid(digits) else { throw .invalidProvinceCode(String(text.prefix(2))) }
        // A committee always sits inside a township or street, so neither part may be empty.
        guard digits[6..<9] != [0, 0, 0] else { throw .missingTownshipPart }
        guard digits[9..<12] != [0, 0, 0] else { throw .missingCommunityPart }
        self.rawValue = text
    }

    /// The 2-digit province code (省级).
    public var provinceCode: String { String(rawValue.prefix(2)) }

    /// The 6-digit county-level code (县级, GB/T 2260).
    public var countyCode: String { String(rawValue.prefix(6)) }

    /// The 3-digit township or street part (乡级) on its own, e.g. `"002"`.
    public var townshipPart: String { String(rawValue.dropFirst(6).prefix(3)) }

    /// The 9-digit code of the township or street (county + township parts).
    public var townshipCode: String { String(rawValue.prefix(9)) }

    /// The 3-digit community part (村级) on its own, e.g. `"001"`.
    public var communityPart: String { String(rawValue.suffix(3)) }

    public var description: String { rawValue }

    public static func < (lhs: CommunityCode, rhs: CommunityCode) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

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
}
