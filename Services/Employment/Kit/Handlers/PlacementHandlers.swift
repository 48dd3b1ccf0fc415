import DepartmentKit
import Domain
import EmploymentContract
import Foundation
import GRDB
import WireClient
import WireProtocol
import WireRuntime

/// Employment.Placement (上岗): the spell ends, and the 48-hour promise (不挑不拣保你48小时上岗) is
/// decided by the first working day of the work.
extension EmploymentOffice {
    public func recordPlacement(_ request: Employment.RecordPlacementRequest, context: CallContext) async throws -> Employment.Placement {
        let placement = try RecordPlacement(validating: request, for: self, context: context)
        return try await database.idempotentWrite(context, request: request) { db in
            var seeker = try Self.requireSeeker(db, placement.seeker, context: context)
            guard let vacancy = try VacancyStore.find(db, id: placement.vacancy.row) else { throw RPCError.notFound(placement.vacancy, field: "vacancy_id") }
            let placedAt = now()
            try PlacementRules.check(seeker: seeker, vacancy: vacancy, startDate: placement.startDate, today: LocalDate(placedAt), policy: policy)
            // The conditional update is what makes over-filling impossible, whatever the rules saw.
            guard try PlacementStore.takePosition(db, vacancyID: vacancy.id) else { throw PlacementRefusal.lastPositionTaken }
            let outcome = seeker.promiseDeadline.map { PromiseRules.onPlacement(deadline: $0, startDate: placement.startDate) } ?? .none
            // kept only when an open promise was kept now (a released promise is not "kept")
            let kept = seeker.spell.promise == .open && outcome == .kept
            try SpellStore.close(db, seeker, at: placedAt, end: .placed, note: "", startDate: placement.startDate, outcome: outcome)
            seeker.status = .placed
            seeker.placedAt = placedAt
            seeker.placedVacancyID = vacancy.id
            try SeekerStore.update(db, seeker)
            try HouseholdStore.refresh(db, community: seeker.community, householdID: seeker.householdID, now: placedAt)
            let id = try PlacementStore.insert(
                db, seekerID: seeker.id, spellID: seeker.spell.id, vacancyID: vacancy.id, community: seeker.community,
                startDate: placement.startDate, placedAt: placedAt, promiseKept: kept)
            logger.info(
                "placement recorded",
                metadata: [
                    "seeker": "\(placement.seeker)", "vacancy": "\(placement.vacancy)", "promise_kept": "\(kept)", "principal": "\(context.principal.id)",
                ])
            return id
        } render: { db, id in
            guard let placed = try PlacementStore.find(db, id: id) else { throw RPCError.notReadBack(EntityKind.placement.id(id)) }
            return Employment.Placement(
                placementId: EntityKind.placement.format(placed.id), seekerId: EntityKind.jobSeeker.format(placed.seekerID),
                vacancyId: EntityKind.vacancy.format(placed.vacancyID), startDate: placed.startDate.description,
                placedAtMs: UInt64(placed.placedAt.unixMilliseconds), promiseKept: placed.promiseKept)
        }
    }
}
