import DepartmentKit
import Domain
import GRDB
import HealthContract
import WireProtocol
import WireRuntime

/// Chronic disease enrolment and follow-up (随访): enrol, record a follow-up, the overdue list.
extension HealthOffice {
    public func enrollInProgramme(_ request: Health.EnrollInProgrammeRequest, context: CallContext) async throws -> Health.Enrolment {
        let command = try EnrollInProgramme(validating: request, for: self, context: context)
        let scope = GridScope(principal: context.principal)
        return try await database.idempotentWrite(context, request: request) { db in
            guard let record = try HealthRecordStore.find(db, id: command.record.row) else { throw RPCError.notFound(command.record, field: "record_id") }
            context.reportResidents([record.idNumber.rawValue])
            try scope.require(record.grid, field: "record_id")
            guard let programme = try ProgrammeStore.find(db, code: command.programme) else { throw EnrolmentRefusal.unknownProgramme(command.programme) }
            if try EnrolmentStore.exists(db, recordID: record.id, programme: programme.code) {
                throw EnrolmentRefusal.alreadyEnrolled(programme: programme.code)
            }
            let schedule = FollowUpSchedule(intervalDays: command.intervalDays ?? programme.intervalDays)
            let enrolment = ChronicEnrolment(
                id: 0, recordID: record.id, programme: programme.code, community: record.community, grid: record.grid,
                intervalDays: schedule.intervalDays, enrolledOn: command.enrolledOn, nextDue: schedule.nextDue(after: command.enrolledOn),
                lastFollowUp: nil, followUps: 0, lastControlled: false)
            let id = try EnrolmentStore.insert(db, enrolment)
            // Enrolment in a chronic disease programme makes the resident one of the chronically ill.
            try HealthRecordStore.markChronicallyIll(db, id: record.id, at: now())
            logger.info(
                "enrolled in programme",
                metadata: ["enrolment": "\(EntityKind.enrolment.id(id))", "programme": "\(programme.code)", "principal": "\(context.principal.id)"])
            return id
        } render: { db, id in
            try Self.enrolment(db, id, reportingTo: context).message
        }
    }

    public func recordFollowUp(_ request: Health.RecordFollowUpRequest, context: CallContext) async throws -> Health.FollowUp {
        let command = try RecordFollowUp(validating: request, for: self, context: context)
        let scope = GridScope(principal: context.principal)
        let (visibility, ranges) = (HealthVisibility(health: context.principal), policy.ranges)
        return try await database.idempotentWrite(context, request: request) { db in
            let enrolment = try Self.enrolment(db, command.enrolment, reportingTo: context)
            try scope.require(enrolment.grid, field: "enrolment_id")
            guard let programme = try ProgrammeStore.find(db, code: enrolment.programme) else {
                throw RPCError(.internal, "internal error: enrolment \(command.enrolment) names no programme")
            }
            let problems = ranges.problems(command.measurements, programme: programme)
            guard problems.isEmpty else {
                throw RPCError(refusing: .invalidArgument, violations: problems.map { Wire.FieldViolation(field: $0.field, description: $0.description) })
            }
            let controlled = programme.isControlled(command.measurements)
            try EnrolmentStore.updateSchedule(db, try enrolment.recordingFollowUp(on: command.date, controlled: controlled))
            return try FollowUpStore.insert(
                db,
                ChronicFollowUp(
                    id: 0, enrolmentID: enrolment.id, date: command.date, measurements: command.measurements, controlled: controlled,
                    notes: command.notes, recordedAt: now()))
        } render: { db, id in
            guard let followUp = try FollowUpStore.find(db, id: id) else { throw RPCError.notReadBack(EntityKind.followUp.id(id)) }
            let enrolment = try Self.enrolment(db, followUp.enrolmentID, reportingTo: context)
            return followUp.message(nextDue: enrolment.nextDue, visibility: visibility)
        }
    }

    public func listOverdueFollowUps(_ request: Health.ListOverdueFollowUpsRequest, context: CallContext) async throws
        -> Health.ListOverdueFollowUpsResponse
    {
        let (listing, pageRequest, (programme, after)) = try await ListedArea.validate(
            community: request.communityCode, grid: request.gridCode, pageSize: request.pageSize, pageToken: request.pageToken, keyCount: 2,
            registry: registry, context: context
        ) { validation, page in
            (request.programmeCode.isEmpty ? nil : validation.programmeCode(request.programmeCode, field: "programme_code"), page?.afterDueDate(&validation))
        }
        let today = today
        let rows = try await database.read { db in
            try EnrolmentStore.overdue(
                db, community: listing.community, grid: listing.grid, programme: programme, today: today, after: after, limit: pageRequest.fetchLimit)
        }
        let visibility = HealthVisibility(health: context.principal)
        let overdue = pageRequest.page(of: rows) { [$0.enrolment.nextDue.description, String($0.enrolment.id)] }
            .map { $0.message(today: today, visibility: visibility, for: context) }
        return Health.ListOverdueFollowUpsResponse(overdue: overdue.rows, nextPageToken: overdue.nextToken)
    }

    /// An enrolment a call names (NOT_FOUND naming `enrolment_id` when there is none), its
    /// resident reported to the call's audit record.
    static func enrolment(_ db: Database, _ id: EntityID, reportingTo context: CallContext) throws -> ChronicEnrolment {
        guard let enrolment = try EnrolmentStore.find(db, id: id.row) else { throw RPCError.notFound(id, field: "enrolment_id") }
        try reportResidents(db, recordIDs: [enrolment.recordID], to: context)
        return enrolment
    }

    /// The enrolment a write has just written or an idempotent replay refers to.
    static func enrolment(_ db: Database, _ id: Int64, reportingTo context: CallContext) throws -> ChronicEnrolment {
        do {
            return try enrolment(db, EntityKind.enrolment.id(id), reportingTo: context)
        } catch {
            throw RPCError.notReadBack(EntityKind.enrolment.id(id))
        }
    }
}
