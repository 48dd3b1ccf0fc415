import AssistanceContract
import DepartmentKit
import Domain
import Foundation
import GRDB
import Storage
import WireProtocol
import WireRuntime

/// The public notice (公示) of a community, masked for everyone, and the objections (异议) filed
/// against cases on it; approval waits until every objection is resolved.
extension AssistanceOffice {
    public func listPublicNotice(_ request: Assistance.ListPublicNoticeRequest, context: CallContext) async throws -> Assistance.ListPublicNoticeResponse {
        var validation = Validation()
        let community = validation.community(request.communityCode, field: "community_code")
        let day = validation.date(request.asOfDate, field: "as_of_date", default: today)
        let page = PageRequest(size: request.pageSize, token: request.pageToken, validation: &validation, keyCount: 1)
        let after = page?.afterID(&validation) ?? 0
        try validation.finish()
        let served = try validation.unwrap(community, field: "community_code")
        let asOf = try validation.unwrap(day, field: "as_of_date")
        let pageRequest = try validation.unwrap(page, field: "page_token")
        return try await database.read { db in
            let page = pageRequest.page(of: try CaseStore.onNotice(db, community: served, on: asOf, afterID: after, limit: pageRequest.fetchLimit), rowID: \.id)
            let month = LocalMonth(asOf)
            let standard = try StandardStore.inForce(db, community: served, month: month)
            let households = try HouseholdStore.find(db, ids: page.rows.map(\.householdID))
            let entries = try page.rows.map { record in
                guard let household = households[record.householdID] else { throw RPCError.notReadBack(EntityKind.household.id(record.householdID)) }
                return Self.noticeEntry(record, household: household, standard: standard, context: context)
            }
            return Assistance.ListPublicNoticeResponse(entries: entries, nextPageToken: page.nextToken)
        }
    }

    /// One line of the public notice: the head's family name and masked ID number, the means.
    static func noticeEntry(_ record: AllowanceCaseRecord, household: HouseholdRecord, standard: Fen?, context: CallContext) -> Assistance.NoticeEntry {
        let means = household.means
        let head = household.head
        if let head { context.reportResidents([head.idNumber.rawValue]) }
        return Assistance.NoticeEntry(
            caseId: EntityKind.allowanceCase.format(record.id), headName: head.map { Masking.familyNameOnly($0.name) } ?? "",
            headIdNumber: head?.idNumber.masked ?? "", members: UInt32(means.members), perCapitaIncomeFen: means.perCapitaIncome.rawValue,
            category: means.category.message, monthlyAmountFen: standard.map { means.monthlyAmount(standard: $0).rawValue } ?? 0,
            noticeStartDate: record.noticeStart?.description ?? "", noticeEndDate: record.noticeEnd?.description ?? "")
    }

    public func fileObjection(_ request: Assistance.FileObjectionRequest, context: CallContext) async throws -> Assistance.Objection {
        let objection = try FileObjection(validating: request, for: self, context: context)
        let actor = context.principal.id
        return try await database.idempotentWrite(context, request: request) { db in
            guard let record = try CaseStore.find(db, id: objection.caseID.row) else { throw RPCError.notFound(objection.caseID, field: "case_id") }
            guard record.state == .underNotice else { throw ObjectionRefusal.caseNotOnNotice(record.state) }
            let id = try ObjectionStore.insert(db, caseID: record.id, text: objection.text, filedBy: actor, at: now())
            logger.info("objection filed", metadata: ["case": "\(objection.caseID)", "objection": "\(EntityKind.objection.id(id))"])
            return id
        } render: { db, id in
            try Self.objection(db, id).message
        }
    }

    public func resolveObjection(_ request: Assistance.ResolveObjectionRequest, context: CallContext) async throws -> Assistance.Objection {
        let resolution = try ResolveObjection(validating: request, for: self, context: context)
        return try await database.idempotentWrite(context, request: request) { db in
            guard let record = try ObjectionStore.find(db, id: resolution.objection.row) else {
                throw RPCError.notFound(resolution.objection, field: "objection_id")
            }
            guard record.resolvedAt == nil else { throw ObjectionRefusal.alreadyResolved }
            try ObjectionStore.resolve(db, id: record.id, resolution: resolution.resolution, upheld: resolution.upheld, at: now())
            return record.id
        } render: { db, id in
            try Self.objection(db, id).message
        }
    }

    static func objection(_ db: Database, _ id: Int64) throws -> ObjectionStore.Record {
        guard let record = try ObjectionStore.find(db, id: id) else { throw RPCError.notReadBack(EntityKind.objection.id(id)) }
        return record
    }
}
