import AssistanceContract
import DepartmentKit
import Domain
import Foundation
import GRDB
import Storage
import WireProtocol
import WireRuntime

/// Medical and education assistance (医疗救助, 教育救助): one-off grant applications and decisions.
extension AssistanceOffice {
    public func applyForGrant(_ request: Assistance.ApplyForGrantRequest, context: CallContext) async throws -> Assistance.Grant {
        let application = try ApplyForGrant(validating: request, for: self, context: context)
        let visibility = HouseholdVisibility(context.principal)
        return try await database.idempotentWrite(context, request: request) { db in
            guard let household = try HouseholdStore.find(db, id: application.household.row) else {
                throw RPCError.notFound(application.household, field: "household_id")
            }
            guard household.members.contains(where: { $0.idNumber == application.idNumber }) else { throw HouseholdRefusal.notAMember(field: "id_number") }
            return try GrantStore.insert(
                db,
                .init(
                    id: 0, kind: application.kind, householdID: household.id, community: household.community, idNumber: application.idNumber,
                    requested: application.requested, granted: .zero, state: .pending, purpose: application.purpose, decisionReason: "", decidedBy: "",
                    appliedAt: now(), decidedAt: nil))
        } render: { db, id in
            try Self.grant(db, id).message(visibility, for: context)
        }
    }

    public func decideGrant(_ request: Assistance.DecideGrantRequest, context: CallContext) async throws -> Assistance.Grant {
        let decision = try DecideGrant(validating: request, for: self, context: context)
        let visibility = HouseholdVisibility(context.principal)
        let actor = context.principal.id
        return try await database.idempotentWrite(context, request: request) { db in
            guard var grant = try GrantStore.find(db, id: decision.grant.row) else { throw RPCError.notFound(decision.grant, field: "grant_id") }
            let outcome = try GrantRules.decide(grant.state, approve: decision.approve, granted: decision.granted, requested: grant.requested)
            grant.state = outcome.state
            grant.granted = outcome.granted
            grant.decisionReason = decision.reason
            grant.decidedBy = actor
            grant.decidedAt = now()
            try GrantStore.decide(db, grant)
            return grant.id
        } render: { db, id in
            try Self.grant(db, id).message(visibility, for: context)
        }
    }

    public func listGrants(_ request: Assistance.ListGrantsRequest, context: CallContext) async throws -> Assistance.ListGrantsResponse {
        var validation = Validation()
        let community = validation.community(request.communityCode, field: "community_code")
        let page = PageRequest(size: request.pageSize, token: request.pageToken, validation: &validation, keyCount: 1)
        let after = page?.afterID(&validation) ?? 0
        try validation.finish()
        let served = try validation.unwrap(community, field: "community_code")
        let pageRequest = try validation.unwrap(page, field: "page_token")
        let state = request.state == .unspecified ? nil : request.state
        let rows = try await database.read { db in try GrantStore.list(db, community: served, state: state, afterID: after, limit: pageRequest.fetchLimit) }
        let visibility = HouseholdVisibility(context.principal)
        let grants = pageRequest.page(of: rows, rowID: \.id).map { $0.message(visibility, for: context) }
        return Assistance.ListGrantsResponse(grants: grants.rows, nextPageToken: grants.nextToken)
    }

    static func grant(_ db: Database, _ id: Int64) throws -> GrantStore.Record {
        guard let record = try GrantStore.find(db, id: id) else { throw RPCError.notReadBack(EntityKind.grant.id(id)) }
        return record
    }
}
