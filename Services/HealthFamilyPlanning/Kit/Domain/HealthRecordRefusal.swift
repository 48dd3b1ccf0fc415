import Domain

/// Why the office refuses a health record write that is well-formed.
enum HealthRecordRefusal: Error, Sendable, Equatable {
    /// The resident already has a record (one per resident).
    case alreadyExists
    /// A record moves only between grids of its own community.
    case gridOutsideCommunity(grid: GridCode, community: CommunityCode)
}
