import DepartmentKit
import Domain
import GRDB
import HealthContract
import WireProtocol
import WireRuntime

/// Family planning (计划生育): registration for registered and floating residents alike, births,
/// contraceptive distribution (药具发放), follow-up visits (随访探视) and the overdue list.
extension HealthOffice {
    public func registerFamilyPlanning(_ request: Health.RegisterFamilyPlanningRequest, context: CallContext) async throws
        -> Health.FamilyPlanningFile
    {
        let command = try RegisterFamilyPlanning(validating: request, for: self, context: context)
        let (scope, visibility) = (GridScope(principal: context.principal), HealthVisibility(health: context.principal))
        return try await database.idempotentWrite(context, request: request) { db in
            guard let record = try HealthRecordStore.find(db, id: command.record.row) else { throw RPCError.notFound(command.record, field: "record_id") }
            context.reportResidents([record.idNumber.rawValue])
            try scope.require(record.grid, field: "record_id")
            if let file = try FamilyPlanningStore.fileID(db, recordID: record.id) { throw FamilyPlanningRefusal.alreadyRegistered(file: file) }
            let schedule = FollowUpSchedule(intervalDays: command.intervalDays)
            let id = try FamilyPlanningStore.insert(
                db,
                FamilyPlanningRecord(
                    id: 0, recordID: record.id, community: record.community, grid: record.grid, residence: record.residence,
                    contraceptiveMethod: command.contraceptiveMethod, intervalDays: command.intervalDays, registeredOn: command.registeredOn,
                    nextVisitDue: schedule.nextDue(after: command.registeredOn), lastVisit: nil))
            logger.info("family planning registered", metadata: ["file": "\(EntityKind.familyPlanningFile.id(id))", "principal": "\(context.principal.id)"])
            return id
        } render: { db, id in
            try Self.familyPlanningFile(db, EntityKind.familyPlanningFile.id(id), reportingTo: context).message(visibility: visibility)
        }
    }

    public func recordBirth(_ request: Health.RecordBirthRequest, context: CallContext) async throws -> Health.Birth {
        let command = try RecordBirth(validating: request, for: self, context: context)
        let scope = GridScope(principal: context.principal)
        return try await database.idempotentWrite(context, request: request) { db in
            var file = try Self.familyPlanningFile(db, command.file, reportingTo: context)
            try scope.require(file.grid, field: "file_id")
            file.births += 1
            try FamilyPlanningStore.update(db, file)
            return try FamilyPlanningStore.insertBirth(db, file: file.id, date: command.date, sex: command.sex, order: file.births)
        } render: { db, id in
            guard let birth = try FamilyPlanningStore.birth(db, id: id) else { throw RPCError.notReadBack(EntityKind.birth.id(id)) }
            return birth
        }
    }

    public func recordContraceptiveDistribution(_ request: Health.RecordContraceptiveDistributionRequest, context: CallContext) async throws
        -> Health.ContraceptiveDistribution
    {
        let command = try RecordContraceptiveDistribution(validating: request, for: self, context: context)
        let scope = GridScope(principal: context.principal)
        return try await database.idempotentWrite(context, request: request) { db in
            let file = try Self.familyPlanningFile(db, command.file, reportingTo: context)
            try scope.require(file.grid, field: "file_id")
            return try FamilyPlanningStore.insertDistribution(db, file: file, item: command.item, quantity: command.quantity, date: command.date)
        } render: { db, id in
            guard let distribution = try FamilyPlanningStore.distribution(db, id: id) else { throw RPCError.notReadBack(EntityKind.distribution.id(id)) }
            return distribution
        }
    }

    public func recordFamilyPlanningVisit(_ request: Health.RecordFamilyPlanningVisitRequest, context: CallContext) async throws
        -> Health.FamilyPlanningFile
    {
        let command = try RecordFamilyPlanningVisit(validating: request, for: self, context: context)
        let (scope, visibility) = (GridScope(principal: context.principal), HealthVisibility(health: context.principal))
        return try await database.idempotentWrite(context, request: request) { db in
            let file = try Self.familyPlanningFile(db, command.file, reportingTo: context)
            try scope.require(file.grid, field: "file_id")
            try FamilyPlanningStore.update(db, try file.visiting(on: command.date))
            try FamilyPlanningStore.insertVisit(db, file: file, date: command.date, notes: command.notes)
            return file.id
        } render: { db, id in
            try Self.familyPlanningFile(db, EntityKind.familyPlanningFile.id(id), reportingTo: context).message(visibility: visibility)
        }
    }

    public func listOverdueFamilyPlanningVisits(_ request: Health.ListOverdueFamilyPlanningVisitsRequest, context: CallContext) async throws
        -> Health.ListOverdueFamilyPlanningVisitsResponse
    {
        let (listing, pageRequest, after) = try await ListedArea.validate(
            community: request.communityCode, grid: request.gridCode, pageSize: request.pageSize, pageToken: request.pageToken, keyCount: 2,
            registry: registry, context: context
        ) { validation, page in page?.afterDueDate(&validation) }
        let today = today
        let rows = try await database.read { db in
            try FamilyPlanningStore.overdue(db, area: listing, today: today, after: after, limit: pageRequest.fetchLimit)
        }
        let visibility = HealthVisibility(health: context.principal)
        let overdue = pageRequest.page(of: rows) { [$0.file.nextVisitDue.description, String($0.file.id)] }
            .map { $0.message(today: today, visibility: visibility, for: context) }
        return Health.ListOverdueFamilyPlanningVisitsResponse(overdue: overdue.rows, nextPageToken: overdue.nextToken)
    }

    /// A family-planning file a call names (NOT_FOUND naming `file_id` when there is none), its
    /// resident reported to the call's audit record.
    static func familyPlanningFile(_ db: Database, _ id: EntityID, reportingTo context: CallContext) throws -> FamilyPlanningRecord {
        guard let file = try FamilyPlanningStore.find(db, id: id.row) else { throw RPCError.notFound(id, field: "file_id") }
        try reportResidents(db, recordIDs: [file.recordID], to: context)
        return file
    }
}
