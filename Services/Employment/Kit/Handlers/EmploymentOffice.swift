import DepartmentKit
import Domain
import EmploymentContract
import Foundation
import GRDB
import Logging
import Storage
import WireClient
import WireProtocol
import WireRuntime

/// The employment and re-employment office (就业和再就业服务), service `employment`: the handlers
/// of its generated contract (`Employment.EmploymentService`) wired to the domain rules and the
/// store. Handlers live in one file per capability; `serviceDefinition()` is what the runtime serves.
///
/// Each write handler goes the same way: validate the request into its command (`Commands/`,
/// `ValidatedCommand`: INVALID_ARGUMENT naming every bad field, then non-optional values), then in
/// one idempotent write transaction look the records up (`RPCError.notFound`), ask the domain's
/// rules (`Domain/`, which throw refusals such as `PlacementRefusal`), and write through the store.
/// Refusals become statuses in `Refusals+RPCError.swift`.
public struct EmploymentOffice: Employment.EmploymentService {
    let database: ServiceDatabase
    let policy: EmploymentPolicy
    /// The current instant; tests move it.
    let now: @Sendable () -> Date
    let logger: Logger
    /// The broker's communities and grids registry (cached): the only source of valid codes.
    let registry: CommunityRegistryCache

    public init(
        database: ServiceDatabase, policy: EmploymentPolicy = .init(), registry: CommunityRegistryCache = CommunityRegistryCache(),
        logger: Logger, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.database = database
        self.policy = policy
        self.registry = registry
        self.logger = logger
        self.now = now
    }

    /// Records a community (and a grid of it) that the broker's registry does not know as
    /// violations, together with the request's other bad fields; returns the registry's name of a
    /// known community (nil when it is unknown or was already refused).
    func registeredName(
        _ community: CommunityCode?, grid: GridCode? = nil, field: String, gridField: String = "grid_code",
        context: CallContext, _ validation: inout Validation
    ) async throws -> String? {
        guard let community else { return nil }
        guard let found = try await registry.community(community, context: context) else {
            validation.fail(field: field, "community \(community.rawValue) is not in the communities registry")
            return nil
        }
        if let grid, !found.grids.contains(where: { $0.code == grid.rawValue }) {
            validation.fail(field: gridField, "grid \(grid.rawValue) is not in the communities registry")
        }
        return found.name
    }

    /// The registry's name of a community a read asks about; INVALID_ARGUMENT naming `field` when
    /// the registry does not know it.
    func requireRegistered(_ community: CommunityCode, field: String, context: CallContext) async throws -> String {
        var validation = Validation()
        let name = try await registeredName(community, field: field, context: context, &validation)
        try validation.finish()
        return try validation.unwrap(name, field: field)
    }

    /// Mirrors a registry community into the office's own table, the key its rows refer to.
    static func mirror(_ db: Database, _ code: CommunityCode, name: String) throws {
        try CommunityStore.upsert(db, code: code, name: name)
    }
}
