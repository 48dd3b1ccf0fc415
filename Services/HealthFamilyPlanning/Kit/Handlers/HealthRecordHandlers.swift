import DepartmentKit
import Domain
import GRDB
import HealthContract
import WireProtocol
import WireRuntime

/// Health records (健康档案): create, update, get, list.
extension HealthOffice {
    public func createHealthRecord(_ request: Health.CreateHealthRecordRequest, context: CallContext) async throws -> Health.HealthRecord {
        let command = try await CreateHealthRecord(validating: request, for: self, context: context)
        context.reportResidents([command.idNumber.rawValue])
        try GridScope(principal: context.principal).require(command.grid, field: "grid_code")
        let (visibility, today, policy) = (HealthVisibility(health: context.principal), today, policy)
        // A window clerk opens the record (a newcomer's arrival); diagnoses and notes are health staff's.
        guard visibility.seesClinicalDetails || (request.conditions.isEmpty && request.notes.isEmpty) else {
            throw RPCError(.permissionDenied, "diagnoses and clinical notes are entered by health staff: open the record without them")
        }
        return try await database.idempotentWrite(context, request: request) { db in
            if try HealthRecordStore.find(db, idNumber: command.idNumber.rawValue) != nil { throw HealthRecordRefusal.alreadyExists }
            let instant = now()
            let record = ResidentHealthRecord(
                id: 0, idNumber: command.idNumber, name: command.name.rawValue, community: command.community, grid: command.grid, residence: .unspecified,
                chronicallyIll: false, disabled: false, poor: false, conditions: [], notes: "", createdAt: instant, updatedAt: instant
            ).replacing(command.details)
            let id = try HealthRecordStore.insert(db, record)
            logger.info(
                "health record created",
                metadata: [
                    "record": "\(EntityKind.healthRecord.id(id))", "community": "\(command.community.rawValue)", "principal": "\(context.principal.id)",
                ])
            return id
        } render: { db, id in
            try Self.record(db, id).message(policy: policy, today: today, visibility: visibility, for: context)
        }
    }

    public func updateHealthRecord(_ request: Health.UpdateHealthRecordRequest, context: CallContext) async throws -> Health.HealthRecord {
        let command = try await UpdateHealthRecord(validating: request, for: self, context: context)
        let scope = GridScope(principal: context.principal)
        try scope.require(command.grid, field: "grid_code")
        let (visibility, today, policy) = (HealthVisibility(health: context.principal), today, policy)
        return try await database.idempotentWrite(context, request: request) { db in
            guard var record = try HealthRecordStore.find(db, id: command.record.row) else { throw RPCError.notFound(command.record, field: "record_id") }
            context.reportResidents([record.idNumber.rawValue])
            try scope.require(record.grid, field: "record_id")
            try record.checkMove(to: command.grid)
            record = record.replacing(command.details)
            record.grid = command.grid
            // Enrolment in a chronic disease programme keeps a resident among the chronically ill.
            record.chronicallyIll = try record.chronicallyIll || EnrolmentStore.exists(db, recordID: record.id)
            record.updatedAt = now()
            try HealthRecordStore.update(db, record)
            return record.id
        } render: { db, id in
            try Self.record(db, id).message(policy: policy, today: today, visibility: visibility, for: context)
        }
    }

    public func getHealthRecord(_ request: Health.GetHealthRecordRequest, context: CallContext) async throws -> Health.HealthRecord {
        let lookup = try ResidentRecordLookup(recordID: request.recordId, idNumber: request.idNumber, kind: .healthRecord, recordField: "record_id")
        let record = try await database.read { db in
            switch lookup {
            case .record(let id, _): try HealthRecordStore.find(db, id: id.row)
            case .resident(let number): try HealthRecordStore.find(db, idNumber: number.rawValue)
            }
        }
        guard let record else { throw lookup.notFound(.healthRecord) }
        // The attempt is the resident's business even when it is refused below.
        context.reportResidents([record.idNumber.rawValue])
        let visibility = HealthVisibility(health: context.principal)
        let scope = GridScope(principal: context.principal)
        switch RecordAccess(inScope: scope.admits(record.grid), seesClinicalDetails: visibility.seesClinicalDetails) {
        case .normal: break
        case .breakTheGlass: try context.requirePurposeToBreakTheGlass("health record \(EntityKind.healthRecord.id(record.id))")
        case .denied: try scope.require(record.grid, field: lookup.field)
        }
        context.logger.info(
            "health record read", metadata: ["record": "\(EntityKind.healthRecord.id(record.id))", "principal": "\(context.principal.id)"])
        return record.message(policy: policy, today: today, visibility: visibility, for: context)
    }

    public func listHealthRecords(_ request: Health.ListHealthRecordsRequest, context: CallContext) async throws -> Health.ListHealthRecordsResponse {
        let (listing, pageRequest, afterID) = try await ListedArea.validate(
            community: request.communityCode, grid: request.gridCode, pageSize: request.pageSize, pageToken: request.pageToken, keyCount: 1,
            registry: registry, context: context
        ) { validation, page in page?.afterID(&validation) ?? 0 }
        let rows = try await database.read { db in
            try HealthRecordStore.list(db, community: listing.community, grid: listing.grid, afterID: afterID, limit: pageRequest.fetchLimit)
        }
        let (visibility, today) = (HealthVisibility(health: context.principal), today)
        let records = pageRequest.page(of: rows, rowID: \.id).map { $0.message(policy: policy, today: today, visibility: visibility, for: context) }
        return Health.ListHealthRecordsResponse(records: records.rows, nextPageToken: records.nextToken)
    }

    /// The record a write has just written or an idempotent replay refers to.
    static func record(_ db: Database, _ id: Int64) throws -> ResidentHealthRecord {
        guard let record = try HealthRecordStore.find(db, id: id) else { throw RPCError.notReadBack(EntityKind.healthRecord.id(id)) }
        return record
    }
}
