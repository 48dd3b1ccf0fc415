import DepartmentKit
import Domain
import Foundation
import GRDB
import SecurityContract
import Storage
import WireProtocol
import WireRuntime

/// Disputes (矛盾纠纷排查调处, 人民调解): report, mediation sessions, outcome, get, open disputes with
/// their ages per grid. Grid workers handle the disputes of their own grids.
extension SecurityOffice {
    public func reportDispute(_ request: Security.ReportDisputeRequest, context: CallContext) async throws -> Security.Dispute {
        let command = try await ReportDispute(validating: request, for: self, context: context)
        try GridScope(principal: context.principal).require(command.grid, field: "grid_code")
        let visibility = SecurityVisibility(context.principal)
        return try await database.idempotentWrite(context, request: request) { db in
            let id = try DisputeStore.insert(
                db,
                DisputeRecord(
                    id: 0, community: command.community, grid: command.grid, kind: command.kind, parties: command.parties, summary: command.summary,
                    reportedOn: command.reportedOn))
            logger.info("dispute reported", metadata: ["dispute": "\(EntityKind.dispute.id(id))", "principal": "\(context.principal.id)"])
            return id
        } render: { db, id in
            try Self.dispute(db, EntityKind.dispute.id(id)).message(visibility, for: context)
        }
    }

    public func recordMediation(_ request: Security.RecordMediationRequest, context: CallContext) async throws -> Security.Dispute {
        let command = try RecordMediation(validating: request, for: self, context: context)
        let scope = GridScope(principal: context.principal)
        let visibility = SecurityVisibility(context.principal)
        return try await database.idempotentWrite(context, request: request) { db in
            let dispute = try Self.dispute(db, command.dispute)
            try scope.require(dispute.grid, field: "dispute_id")
            try dispute.checkMediation(on: command.heldOn)
            try DisputeStore.addSession(db, disputeID: dispute.id, heldOn: command.heldOn, mediator: command.mediator.rawValue, note: command.note)
            return dispute.id
        } render: { db, id in
            try Self.dispute(db, EntityKind.dispute.id(id)).message(visibility, for: context)
        }
    }

    public func recordDisputeOutcome(_ request: Security.RecordDisputeOutcomeRequest, context: CallContext) async throws -> Security.Dispute {
        let command = try RecordDisputeOutcome(validating: request, for: self, context: context)
        let scope = GridScope(principal: context.principal)
        let visibility = SecurityVisibility(context.principal)
        return try await database.idempotentWrite(context, request: request) { db in
            let dispute = try Self.dispute(db, command.dispute)
            try scope.require(dispute.grid, field: "dispute_id")
            try dispute.checkOutcome(on: command.closedOn)
            try DisputeStore.close(db, disputeID: dispute.id, outcome: command.outcome, on: command.closedOn, note: command.note)
            return dispute.id
        } render: { db, id in
            try Self.dispute(db, EntityKind.dispute.id(id)).message(visibility, for: context)
        }
    }

    public func getDispute(_ request: Security.GetDisputeRequest, context: CallContext) async throws -> Security.Dispute {
        var validation = Validation()
        let id = validation.entityID(request.disputeId, .dispute, field: "dispute_id")
        try validation.finish()
        let disputeID = try validation.unwrap(id, field: "dispute_id")
        let dispute = try await database.read { db in try Self.dispute(db, disputeID) }
        try GridScope(principal: context.principal).require(dispute.grid, field: "dispute_id")
        return dispute.message(SecurityVisibility(context.principal), for: context)
    }

    public func listOpenDisputes(_ request: Security.ListOpenDisputesRequest, context: CallContext) async throws -> Security.ListOpenDisputesResponse {
        let scope = GridScope(principal: context.principal)
        var asOf: LocalDate? = today
        let query = try GridListQuery(
            community: request.communityCode, grid: request.gridCode, pageSize: request.pageSize, pageToken: request.pageToken, scope: scope
        ) { validation in
            if !request.asOf.isEmpty { asOf = validation.date(request.asOf, field: "as_of") }
        }
        guard let judged = asOf else { throw RPCError(.internal, "internal error: as_of passed validation without a value") }
        if let grid = query.grid { try scope.require(grid, field: "grid_code") }
        let overdueBefore = judged.adding(days: -policy.disputeMaxOpenDays)
        let (rows, grids) = try await database.read { db in
            (
                try DisputeStore.listOpen(db, community: query.community, grid: query.grid, afterID: query.afterID, limit: query.page.fetchLimit),
                try DisputeStore.openByGrid(db, community: query.community, grid: query.grid, overdueBefore: overdueBefore)
            )
        }
        let visibility = SecurityVisibility(context.principal)
        let page = query.page.page(of: rows, rowID: \.id)
        return Security.ListOpenDisputesResponse(
            disputes: page.rows.map { Security.OpenDispute(dispute: $0.message(visibility, for: context), ageDays: UInt32($0.age(asOf: judged))) },
            nextPageToken: page.nextToken,
            grids: try grids.map { grid in
                Security.GridOpenDisputes(
                    gridCode: grid.grid, open: UInt32(grid.open), oldestAgeDays: UInt32(max(0, judged.days(from: try LocalDate(iso: grid.earliest)))),
                    overdue: UInt32(grid.overdue))
            }, asOf: judged.description)
    }

    /// The dispute `id` names; NOT_FOUND naming dispute_id when there is none.
    static func dispute(_ db: Database, _ id: EntityID) throws -> DisputeRecord {
        guard let record = try DisputeStore.find(db, id: id.row) else { throw RPCError.notFound(id, field: "dispute_id") }
        return record
    }
}
