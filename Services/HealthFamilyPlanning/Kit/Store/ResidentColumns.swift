import Domain

/// Reading the code columns every health table keeps the same way: a community code and a grid
/// code validated when they were written, so only the grid's number is parsed again.
enum ResidentColumns {
    static func community(_ text: String) throws -> CommunityCode { try CommunityCode(text) }

    static func grid(_ text: String, in community: CommunityCode) throws -> GridCode {
        try GridCode(community: community, number: text.utf8.suffix(3).reduce(0) { $0 * 10 + Int($1) - 48 })
    }

    static func date(_ text: String) throws -> LocalDate { try LocalDate(iso: text) }
}
