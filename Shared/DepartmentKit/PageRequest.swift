import Storage
import WireProtocol

/// The page a list call asks for, validated: how many rows and after which keyset position.
/// Every list handler goes the same way:
///
/// ```swift
/// var validation = Validation()
/// let page = PageRequest(size: request.pageSize, token: request.pageToken, validation: &validation, keyCount: 1)
/// let after = page?.afterID(&validation) ?? 0
/// try validation.finish()
/// let pageRequest = try validation.unwrap(page, field: "page_token")
/// let rows = try await database.read { db in try Store.list(db, afterID: after, limit: pageRequest.fetchLimit) }
/// let page = pageRequest.page(of: rows, rowID: \.id)
/// return Reply(items: page.rows.map(\.message), nextPageToken: page.nextToken)
/// ```
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

    /// The SQL `LIMIT`: one row more than the page, whose presence says a next page exists.
    public var fetchLimit: Int { size + 1 }

    /// The page made of `rows` (fetched with `fetchLimit`): at most `size` rows, and the token of
    /// the position after the last of them when more rows follow.
    public func page<Row>(of rows: [Row], key: (Row) -> [String]) -> Page<Row> {
        guard rows.count > size else { return Page(rows: rows, nextToken: "") }
        let kept = Array(rows.prefix(size))
        // size ≥ 1 (PageSize), so there is a last row.
        return Page(rows: kept, nextToken: kept.last.map { PageToken(values: key($0)).encoded } ?? "")
    }

    /// `page(of:key:)` for a list ordered by an integer row id.
    public func page<Row>(of rows: [Row], rowID: (Row) -> Int64) -> Page<Row> {
        page(of: rows) { [String(rowID($0))] }
    }
}
