import DepartmentKit
import Domain
import WireProtocol
import WireRuntime

/// A list of one community's records, or one grid's, a page at a time, validated the same way by
/// every list of the office: the community required, a grid of it optional but required of a caller
/// limited to some grids, the page size and token. Whether the caller may see the grid is the
/// handler's to decide (grid scope, or a purpose for supervision cases).
struct GridListQuery: Sendable {
    let community: CommunityCode
    let grid: GridCode?
    let page: PageRequest
    /// The row id the page continues after (0: the first page).
    let afterID: Int64

    /// `also` validates the request's other fields into the same violations.
    init(
        community communityText: String, grid gridText: String, pageSize: UInt32, pageToken: String, scope: GridScope,
        also: (inout Validation) -> Void = { _ in }
    ) throws(RPCError) {
        var validation = Validation()
        let community = validation.community(communityText, field: "community_code")
        grid = gridText.isEmpty ? nil : validation.grid(gridText, field: "grid_code", in: community)
        validation.require(!scope.isRestricted || !gridText.isEmpty, field: "grid_code", "is required: you are limited to some grids; list one of them")
        also(&validation)
        let page = PageRequest(size: pageSize, token: pageToken, validation: &validation, keyCount: 1)
        afterID = page?.afterID(&validation) ?? 0
        try validation.finish()
        self.community = try validation.unwrap(community, field: "community_code")
        self.page = try validation.unwrap(page, field: "page_token")
    }
}
