import DepartmentKit
import Domain
import GRDB
import HealthContract
import WireProtocol
import WireRuntime

/// Home sickbeds (家庭病床): open, visit, close, the active beds of a community or grid.
extension HealthOffice {
    public func openSickbed(_ request: Health.OpenSickbedRequest, context: CallContext) async throws -> Health.Sickbed {
        let command = try OpenSickbed(validating: request, for: self, context: context)
        let (scope, visibility) = (GridScope(principal: context.principal), HealthVisibility(health: context.principal))
        return try await database.idempotentWrite(context, request: request) { db in
            guard let record = try HealthRecordStore.find(db, id: command.record.row) else { throw RPCError.notFound(command.record, field: "record_id") }
            context.reportResidents([record.idNumber.rawValue])
            try scope.require(record.grid, field: "record_id")
            if let open = try SickbedStore.open(db, recordID: record.id) { throw SickbedRefusal.alreadyOpen(sickbed: open) }
            let id = try SickbedStore.insert(
                db, HomeSickbed(id: 0, recordID: record.id, community: record.community, grid: record.grid, reason: command.reason, openedOn: command.openedOn))
            logger.info("home sickbed opened", metadata: ["sickbed": "\(EntityKind.sickbed.id(id))", "principal": "\(context.principal.id)"])
            return id
        } render: { db, id in
            try Self.sickbed(db, EntityKind.sickbed.id(id), reportingTo: context).message(visibility: visibility)
        }
    }

    public func recordSickbedVisit(_ request: Health.RecordSickbedVisitRequest, context: CallContext) async throws -> Health.Sickbed {
        let command = try RecordSickbedVisit(validating: request, for: self, context: context)
        let (scope, visibility) = (GridScope(principal: context.principal), HealthVisibility(health: context.principal))
        return try await database.idempotentWrite(context, request: request) { db in
            let bed = try Self.sickbed(db, command.sickbed, reportingTo: context)
            try scope.require(bed.grid, field: "sickbed_id")
            try SickbedStore.update(db, try bed.visiting(on: command.date))
            try SickbedStore.insertVisit(db, sickbed: bed.id, date: command.date, notes: command.notes, at: now())
            return bed.id
        } render: { db, id in
            try Self.sickbed(db, EntityKind.sickbed.id(id), reportingTo: context).message(visibility: visibility)
        }
    }

    public func closeSickbed(_ request: Health.CloseSickbedRequest, context: CallContext) async throws -> Health.Sickbed {
        let command = try CloseSickbed(validating: request, for: self, context: context)
        let (scope, visibility) = (GridScope(principal: context.principal), HealthVisibility(health: context.principal))
        return try await database.idempotentWrite(context, request: request) { db in
            let bed = try Self.sickbed(db, command.sickbed, reportingTo: context)
            try scope.require(bed.grid, field: "sickbed_id")
            try SickbedStore.update(db, try bed.closing(on: command.closedOn, outcome: command.outcome))
            return bed.id
        } render: { db, id in
            try Self.sickbed(db, EntityKind.sickbed.id(id), reportingTo: context).message(visibility: visibility)
        }
    }

    public func listActiveSickbeds(_ request: Health.ListActiveSickbedsRequest, context: CallContext) async throws -> Health.ListActiveSickbedsResponse {
        let (listing, pageRequest, afterID) = try await ListedArea.validate(
            community: request.communityCode, grid: request.gridCode, pageSize: request.pageSize, pageToken: request.pageToken, keyCount: 1,
            registry: registry, context: context
        ) { validation, page in page?.afterID(&validation) ?? 0 }
        let (beds, active) = try await database.read { db in
            let found = try SickbedStore.listOpen(db, area: listing, afterID: afterID, limit: pageRequest.fetchLimit)
            let shown = pageRequest.page(of: found.beds, rowID: \.id)
            try Self.reportResidents(db, recordIDs: shown.rows.map(\.recordID), to: context)
            return (shown, found.active)
        }
        let visibility = HealthVisibility(health: context.principal)
        return Health.ListActiveSickbedsResponse(
            sickbeds: beds.rows.map { $0.message(visibility: visibility) }, nextPageToken: beds.nextToken, active: UInt32(active))
    }

    /// A sickbed a call names (NOT_FOUND naming `sickbed_id` when there is none), its resident
    /// reported to the call's audit record.
    static func sickbed(_ db: Database, _ id: EntityID, reportingTo context: CallContext) throws -> HomeSickbed {
        guard let bed = try SickbedStore.find(db, id: id.row) else { throw RPCError.notFound(id, field: "sickbed_id") }
        try reportResidents(db, recordIDs: [bed.recordID], to: context)
        return bed
    }
}
