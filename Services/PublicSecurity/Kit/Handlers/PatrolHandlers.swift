import DepartmentKit
import Domain
import Foundation
import GRDB
import SecurityContract
import Storage
import WireProtocol
import WireRuntime

/// Patrols and incidents (巡逻, 群防群治): record and list; incidents are dealt with once.
extension SecurityOffice {
    public func recordPatrol(_ request: Security.RecordPatrolRequest, context: CallContext) async throws -> Security.Patrol {
        let command = try await RecordPatrol(validating: request, for: self, context: context)
        return try await database.idempotentWrite(context, request: request) { db in
            try PatrolStore.insert(
                db,
                PatrolRecord(
                    id: 0, community: command.community, route: command.route, team: command.team, startedAt: command.startedAt, endedAt: command.endedAt,
                    note: command.note))
        } render: { db, id in
            guard let patrol = try PatrolStore.find(db, id: id) else { throw RPCError.notReadBack(EntityKind.patrol.id(id)) }
            return patrol.message
        }
    }

    public func listPatrols(_ request: Security.ListPatrolsRequest, context: CallContext) async throws -> Security.ListPatrolsResponse {
        var validation = Validation()
        let community = validation.community(request.communityCode, field: "community_code")
        let page = PageRequest(size: request.pageSize, token: request.pageToken, validation: &validation, keyCount: 1)
        let before = page?.afterID(&validation) ?? 0
        try validation.finish()
        let served = try validation.unwrap(community, field: "community_code")
        let pageRequest = try validation.unwrap(page, field: "page_token")
        let rows = try await database.read { db in try PatrolStore.list(db, community: served, beforeID: before, limit: pageRequest.fetchLimit) }
        let patrols = pageRequest.page(of: rows, rowID: \.id).map(\.message)
        return Security.ListPatrolsResponse(patrols: patrols.rows, nextPageToken: patrols.nextToken)
    }

    public func recordIncident(_ request: Security.RecordIncidentRequest, context: CallContext) async throws -> Security.Incident {
        let command = try await RecordIncident(validating: request, for: self, context: context)
        try GridScope(principal: context.principal).require(command.grid, field: "grid_code")
        return try await database.idempotentWrite(context, request: request) { db in
            let id = try IncidentStore.insert(
                db,
                IncidentRecord(
                    id: 0, community: command.community, grid: command.grid, kind: command.kind, serious: command.serious, place: command.place,
                    occurredAt: command.occurredAt, note: command.note))
            logger.info("incident recorded", metadata: ["incident": "\(EntityKind.incident.id(id))", "serious": "\(command.serious)"])
            return id
        } render: { db, id in
            try Self.incident(db, EntityKind.incident.id(id)).message
        }
    }

    public func handleIncident(_ request: Security.HandleIncidentRequest, context: CallContext) async throws -> Security.Incident {
        var validation = Validation()
        let id = validation.entityID(request.incidentId, .incident, field: "incident_id")
        validation.text(request.note, field: "note", maxLength: 1000, required: true)
        try validation.finish()
        let incidentID = try validation.unwrap(id, field: "incident_id")
        let handledAt = now()
        return try await database.idempotentWrite(context, request: request) { db in
            let incident = try Self.incident(db, incidentID)
            try incident.checkHandling()
            try IncidentStore.markHandled(db, id: incident.id, at: handledAt, note: request.note)
            return incident.id
        } render: { db, id in
            try Self.incident(db, EntityKind.incident.id(id)).message
        }
    }

    public func listIncidents(_ request: Security.ListIncidentsRequest, context: CallContext) async throws -> Security.ListIncidentsResponse {
        let scope = GridScope(principal: context.principal)
        let query = try GridListQuery(
            community: request.communityCode, grid: request.gridCode, pageSize: request.pageSize, pageToken: request.pageToken, scope: scope)
        if let grid = query.grid { try scope.require(grid, field: "grid_code") }
        let rows = try await database.read { db in
            try IncidentStore.list(
                db, community: query.community, grid: query.grid, unhandledOnly: request.unhandledOnly, afterID: query.afterID, limit: query.page.fetchLimit)
        }
        let incidents = query.page.page(of: rows, rowID: \.id).map(\.message)
        return Security.ListIncidentsResponse(incidents: incidents.rows, nextPageToken: incidents.nextToken)
    }

    /// The incident `id` names; NOT_FOUND naming incident_id when there is none.
    static func incident(_ db: Database, _ id: EntityID) throws -> IncidentRecord {
        guard let record = try IncidentStore.find(db, id: id.row) else { throw RPCError.notFound(id, field: "incident_id") }
        return record
    }
}
