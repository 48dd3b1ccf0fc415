import Domain
import WireProtocol
import WireRuntime

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

extension ListedArea {
    /// A whole "list by community or grid" request checked in one pass: the area (known to the
    /// registry, and allowed to the caller: PERMISSION_DENIED otherwise), the page, and whatever
    /// `more` parses besides (a filter, the keyset position) — every bad field reported at once.
    ///
    /// ```swift
    /// let (area, page, afterID) = try await ListedArea.validate(
    ///     community: request.communityCode, grid: request.gridCode, pageSize: request.pageSize, pageToken: request.pageToken,
    ///     keyCount: 1, registry: registry, context: context
    /// ) { validation, page in page?.afterID(&validation) ?? 0 }
    /// ```
    public static func validate<More>(
        community: String, grid: String, pageSize: UInt32, pageToken: String, keyCount: Int, registry: CommunityRegistryCache, context: CallContext,
        _ more: (inout Validation, PageRequest?) -> More
    ) async throws -> (area: ListedArea, page: PageRequest, more: More) {
        var validation = Validation()
        let scope = GridScope(principal: context.principal)
        let area = ListedArea(community: community, grid: grid, scope: scope, validation: &validation)
        let page = PageRequest(size: pageSize, token: pageToken, validation: &validation, keyCount: keyCount)
        let parsed = more(&validation, page)
        try await validation.registered(area?.community, field: "community_code", in: registry, context: context)
        try validation.finish()
        let listed = try validation.unwrap(area, field: "community_code")
        try listed.authorize(scope)
        return (listed, try validation.unwrap(page, field: "page_token"), parsed)
    }
}
