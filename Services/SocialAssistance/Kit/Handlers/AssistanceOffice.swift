import AssistanceContract
import DepartmentKit
import Domain
import Foundation
import Logging
import Storage
import WireProtocol
import WireRuntime

/// The social assistance office (社会救助), service `assistance`: the handlers of its generated
/// contract (`Assistance.AssistanceService`) wired to the domain rules and the store, one file
/// per capability; `serviceDefinition()` is what the runtime serves.
///
/// Each write handler validates the request into its command (`Commands/`), then in one
/// idempotent write transaction looks the records up, asks the domain's rules (`Domain/`, which
/// throw refusals) and writes through the store. Refusals become statuses in
/// `Refusals+RPCError.swift`; what each role sees is `HouseholdVisibility`.
public struct AssistanceOffice: Assistance.AssistanceService {
    let database: ServiceDatabase
    let policy: AssistancePolicy
    /// The current instant; tests move it.
    let now: @Sendable () -> Date
    let logger: Logger
    /// The broker's communities and grids registry (cached): the only source of valid codes.
    let registry: CommunityRegistryCache

    package init(
        database: ServiceDatabase, policy: AssistancePolicy = .init(), registry: CommunityRegistryCache = CommunityRegistryCache(), logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.database = database
        self.policy = policy
        self.registry = registry
        self.logger = logger
        self.now = now
    }

    /// Today in Asia/Shanghai, by the office's clock.
    var today: LocalDate { LocalDate(now()) }

    /// Records a community (and grid) the broker's registry does not know as violations of the request.
    func checkRegistered(_ community: CommunityCode?, grid: GridCode? = nil, field: String, context: CallContext, _ validation: inout Validation) async throws {
        try await validation.registered(community, field: field, in: registry, context: context)
        if let grid { try await validation.registered(grid, field: "grid_code", in: registry, context: context) }
    }
}
