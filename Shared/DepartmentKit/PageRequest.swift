import Storage
import WireClient
import WireProtocol
import WireRuntime

/// A page of a list request, validated: how many rows and after which keyset position.
public struct PageRequest: Sendable {
    public let size: Int
    /// The keyset values of the last row of the previous page; nil for the first page.
    public let after: [String]?

    /// From a request's `page_size` and `page_token`, recording violations on failure.
    public init?(size: UInt32, token: String, validation: inout Validation, keyCount: Int) {
        guard let pageSize = validation.parse("page_size", { try PageSize(requested: Int(size)) }) else { return nil }
        var after: [String]?
        if !token.isEmpty {
            guard let decoded = validation.parse("page_token", { try PageToken(encoded: token) }) else { return nil }
            guard decoded.values.count == keyCount else {
                validation.fail(field: "page_token", "invalid page_token: it belongs to another list")
                return nil
            }
            after = decoded.values
        }
        self.size = pageSize.value
        self.after = after
    }

    /// The row id to continue after, for lists keyed by an integer id: 0 on the first page; a
    /// token whose value is not a positive id is a violation of `page_token`.
    public func afterID(_ validation: inout Validation) -> Int64 {
        guard let after else { return 0 }
        guard let id = Int64(after[0]), id > 0 else {
            validation.fail(field: "page_token", "invalid page_token: not a position in this list")
            return 0
        }
        return id
    }

    /// The token for the page after `rows`, given the keyset values of the last row; empty when
    /// this page is the last (the caller fetched `size + 1` rows to know).
    public func nextToken<Row>(_ rows: inout [Row], key: (Row) -> [String]) -> String {
        guard rows.count > size else { return "" }
        rows.removeLast(rows.count - size)
        return PageToken(values: key(rows[rows.count - 1])).encoded
    }
}
