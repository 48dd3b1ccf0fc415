/// One page of a list reply: the rows to send and the token that continues after them (empty on
/// the last page). What `PageRequest.page(of:)` makes of the rows a store fetched.
public struct Page<Row> {
    public let rows: [Row]
    /// `next_page_token` of the reply; empty when there is no next page.
    public let nextToken: String

    public init(rows: [Row], nextToken: String) {
        self.rows = rows
        self.nextToken = nextToken
    }

    public var isLast: Bool { nextToken.isEmpty }

    /// The same page with every row converted (records to the contract's messages).
    public func map<T>(_ transform: (Row) -> T) -> Page<T> {
        Page<T>(rows: rows.map(transform), nextToken: nextToken)
    }
}

extension Page: Sendable where Row: Sendable {}
extension Page: Equatable where Row: Equatable {}
