/// A grid (网格) inside a community, written as 15 digits: the 12-digit community code followed
/// by a 3-digit grid number 001–999. Grid workers and cases are assigned by this code, so it
/// carries its community rather than being a bare number that could be filed under the wrong one.
public struct GridCode: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let community: CommunityCode
    /// The grid number within the community, 1...999.
    public let number: Int

    public static let numberRange: ClosedRange<Int> = 1...999

    public init(community: CommunityCode, number: Int) throws(GridCodeError) {
        guard Self.numberRange.contains(number) else { throw .numberOutOfRange(number) }
        self.community = community
        self.number = number
        self.rawValue = community.rawValue + String(String(number + 1000).dropFirst())
    }

    /// Parses the 15-digit form.
    public init(_ text: String) throws(GridCodeError) {
        let digits: [UInt8]
        if let fast = ASCIIDigits.fast(text.utf8, count: 15) {
            digits = fast
        } else {
            let chars = Array(text)
            guard chars.count == 15 else { throw .wrongLength(chars.count) }
            switch ASCIIDigits.parse(chars) {
            case .success(let parsed): digits = parsed
            case .failure(let nonDigit): throw .nonDigit(position: nonDigit.position)
            }
        }
        let community: CommunityCode
        do {
            community = try CommunityCode(String(decoding: text.utf8.prefix(12), as: UTF8.self))
        } catch {
            throw .invalidCommunity(error)
        }
        let number = digits[12..<15].reduce(0) { $0 * 10 + Int($1) }
        try self.init(community: community, number: number)
    }

    /// The 15 digits (kept, not rebuilt on every use: codes are read far more than made).
    public let rawValue: String

    public var description: String { rawValue }

    public static func < (lhs: GridCode, rhs: GridCode) -> Bool {
        (lhs.community, lhs.number) < (rhs.community, rhs.number)
    }

    // MARK: Codable as the 15-digit string, matching how the code is written everywhere else

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
