import DepartmentKit
import Domain
import Foundation
import SecurityContract
import WireProtocol
import WireRuntime

/// Residence-permit eligibility (居住证): continuous registration for the policy's months.
extension SecurityOffice {
    public func checkResidencePermit(_ request: Security.CheckResidencePermitRequest, context: CallContext) async throws
        -> Security.ResidencePermitEligibility
    {
        var validation = Validation()
        let idNumber = validation.residentID(request.idNumber, field: "id_number")
        let asOf = request.asOf.isEmpty ? today : validation.date(request.asOf, field: "as_of")
        try validation.finish()
        let resident = try validation.unwrap(idNumber, field: "id_number")
        let judged = try validation.unwrap(asOf, field: "as_of")
        let stays = try await database.read { db in try FloatingStore.all(db, idNumber: resident) }
        guard let latest = stays.last else { throw RPCError.notFound(EntityKind.floatingResident.noun, field: "id_number", resident.masked) }
        try GridScope(principal: context.principal).require(latest.grid, field: "id_number")
        context.reportResidents([resident.rawValue])
        let verdict = ResidencePermitRule.evaluate(
            stays.map { ResidencePermitRule.Stay(arrival: $0.arrivalDate, departure: $0.departureDate) }, asOf: judged, policy: policy)
        let current = stays.last { $0.arrivalDate <= judged && ($0.departureDate.map { $0 >= judged } ?? true) }
        return Security.ResidencePermitEligibility(
            eligible: verdict.eligible, registrationId: current.map { EntityKind.floatingResident.format($0.id) } ?? "",
            continuousSince: verdict.continuousSince?.description ?? "", continuousDays: UInt32(verdict.continuousDays),
            requiredMonths: UInt32(policy.residencePermitMonths), eligibleFrom: verdict.eligibleFrom?.description ?? "", asOf: judged.description)
    }
}
