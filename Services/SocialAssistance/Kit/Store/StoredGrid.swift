import Domain

/// Grid codes read back from the office's tables, where they were validated against their
/// community when written: only the grid number is read (list pages read many).
enum StoredGrid {
    static func read(_ text: String, in community: CommunityCode) throws -> GridCode {
        let number = text.utf8.suffix(3).reduce(0) { $0 * 10 + Int($1) - 48 }
        let grid = try GridCode(community: community, number: number)
        // Anything else than what was written takes the full parse, which names the problem.
        return grid.rawValue == text ? grid : try GridCode(text)
    }
}
