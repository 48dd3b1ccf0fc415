import Domain
import WireProtocol

/// The area a list of residents' records covers: a community, or one grid of it, that the caller
/// may see. Every office's "list by community or grid" validates `community_code` and
/// `grid_code` the same way, and a caller limited to grids (`GridScope`) must name one of theirs.
///
/// ```swift
/// var validation = Validation()
/// let scope = GridScope(principal: context.principal)
/// let area = ListedArea(community: request.communityCode, grid: request.gridCode, scope: scope, validation: &validation)
/// let page = PageRequest(size: request.pageSize, token: request.pageToken, validation: &validation, keyCount: 1)
/// try await validation.registered(area?.community, field: "community_code", in: registry, context: context)
/// try validation.finish()
/// let listed = try validation.unwrap(area, field: "community_code")
/// try listed.authorize(scope)
/// ```
public struct ListedArea: Sendable, Equatable {
    public let community: CommunityCode
    /// nil: the whole community.
    public let grid: GridCode?

    /// Records a violation (and returns nil) for a bad community or grid code, a grid of another
    /// community, or a grid-limited caller who names no grid.
    public init?(community: String, grid: String, scope: GridScope, validation: inout Validation) {
        let parsedCommunity = validation.community(community, field: "community_code")
        let parsedGrid = grid.isEmpty ? nil : validation.grid(grid, field: "grid_code", in: parsedCommunity)
        validation.require(!scope.isRestricted || !grid.isEmpty, field: "grid_code", "is required: a caller limited to grids lists one of theirs")
        guard let parsedCommunity, grid.isEmpty || parsedGrid != nil, !scope.isRestricted || parsedGrid != nil else { return nil }
        self.community = parsedCommunity
        self.grid = parsedGrid
    }

    /// PERMISSION_DENIED naming `grid_code` unless the caller may see the listed grid.
    public func authorize(_ scope: GridScope) throws(RPCError) {
        if let grid { try scope.require(grid, field: "grid_code") }
    }
}
