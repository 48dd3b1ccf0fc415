import Domain

/// Why the office refuses a floating-population registration or a change to one, with the facts.
public enum FloatingResidentRefusal: Error, Sendable, Equatable {
    /// The resident already has a registration that has not ended.
    case alreadyResiding
    /// The registration ended with a departure; it is closed to changes.
    case departed
    /// A departure dated before the arrival.
    case departureBeforeArrival(LocalDate)
    /// A new grid outside the registration's community (moving community is a departure and a new arrival).
    case gridOutsideCommunity(grid: GridCode, community: CommunityCode)
}

extension FloatingResidentRecord {
    /// A residing registration may change within its community.
    public func checkUpdate(grid: GridCode) throws(FloatingResidentRefusal) {
        guard status == .residing else { throw .departed }
        guard grid.community == community else { throw .gridOutsideCommunity(grid: grid, community: community) }
    }

    /// A residing registration ends on or after its arrival.
    public func checkDeparture(on date: LocalDate) throws(FloatingResidentRefusal) {
        guard status == .residing else { throw .departed }
        guard date >= arrivalDate else { throw .departureBeforeArrival(arrivalDate) }
    }
}
