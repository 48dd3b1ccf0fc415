import Domain
import WireProtocol
import WireRuntime

/// Which grids (网格) a caller may see records of, from the principal the broker passed on: a
/// principal with a grid scope sees only those grids; a grid worker without one sees none; every
/// other caller is limited by role alone. Offices apply it to every get and list of residents.
public struct GridScope: Sendable, Equatable {
    /// nil: no grid restriction.
    public let grids: Set<String>?

    public init(principal: Principal, gridRoles: Set<String> = ["grid-worker"]) {
        if !principal.gridScope.isEmpty {
            grids = Set(principal.gridScope)
        } else if !principal.roles.isDisjoint(with: gridRoles) {
            grids = []
        } else {
            grids = nil
        }
    }

    public var isRestricted: Bool { grids != nil }

    public func admits(_ grid: GridCode) -> Bool {
        grids.map { $0.contains(grid.rawValue) } ?? true
    }

    /// PERMISSION_DENIED naming `field` unless `grid` is in scope.
    public func require(_ grid: GridCode, field: String) throws(RPCError) {
        guard admits(grid) else {
            throw RPCError(
                .permissionDenied, "grid \(grid.rawValue) is outside the caller's grids",
                violations: [Wire.FieldViolation(field: field, description: "outside the caller's grids")])
        }
    }
}
