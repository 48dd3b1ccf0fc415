import DepartmentKit
import Domain
import Foundation
import GRDB
import Logging
import SecurityContract
import Storage
import WireProtocol
import WireRuntime

/// The community police office (社区警务), service `security`: the handlers of its generated
/// contract (`Security.SecurityService`) wired to the domain rules and the store, one file per
/// capability; `serviceDefinition()` is what the runtime serves.
///
/// Each write handler validates its request into a command (`Commands/`), then in one idempotent
/// write transaction looks the records up, asks the domain's rules (which throw refusals such as
/// `CaseRefusal`) and writes through the store; refusals become statuses in `Refusals+RPCError.swift`.
public struct SecurityOffice: Security.SecurityService {
    let database: ServiceDatabase
    let policy: SecurityPolicy
    /// The broker's communities and grids registry (cached): the only source of valid codes.
    let registry: CommunityRegistryCache
    /// Every community of the registry (ListUnstaffedCommunities asks for all of them).
    let allCommunities: CommunityRegistryCache.Fetch
    let logger: Logger
    /// The current instant; tests move it.
    let now: @Sendable () -> Date

    public init(
        database: ServiceDatabase, policy: SecurityPolicy = .init(), registry: CommunityRegistryCache = CommunityRegistryCache(),
        allCommunities: @escaping CommunityRegistryCache.Fetch = CommunityRegistryCache.throughBroker, logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.database = database
        self.policy = policy
        self.registry = registry
        self.allCommunities = allCommunities
        self.logger = logger
        self.now = now
    }

    /// Today in Asia/Shanghai.
    var today: LocalDate { LocalDate(now()) }

    /// INVALID_ARGUMENT naming `field` unless the broker's registry knows `community`.
    func requireRegistered(_ community: CommunityCode, grid: GridCode?, context: CallContext) async throws {
        var validation = Validation()
        try await validation.registered(community, field: "community_code", in: registry, context: context)
        try await validation.registered(grid, field: "grid_code", in: registry, context: context)
        try validation.finish()
    }
}
