import Domain
import Synchronization
import WindowContract
import WireProtocol
import WireRuntime

/// The broker's communities and grids registry (社区, 网格) as an office sees it: fetched through the
/// broker (`window.ListCommunities` with grids) on behalf of the call being handled, and cached, so
/// an unknown community or grid code is INVALID_ARGUMENT in every office without a broker round
/// trip per request and without any file read relative to the working directory.
///
/// The cache is used while younger than `freshFor` (default 60 s); a code missing from a cache
/// older than `retryUnknownAfter` (default 5 s) triggers a refetch, so a community added to the
/// registry is accepted within seconds. When the broker cannot be asked, a cached copy is still
/// used; with none, the call fails UNAVAILABLE (never a silent "unknown").
public final class CommunityRegistryCache: Sendable {
    /// How the registry is fetched: through the broker in production, a fixed list in tests.
    public typealias Fetch = @Sendable (CallContext) async throws -> [Window.Community]

    private struct Snapshot {
        var communities: [String: Window.Community]
        var grids: [String: Window.Grid]
        var fetchedAt: ContinuousClock.Instant
    }

    private let fetch: Fetch
    private let freshFor: Duration
    private let retryUnknownAfter: Duration
    private let snapshot = Mutex<Snapshot?>(nil)

    public init(freshFor: Duration = .seconds(60), retryUnknownAfter: Duration = .seconds(5), fetch: @escaping Fetch = CommunityRegistryCache.throughBroker) {
        self.fetch = fetch
        self.freshFor = freshFor
        self.retryUnknownAfter = retryUnknownAfter
    }

    /// Asks the broker's `window.ListCommunities` (grids included) within the current call.
    public static let throughBroker: Fetch = { context in
        try await Window.WindowClient(context).listCommunities(Window.ListCommunitiesRequest(includeGrids: true)).communities
    }

    /// A registry that never changes (tests, tools that run without a broker).
    public static func fixed(_ communities: [Window.Community]) -> CommunityRegistryCache {
        CommunityRegistryCache(freshFor: .seconds(1_000_000_000), retryUnknownAfter: .seconds(1_000_000_000)) { _ in communities }
    }

    /// The community with `code`, or nil when the registry has none.
    public func community(_ code: CommunityCode, context: CallContext) async throws -> Window.Community? {
        try await lookup(context) { $0.communities[code.rawValue] }
    }

    /// The grid with `code`, or nil when the registry has none.
    public func grid(_ code: GridCode, context: CallContext) async throws -> Window.Grid? {
        try await lookup(context) { $0.grids[code.rawValue] }
    }

    private func lookup<T>(_ context: CallContext, _ find: (Snapshot) -> T?) async throws -> T? {
        let now = ContinuousClock.now
        let cached = snapshot.withLock { $0 }
        if let cached, now - cached.fetchedAt < freshFor {
            if let found = find(cached) { return found }
            if now - cached.fetchedAt < retryUnknownAfter { return nil }
        }
        let fresh: Snapshot
        do {
            fresh = Self.index(try await fetch(context), at: ContinuousClock.now)
        } catch {
            // A stale answer beats none while the broker is away; without one the caller must retry.
            if let cached { return find(cached) }
            throw RPCError(.unavailable, "the communities registry cannot be read: \(error)", cause: error)
        }
        snapshot.withLock { $0 = fresh }
        return find(fresh)
    }

    private static func index(_ communities: [Window.Community], at instant: ContinuousClock.Instant) -> Snapshot {
        var byCode: [String: Window.Community] = [:]
        var grids: [String: Window.Grid] = [:]
        for community in communities {
            byCode[community.code] = community
            for grid in community.grids { grids[grid.code] = grid }
        }
        return Snapshot(communities: byCode, grids: grids, fetchedAt: instant)
    }
}

extension Validation {
    /// Records a violation of `field` unless the registry knows `community` (nil: already refused).
    public mutating func registered(
        _ community: CommunityCode?, field: String, in registry: CommunityRegistryCache, context: CallContext
    ) async throws {
        guard let community else { return }
        if try await registry.community(community, context: context) == nil {
            fail(field: field, "community \(community.rawValue) is not in the communities registry")
        }
    }

    /// Records a violation of `field` unless the registry knows `grid` (nil: already refused).
    public mutating func registered(
        _ grid: GridCode?, field: String, in registry: CommunityRegistryCache, context: CallContext
    ) async throws {
        guard let grid else { return }
        if try await registry.grid(grid, context: context) == nil {
            fail(field: field, "grid \(grid.rawValue) is not in the communities registry")
        }
    }
}
