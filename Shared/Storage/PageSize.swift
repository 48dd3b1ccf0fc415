/// The number of records a list call returns, after applying the shared
/// rules: 0 means the default (50), anything above the maximum (500) is
/// clamped, and a negative value is an error.
///
/// One type so that every service's list methods behave the same way.
public struct PageSize: Sendable, Hashable {
    /// The size used when the client sends 0 (the protobuf default).
    public static let defaultValue = 50
    /// The largest size ever returned; bigger requests are clamped, not refused.
    public static let maximumValue = 500

    /// The effective page size, between 1 and the maximum.
    public let value: Int

    /// Applies the rules to a client's requested size.
    public init(
        requested: Int,
        defaultValue: Int = PageSize.defaultValue,
        maximumValue: Int = PageSize.maximumValue
    ) throws(PageSizeError) {
        if requested < 0 {
            throw .negative(requested)
        }
        value = requested == 0 ? min(defaultValue, maximumValue) : min(requested, maximumValue)
    }

    /// The SQL `LIMIT` to use: one more row than the page, so that the
    /// presence of that extra row tells whether a next page exists.
    public var fetchLimit: Int { value + 1 }
}
