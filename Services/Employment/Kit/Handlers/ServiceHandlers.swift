import DepartmentKit
import Domain
import EmploymentContract
import Foundation
import GRDB
import WireClient
import WireProtocol
import WireRuntime

/// Services delivered (policy consultation, job introduction, training referral), recorded and
/// counted per community and month.
extension EmploymentOffice {
    public func recordService(_ request: Employment.RecordServiceRequest, context: CallContext) async throws -> Employment.ServiceDelivered {
        let service = try await RecordService(validating: request, for: self, context: context)
        return try await database.idempotentWrite(context, request: request) { db in
            try Self.mirror(db, service.community, name: service.communityName)
            if let seeker = service.seeker { _ = try Self.requireSeeker(db, seeker, context: context) }
            return try ServiceStore.insert(
                db,
                ServiceStore.Record(
                    id: 0, community: service.community, kind: service.kind, deliveredOn: service.deliveredOn, seekerID: service.seeker?.row,
                    recordedBy: context.principal.id, recordedAt: now()))
        } render: { db, id in
            guard let record = try ServiceStore.find(db, id: id) else { throw RPCError.notReadBack(EntityKind.service.id(id)) }
            return Employment.ServiceDelivered(
                serviceId: EntityKind.service.format(record.id), communityCode: record.community.rawValue, kind: record.kind,
                deliveredOn: record.deliveredOn.description, seekerId: record.seekerID.map { EntityKind.jobSeeker.format($0) } ?? "",
                recordedBy: record.recordedBy, recordedAtMs: UInt64(record.recordedAt.unixMilliseconds))
        }
    }

    public func getServicesDelivered(_ request: Employment.ServicesDeliveredRequest, context: CallContext) async throws
        -> Employment.ServicesDeliveredResponse
    {
        var validation = Validation()
        let community = validation.community(request.communityCode, field: "community_code")
        let today = LocalDate(now())
        let first = request.month.isEmpty ? try LocalDate(year: today.year, month: today.month, day: 1) : validation.date(request.month + "-01", field: "month")
        try validation.finish()
        let served = try validation.unwrap(community, field: "community_code")
        let start = try validation.unwrap(first, field: "month")
        _ = try await requireRegistered(served, field: "community_code", context: context)
        let last = start.adding(days: LocalDate.daysInMonth(year: start.year, month: start.month) - 1)
        let counts = try await database.read { db in try ServiceStore.counts(db, community: served, first: start, last: last) }
        return Employment.ServicesDeliveredResponse(
            communityCode: served.rawValue, month: String(start.description.prefix(7)),
            policyConsultations: UInt32(counts[.policyConsultation] ?? 0), jobIntroductions: UInt32(counts[.jobIntroduction] ?? 0),
            trainingReferrals: UInt32(counts[.trainingReferral] ?? 0))
    }
}
