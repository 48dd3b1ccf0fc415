import Domain
import EmploymentContract

/// What may happen to a registration as it stands: checked inside the write transaction.
extension JobSeekerRecord {
    /// A change of the registration that moves the seeker to `grid`.
    public func checkUpdate(grid: GridCode) throws(JobSeekerRefusal) {
        guard grid.community == community else { throw .gridOutsideCommunity(grid: grid, community: community) }
        guard status != .withdrawn else { throw .withdrawn }
    }

    public func checkWithdrawal() throws(JobSeekerRefusal) {
        guard status == .waiting else { throw .notWaiting(status) }
    }
}
