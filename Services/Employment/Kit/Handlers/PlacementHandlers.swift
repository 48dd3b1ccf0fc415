import DepartmentKit
import Domain
import EmploymentContract
import Foundation
import GRDB
import WireClient
import WireProtocol
import WireRuntime

/// Employment.Placement (上岗) and the 48-hour promise (不挑不拣保你48小时上岗).
extension EmploymentOffice {
    public func recordPlacement(_ request: Employment.RecordPlacementRequest, context: CallContext) async throws -> Employment.Placement {
        let placement = try RecordPlacement(validating: request, for: self, context: context)
        return try await database.idempotentWrite(context, request: request) { db in
            guard var seeker = try SeekerStore.find(db, id: placement.seeker.row) else { throw RPCError.notFound(placement.seeker, field: "seeker_id") }
            context.reportResidents([seeker.idNumber.rawValue])
            guard let vacancy = try VacancyStore.find(db, id: placement.vacancy.row) else { throw RPCError.notFound(placement.vacancy, field: "vacancy_id") }
            try PlacementRules.check(seeker: seeker, vacancy: vacancy)
            // The conditional update is what makes over-filling impossible, whatever the rules saw.
            guard try PlacementStore.takePosition(db, vacancyID: vacancy.id) else { throw PlacementRefusal.lastPositionTaken }
            let placedAt = now()
            let kept = seeker.promiseDeadline(policy).map { placedAt <= $0 } ?? false
            seeker.status = .placed
            seeker.placedAt = placedAt
            seeker.placedVacancyID = vacancy.id
            try SeekerStore.update(db, seeker)
            let id = try PlacementStore.insert(
                db, seekerID: seeker.id, vacancyID: vacancy.id, community: seeker.community,
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

    public func listPromises(_ request: Employment.ListPromisesRequest, context: CallContext) async throws -> Employment.ListPromisesResponse {
        var validation = Validation()
        let community = validation.community(request.communityCode, field: "community_code")
        validation.require(request.atRiskHours <= UInt32(policy.promiseHours), field: "at_risk_hours", "at most \(policy.promiseHours)")
        try validation.finish()
        let served = try validation.unwrap(community, field: "community_code")
        let atRisk = request.atRiskHours == 0 ? policy.defaultAtRiskHours : Int64(request.atRiskHours)
        _ = try await requireRegistered(served, field: "community_code", context: context)
        let holders = try await database.read { db in try SeekerStore.promiseHolders(db, community: served) }
        let moment = now(), full = SeekerVisibility(context.principal)
        var response = Employment.ListPromisesResponse()
        var kept = 0, broken = 0, pending = 0
        for seeker in holders {
            switch PlacementPromise.state(of: seeker, at: moment, atRiskSeconds: atRisk * 3600, policy: policy) {
            case .kept: kept += 1
            case .broken(let late):
                broken += 1
                if seeker.status == .waiting && response.broken.count < 500 {
                    response.broken.append(
                        Employment.PromiseEntry(seeker: seeker.message(policy: policy, visibility: full, for: context), hoursLeft: -(late / 3600)))
                }
            case .atRisk(let left):
                pending += 1
                if response.atRisk.count < 500 {
                    response.atRisk.append(
                        Employment.PromiseEntry(seeker: seeker.message(policy: policy, visibility: full, for: context), hoursLeft: left / 3600))
                }
            case .pending: pending += 1
            case .none: break
            }
        }
        response.kept = UInt32(kept)
        response.brokenCount = UInt32(broken)
        response.pending = UInt32(pending)
        response.keptPerMille = kept + broken == 0 ? 1000 : UInt32(kept * 1000 / (kept + broken))
        return response
    }
}
