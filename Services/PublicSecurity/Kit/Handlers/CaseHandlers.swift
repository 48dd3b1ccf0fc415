import DepartmentKit
import Domain
import Foundation
import GRDB
import SecurityContract
import Storage
import WireProtocol
import WireRuntime

/// Resettlement (安置帮教) and community-correction (社区矫正) cases: open, assign helpers, get,
/// list, close. Every reply passes `CaseAccess`: security staff only, another grid's case only on
/// a stated purpose (break-the-glass).
extension SecurityOffice {
    public func openCase(_ request: Security.OpenCaseRequest, context: CallContext) async throws -> Security.SupervisionCase {
        guard SecurityVisibility(context.principal).shows(.supervisionCases) else { return try await openCaseAtWindow(request, context: context) }
        let access = try CaseAccess(context)
        let command = try await OpenCase(validating: request, for: self, context: context)
        try access.open(command.grid, "a new case", context: context)
        return try await insertCase(command, request: request, context: context) { db, id in
            try Self.renderCase(db, id, access: access, context: context)
        }
    }

    /// A release taken in at the one-stop window (刑满释放): a clerk opens the resettlement case and
    /// is answered with its id, kind, place and term only — never the case as security reads it.
    /// Community-correction cases are opened by security staff alone.
    private func openCaseAtWindow(_ request: Security.OpenCaseRequest, context: CallContext) async throws -> Security.SupervisionCase {
        let command = try await OpenCase(validating: request, for: self, context: context)
        guard context.principal.hasRole("clerk"), command.kind == .resettlement else {
            throw RPCError(.permissionDenied, "supervision cases are opened by security staff; a window clerk may open a resettlement case only")
        }
        return try await insertCase(command, request: request, context: context) { db, id in
            guard let record = try CaseStore.find(db, id: id) else { throw RPCError.notReadBack(EntityKind.supervisionCase.id(id)) }
            context.reportResidents([record.idNumber.rawValue])
            return Security.SupervisionCase(
                caseId: EntityKind.supervisionCase.format(id), kind: record.kind, idNumber: record.idNumber.masked, name: Masking.maskName(record.name),
                communityCode: record.community.rawValue, gridCode: record.grid.rawValue, termStart: record.termStart.description,
                termEnd: record.termEnd.description, checkInIntervalDays: UInt32(record.checkInIntervalDays), status: record.status)
        }
    }

    /// Opens the case of `command` once (idempotent with the caller's key), rendered by `render`.
    private func insertCase(
        _ command: OpenCase, request: Security.OpenCaseRequest, context: CallContext,
        render: @escaping @Sendable (Database, Int64) throws -> Security.SupervisionCase
    ) async throws -> Security.SupervisionCase {
        let openedAt = now()
        let logger = logger
        return try await database.idempotentWrite(context, request: request) { db in
            if try CaseStore.hasActive(db, idNumber: command.idNumber, kind: command.kind) { throw CaseRefusal.alreadyActive(command.kind) }
            let id = try CaseStore.insert(
                db,
                SupervisionCaseRecord(
                    id: 0, kind: command.kind, idNumber: command.idNumber, name: command.name.rawValue, community: command.community, grid: command.grid,
                    termStart: command.termStart, termEnd: command.termEnd, checkInIntervalDays: command.checkInIntervalDays, openedAt: openedAt))
            logger.info("case opened", metadata: ["case": "\(EntityKind.supervisionCase.id(id))", "principal": "\(context.principal.id)"])
            return id
        } render: { db, id in
            try render(db, id)
        }
    }

    public func assignHelper(_ request: Security.AssignHelperRequest, context: CallContext) async throws -> Security.SupervisionCase {
        let access = try CaseAccess(context)
        let command = try AssignHelper(validating: request, for: self, context: context)
        let (policy, today) = (policy, today)
        return try await database.idempotentWrite(context, request: request) { db in
            let record = try Self.supervisionCase(db, command.supervisionCase)
            try access.open(record.grid, "case \(command.supervisionCase)", context: context)
            try record.checkHelper(name: command.name.rawValue, role: command.role, existing: try CaseStore.helpers(db, caseID: record.id), policy: policy)
            _ = try CaseStore.insertHelper(
                db, CaseHelperRecord(id: 0, caseID: record.id, name: command.name.rawValue, role: command.role, phone: command.phone, assignedOn: today))
            return record.id
        } render: { db, id in
            try Self.renderCase(db, id, access: access, context: context)
        }
    }

    public func getCase(_ request: Security.GetCaseRequest, context: CallContext) async throws -> Security.SupervisionCase {
        let access = try CaseAccess(context)
        var validation = Validation()
        let id = validation.entityID(request.caseId, .supervisionCase, field: "case_id")
        try validation.finish()
        let caseID = try validation.unwrap(id, field: "case_id")
        return try await database.read { db in
            let record = try Self.supervisionCase(db, caseID)
            try access.open(record.grid, "case \(caseID)", context: context)
            context.logger.info("case read", metadata: ["case": "\(caseID)", "principal": "\(context.principal.id)"])
            return record.message(helpers: try CaseStore.helpers(db, caseID: record.id), for: context)
        }
    }

    public func listCases(_ request: Security.ListCasesRequest, context: CallContext) async throws -> Security.ListCasesResponse {
        let access = try CaseAccess(context)
        let query = try GridListQuery(
            community: request.communityCode, grid: request.gridCode, pageSize: request.pageSize, pageToken: request.pageToken, scope: access.scope)
        try await requireRegistered(query.community, grid: query.grid, context: context)
        if let grid = query.grid { try access.open(grid, "the cases", context: context) }
        let filter = CaseStore.Filter(
            community: query.community, grid: query.grid, kind: request.kind == .unspecified ? nil : request.kind,
            status: request.status == .unspecified ? nil : request.status)
        return try await database.read { db in
            let rows = query.page.page(of: try CaseStore.list(db, filter, afterID: query.afterID, limit: query.page.fetchLimit), rowID: \.id)
            let cases = try rows.rows.map { $0.message(helpers: try CaseStore.helpers(db, caseID: $0.id), for: context) }
            return Security.ListCasesResponse(cases: cases, nextPageToken: rows.nextToken)
        }
    }

    public func closeCase(_ request: Security.CloseCaseRequest, context: CallContext) async throws -> Security.SupervisionCase {
        let access = try CaseAccess(context)
        let command = try CloseCase(validating: request, for: self, context: context)
        return try await database.idempotentWrite(context, request: request) { db in
            let record = try Self.supervisionCase(db, command.supervisionCase)
            try access.open(record.grid, "case \(command.supervisionCase)", context: context)
            try record.checkClose(command.closure, on: command.closedOn)
            try CaseStore.close(db, caseID: record.id, closure: command.closure, on: command.closedOn, note: command.note)
            logger.info("case closed", metadata: ["case": "\(command.supervisionCase)", "principal": "\(context.principal.id)"])
            return record.id
        } render: { db, id in
            try Self.renderCase(db, id, access: access, context: context)
        }
    }

    /// The case `id` names; NOT_FOUND naming case_id when there is none.
    static func supervisionCase(_ db: Database, _ id: EntityID) throws -> SupervisionCaseRecord {
        guard let record = try CaseStore.find(db, id: id.row) else { throw RPCError.notFound(id, field: "case_id") }
        return record
    }

    /// The case a write has just written or an idempotent replay refers to, as the caller asking
    /// now may see it (a replay by an officer now outside its grid needs a purpose too).
    static func renderCase(_ db: Database, _ id: Int64, access: CaseAccess, context: CallContext) throws -> Security.SupervisionCase {
        guard let record = try CaseStore.find(db, id: id) else { throw RPCError.notReadBack(EntityKind.supervisionCase.id(id)) }
        try access.open(record.grid, "case \(EntityKind.supervisionCase.id(id))", context: context)
        return record.message(helpers: try CaseStore.helpers(db, caseID: id), for: context)
    }
}
