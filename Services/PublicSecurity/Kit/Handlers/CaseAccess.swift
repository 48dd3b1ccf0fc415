import DepartmentKit
import Domain
import WireProtocol
import WireRuntime

/// Who may read a supervision case, decided once per call: security staff only (by the
/// visibility table), and an officer limited to some grids reads a case of another grid only on a
/// stated purpose of access — the call is then marked break-the-glass for the audit review.
struct CaseAccess: Sendable {
    let scope: GridScope

    /// PERMISSION_DENIED unless the caller's roles may read supervision cases.
    init(_ context: CallContext) throws(RPCError) {
        let principal = context.principal
        guard SecurityVisibility(principal).shows(.supervisionCases) else {
            throw RPCError(.permissionDenied, "resettlement and community-correction cases are read by security staff only")
        }
        scope = GridScope(principal: principal, gridRoles: [])
    }

    /// Lets the caller at a case (or list) of `grid`: within their grids, or with a purpose (marked
    /// break-the-glass); otherwise PERMISSION_DENIED asking for one. `what` names the record by
    /// its id and grid only (the message may reach logs).
    func open(_ grid: GridCode, _ what: @autoclosure () -> String, context: CallContext) throws(RPCError) {
        guard !scope.admits(grid) else { return }
        try context.requirePurposeToBreakTheGlass("\(what()) in grid \(grid.rawValue)")
    }
}
