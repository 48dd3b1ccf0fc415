import DepartmentKit
import Domain
import Foundation
import GRDB
import HealthContract
import Logging
import Storage
import WireProtocol
import WireRuntime

/// The community health and family planning office (社区卫生和计划生育), service `health`: the
/// handlers of its generated contract (`Health.HealthService`) wired to the domain rules and the
/// store. Handlers live in one file per capability; `serviceDefinition()` is what the runtime serves.
///
/// Each write validates its request into a command (`Commands/`), then in one idempotent write
/// transaction looks the records up, asks the domain (`Domain/`, refusals as enums) and writes
/// through the store; the reply is rendered for the caller through `HealthVisibility`, and every
/// resident read or written is reported to the call's audit record.
public struct HealthOffice: Health.HealthService {
    let database: ServiceDatabase
    let policy: HealthPolicy
    /// The broker's communities and grids registry (cached): the only source of valid codes.
    let registry: CommunityRegistryCache
    let logger: Logger
    /// The current instant; tests move it.
    let now: @Sendable () -> Date

    public init(
        database: ServiceDatabase, policy: HealthPolicy = .init(), registry: CommunityRegistryCache = CommunityRegistryCache(), logger: Logger,
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

    /// INVALID_ARGUMENT naming `field` unless the registry knows `community`.
    func requireRegistered(_ community: CommunityCode, field: String, context: CallContext) async throws {
        var validation = Validation()
        try await validation.registered(community, field: field, in: registry, context: context)
        try validation.finish()
    }

    /// Reports the residents of these records to the call's audit record: every reply about a
    /// resident's enrolment, follow-up or sickbed touches that resident's data.
    static func reportResidents(_ db: Database, recordIDs: [Int64], to context: CallContext) throws {
        context.reportResidents(try HealthRecordStore.idNumbers(db, recordIDs: recordIDs))
    }
}
