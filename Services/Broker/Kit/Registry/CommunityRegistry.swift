import WindowContract
import WireProtocol

/// The one directory of communities and grids (社区, 网格) the broker serves as `window` methods, so
/// every office refuses an unknown community or grid code the same way.
///
/// An immutable snapshot read on the broker's event loop without locks: it is loaded from
/// broker.sqlite at start (after an optional import from a file) and never changes while running.
public struct CommunityRegistry: Sendable {
    /// Sorted by code, each with its grids sorted by code.
    public let communities: [Window.Community]
    private let indexByCode: [String: Int]

    public init(_ communities: [Window.Community]) {
        let sorted =
            communities
            .map { community -> Window.Community in
                var community = community
                community.grids.sort { $0.code < $1.code }
                return community
            }
            .sorted { $0.code < $1.code }
        self.communities = sorted
        var index: [String: Int] = [:]
        for (position, community) in sorted.enumerated() { index[community.code] = position }
        indexByCode = index
    }

    public static let empty = CommunityRegistry([])

    /// The community with `code`, with its grids.
    public func community(_ code: String) -> Window.Community? {
        indexByCode[code].map { communities[$0] }
    }

    /// `window.ListCommunities`.
    public func list(_ request: Window.ListCommunitiesRequest) -> Window.ListCommunitiesResponse {
        guard !request.includeGrids else { return Window.ListCommunitiesResponse(communities: communities) }
        return Window.ListCommunitiesResponse(
            communities: communities.map { community in
                var bare = community
                bare.grids = []
                return bare
            })
    }

    /// `window.GetCommunity`: NOT_FOUND naming `code` for an unknown community.
    public func get(_ request: Window.GetCommunityRequest) throws(RPCError) -> Window.Community {
        guard let community = community(request.code) else {
            throw RPCError(
                .notFound, "no community \(request.code) in the registry",
                violations: [Wire.FieldViolation(field: "code", description: "not in the registry")])
        }
        return community
    }

    /// Number of grids over all communities.
    public var gridCount: Int { communities.reduce(0) { $0 + $1.grids.count } }
}
