import DepartmentKit
import Domain
import Synchronization
import Testing
import WindowContract
import WireProtocol
import WireRuntime

/// How an office sees the broker's registry: cached, refetched for unknown codes, never a silent
/// "unknown" when the broker cannot be asked.
@Suite("DepartmentKit: the communities registry cache")
struct CommunityRegistryCacheTests {
    static let haibin = Window.Community(
        code: "330902001001", name: "海滨社区",
        grids: [Window.Grid(code: "330902001001001", communityCode: "330902001001", households: 400)])
    static let chengdong = Window.Community(code: "330902001002", name: "城东社区")

    /// A registry source that counts its fetches and can be changed or broken.
    final class Source: Sendable {
        let fetches = Atomic<Int>(0)
        let communities = Mutex<[Window.Community]>([CommunityRegistryCacheTests.haibin])
        let broken = Atomic<Bool>(false)

        func fetch(_: CallContext) async throws -> [Window.Community] {
            fetches.add(1, ordering: .relaxed)
            if broken.load(ordering: .relaxed) { throw RPCError(.unavailable, "broker away") }
            return communities.withLock { $0 }
        }
    }

    let context = CallContext(service: "test", method: "Test")

    @Test("known codes are answered from the cache: one fetch for many lookups")
    func cached() async throws {
        let source = Source()
        let cache = CommunityRegistryCache(fetch: source.fetch)
        for _ in 0..<50 {
            #expect(try await cache.community(try CommunityCode("330902001001"), context: context)?.name == "海滨社区")
            #expect(try await cache.grid(try GridCode("330902001001001"), context: context)?.households == 400)
        }
        #expect(source.fetches.load(ordering: .relaxed) == 1)
    }

    @Test("an unknown code refetches only once the cache is older than retryUnknownAfter")
    func unknownRefetches() async throws {
        let source = Source()
        let instant = CommunityRegistryCache(retryUnknownAfter: .zero, fetch: source.fetch)
        #expect(try await instant.community(try CommunityCode("330902001002"), context: context) == nil)
        source.communities.withLock { $0.append(Self.chengdong) }
        #expect(try await instant.community(try CommunityCode("330902001002"), context: context)?.name == "城东社区")
        #expect(source.fetches.load(ordering: .relaxed) == 2)

        let patient = CommunityRegistryCache(retryUnknownAfter: .seconds(3600), fetch: source.fetch)
        #expect(try await patient.community(try CommunityCode("330902001999"), context: context) == nil)
        #expect(try await patient.community(try CommunityCode("330902001998"), context: context) == nil)
        #expect(source.fetches.load(ordering: .relaxed) == 3)
    }

    @Test("a broker that cannot be asked: a stale copy is used; with none the lookup is UNAVAILABLE")
    func brokerAway() async throws {
        let source = Source()
        let cache = CommunityRegistryCache(freshFor: .zero, fetch: source.fetch)
        #expect(try await cache.community(try CommunityCode("330902001001"), context: context) != nil)
        source.broken.store(true, ordering: .relaxed)
        #expect(try await cache.community(try CommunityCode("330902001001"), context: context) != nil)

        let empty = CommunityRegistryCache(fetch: source.fetch)
        do {
            _ = try await empty.community(try CommunityCode("330902001001"), context: context)
            Issue.record("answered without a registry")
        } catch let error as RPCError {
            #expect(error.code == .unavailable)
        }
    }

    @Test("validation names the field of a community or grid the registry does not know")
    func validation() async throws {
        let cache = CommunityRegistryCache.fixed([Self.haibin])
        var validation = Validation()
        try await validation.registered(try CommunityCode("330902001001"), field: "community_code", in: cache, context: context)
        try await validation.registered(try CommunityCode("330902001002"), field: "other_community", in: cache, context: context)
        try await validation.registered(try GridCode("330902001001002"), field: "grid_code", in: cache, context: context)
        #expect(validation.violations.map(\.field) == ["other_community", "grid_code"])
    }
}
