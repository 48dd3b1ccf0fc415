import DepartmentKit
import Domain
import Foundation
import GRDB
import SecurityContract
import Storage
import WireProtocol
import WireRuntime

/// Check-ins (报到) of supervision cases: record, list, and the cases with missed periods.
extension SecurityOffice {
    public func recordCheckIn(_ request: Security.RecordCheckInRequest, context: CallContext) async throws -> Security.CheckIn {
        let access = try CaseAccess(context)
        let command = try RecordCheckIn(validating: request, for: self, context: context)
        let recordedAt = now()
        return try await database.idempotentWrite(context, request: request) { db in
            let record = try Self.supervisionCase(db, command.supervisionCase)
            try access.open(record.grid, "case \(command.supervisionCase)", context: context)
            try record.checkCheckIn(on: command.date)
            let id = try CheckInStore.insert(
                db, CheckInRecord(id: 0, caseID: record.id, date: command.date, outcome: command.outcome, note: command.note, recordedAt: recordedAt))
            try CaseStore.noteCheckIn(db, caseID: record.id, on: command.date)
            return id
        } render: { db, id in
            guard let checkIn = try CheckInStore.find(db, id: id) else { throw RPCError.notReadBack(EntityKind.checkIn.id(id)) }
            let record = try Self.supervisionCase(db, EntityKind.supervisionCase.id(checkIn.caseID))
            try access.open(record.grid, "case \(EntityKind.supervisionCase.id(record.id))", context: context)
            context.reportResidents([record.idNumber.rawValue])
            return checkIn.message
        }
    }

    public func listCheckIns(_ request: Security.ListCheckInsRequest, context: CallContext) async throws -> Security.ListCheckInsResponse {
        let access = try CaseAccess(context)
        var validation = Validation()
        let id = validation.entityID(request.caseId, .supervisionCase, field: "case_id")
        let page = PageRequest(size: request.pageSize, token: request.pageToken, validation: &validation, keyCount: 2)
        let after = Self.checkInPosition(page, &validation)
        try validation.finish()
        let caseID = try validation.unwrap(id, field: "case_id")
        let pageRequest = try validation.unwrap(page, field: "page_token")
        return try await database.read { db in
            let record = try Self.supervisionCase(db, caseID)
            try access.open(record.grid, "case \(caseID)", context: context)
            context.reportResidents([record.idNumber.rawValue])
            let rows = try CheckInStore.list(db, caseID: record.id, after: after, limit: pageRequest.fetchLimit)
            let page = pageRequest.page(of: rows) { [$0.date.description, String($0.id)] }
            return Security.ListCheckInsResponse(checkIns: page.rows.map(\.message), nextPageToken: page.nextToken)
        }
    }

    /// The (date, id) position a check-in page token holds; nil on the first page.
    static func checkInPosition(_ page: PageRequest?, _ validation: inout Validation) -> (date: String, id: Int64)? {
        guard let position = page?.after else { return nil }
        guard (try? LocalDate(iso: position[0])) != nil, let row = Int64(position[1]), row > 0 else {
            validation.fail(field: "page_token", "invalid page_token: not a position in this list")
            return nil
        }
        return (position[0], row)
    }

    public func listMissedCheckIns(_ request: Security.ListMissedCheckInsRequest, context: CallContext) async throws -> Security.ListMissedCheckInsResponse {
        let access = try CaseAccess(context)
        var asOf: LocalDate? = today
        let query = try GridListQuery(
            community: request.communityCode, grid: request.gridCode, pageSize: request.pageSize, pageToken: request.pageToken, scope: access.scope
        ) { validation in
            if !request.asOf.isEmpty { asOf = validation.date(request.asOf, field: "as_of") }
        }
        guard let judged = asOf else { throw RPCError(.internal, "internal error: as_of passed validation without a value") }
        let pageRequest = query.page
        try await requireRegistered(query.community, grid: query.grid, context: context)
        if let grid = query.grid { try access.open(grid, "the cases", context: context) }
        let filter = CaseStore.Filter(community: query.community, grid: query.grid, kind: nil, status: .active)
        let shown = policy.missedPeriodEndsShown
        return try await database.read { db in
            // Active cases are scanned in id order, a batch at a time, until a page (and one more) is found.
            var found: [(record: SupervisionCaseRecord, missed: [CheckInSchedule.Period])] = []
            var position = query.afterID
            while found.count < pageRequest.fetchLimit {
                let batch = try CaseStore.list(db, filter, afterID: position, limit: 200)
                guard let last = batch.last else { break }
                position = last.id
                let kept = try CheckInStore.keptDates(db, caseIDs: batch.map(\.id))
                for record in batch where found.count < pageRequest.fetchLimit {
                    let missed = record.schedule.missedPeriods(keptDates: kept[record.id] ?? [], asOf: judged)
                    if !missed.isEmpty { found.append((record, missed)) }
                }
            }
            let page = pageRequest.page(of: found) { [String($0.record.id)] }
            let entries = try page.rows.map { entry in
                Security.MissedCheckIns(
                    supervisionCase: entry.record.message(helpers: try CaseStore.helpers(db, caseID: entry.record.id), for: context),
                    missed: UInt32(entry.missed.count), missedPeriodEnds: entry.missed.suffix(shown).map(\.end.description),
                    daysOverdue: UInt32(max(0, judged.days(from: entry.missed.last?.end ?? judged))))
            }
            return Security.ListMissedCheckInsResponse(cases: entries, nextPageToken: page.nextToken, asOf: judged.description)
        }
    }
}
