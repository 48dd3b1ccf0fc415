import DepartmentKit
import Domain
import Foundation
import GRDB
import SecurityContract
import Storage
import WireProtocol
import WireRuntime

/// Emergency plans (应急预案) and drills, and the communities whose preparedness is stale.
extension SecurityOffice {
    public func recordEmergencyPlan(_ request: Security.RecordEmergencyPlanRequest, context: CallContext) async throws -> Security.EmergencyPlan {
        let command = try await RecordEmergencyPlan(validating: request, for: self, context: context)
        return try await database.idempotentWrite(context, request: request) { db in
            try EmergencyPlanStore.insert(
                db, EmergencyPlanRecord(id: 0, community: command.community, kind: command.kind, title: command.title, approvedOn: command.approvedOn))
        } render: { db, id in
            try Self.emergencyPlan(db, EntityKind.emergencyPlan.id(id)).message
        }
    }

    public func recordDrill(_ request: Security.RecordDrillRequest, context: CallContext) async throws -> Security.EmergencyPlan {
        let command = try RecordDrill(validating: request, for: self, context: context)
        return try await database.idempotentWrite(context, request: request) { db in
            let plan = try Self.emergencyPlan(db, command.plan)
            try plan.checkDrill(on: command.heldOn)
            try EmergencyPlanStore.addDrill(db, planID: plan.id, heldOn: command.heldOn, participants: command.participants, note: command.note)
            return plan.id
        } render: { db, id in
            try Self.emergencyPlan(db, EntityKind.emergencyPlan.id(id)).message
        }
    }

    public func listStalePreparedness(_ request: Security.ListStalePreparednessRequest, context: CallContext) async throws
        -> Security.ListStalePreparednessResponse
    {
        let judged = try asOf(request.asOf)
        let communities = try await allCommunities(context)
        let preparedness = try await database.read { db in try EmergencyPlanStore.preparedness(db) }
        let stale = communities.sorted { $0.code < $1.code }.compactMap { community -> Security.StalePreparedness? in
            let found = preparedness[community.code]
            let reasons = PreparednessRule.reasons(newestPlan: found?.newestPlan, lastDrill: found?.lastDrill ?? nil, asOf: judged, policy: policy)
            guard !reasons.isEmpty else { return nil }
            return Security.StalePreparedness(
                communityCode: community.code, communityName: community.name, newestPlanOn: found?.newestPlan.description ?? "",
                lastDrillOn: found?.lastDrill?.description ?? "", reasons: reasons)
        }
        return Security.ListStalePreparednessResponse(communities: stale, asOf: judged.description)
    }

    /// The plan `id` names; NOT_FOUND naming plan_id when there is none.
    static func emergencyPlan(_ db: Database, _ id: EntityID) throws -> EmergencyPlanRecord {
        guard let record = try EmergencyPlanStore.find(db, id: id.row) else { throw RPCError.notFound(id, field: "plan_id") }
        return record
    }

    /// The day a report is judged by: `text` ("YYYY-MM-DD"), or today when empty; INVALID_ARGUMENT naming as_of.
    func asOf(_ text: String) throws(RPCError) -> LocalDate {
        guard !text.isEmpty else { return today }
        var validation = Validation()
        let date = validation.date(text, field: "as_of")
        try validation.finish()
        return try validation.unwrap(date, field: "as_of")
    }
}
