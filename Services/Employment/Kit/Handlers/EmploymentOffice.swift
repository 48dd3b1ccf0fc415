import EmploymentContract
import DepartmentKit
import Domain
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
public struct EmploymentOffice: Employment.EmploymentService {
    let database: ServiceDatabase
    let policy: EmploymentPolicy
    /// The current instant; tests move it.
    let now: @Sendable () -> Date
    let logger: Logger

    public init(database: ServiceDatabase, policy: EmploymentPolicy = .init(), logger: Logger, now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.policy = policy
        self.logger = logger
        self.now = now
    }

    /// Staff of the office (role `employment`) see full ID numbers; everyone else sees them masked.
    static func seesFullIdentity(_ principal: Principal) -> Bool {
        principal.hasRole("employment") || principal.hasRole("admin")
    }

    /// INVALID_ARGUMENT unless the community is one this office serves.
    static func requireKnownCommunity(_ db: Database, _ code: CommunityCode, field: String) throws -> String {
        guard let name = try CommunityStore.name(db, code: code) else {
            throw RPCError.invalidArgument(field: field, "community \(code.rawValue) is not served by this office")
        }
        return name
    }

    /// Records an unknown community as a violation before anything is written, so it is
    /// reported together with the request's other bad fields (the write transaction checks again).
    static func checkServed(_ community: CommunityCode?, field: String, in database: ServiceDatabase, _ validation: inout Validation) async throws {
        guard let community else { return }
        let known = try await database.read { db in try CommunityStore.name(db, code: community) != nil }
        if !known { validation.fail(field: field, "community \(community.rawValue) is not served by this office") }
    }

    static func notFound(_ what: String, field: String, _ id: String) -> RPCError {
        RPCError(.notFound, "no \(what) \(id)", violations: [Wire.FieldViolation(field: field, description: "no \(what) \(id)")])
    }
}
