import EmploymentContract
import DepartmentKit
import Domain
import Foundation
import GRDB
import WireClient
import WireProtocol
import WireRuntime

/// Employment.Placement (上岗) and the 48-hour promise (不挑不拣保你48小时上岗).
extension EmploymentOffice {
    public func recordPlacement(_ request: Employment.RecordPlacementRequest, context: CallContext) async throws -> Employment.Placement {
        var validation = Validation()
        let seekerID = validation.entityID(request.seekerId, prefix: "S", field: "seeker_id", what: "job seeker")
        let vacancyID = validation.entityID(request.vacancyId, prefix: "V", field: "vacancy_id", what: "vacancy")
        let startDate = validation.date(request.startDate, field: "start_date")
        try validation.finish()
        return try await database.idempotentWrite(context, request: request) { db in
            guard var seeker = try SeekerStore.find(db, id: seekerID!) else { throw Self.notFound("job seeker", field: "seeker_id", request.seekerId) }
            guard let vacancy = try VacancyStore.find(db, id: vacancyID!) else { throw Self.notFound("vacancy", field: "vacancy_id", request.vacancyId) }
            try PlacementRules.check(seeker: seeker, vacancy: vacancy)
            // The conditional update is what makes over-filling impossible, whatever the rules saw.
            guard try PlacementStore.takePosition(db, vacancyID: vacancy.id) else {
                throw RPCError(.failedPrecondition, "all positions of the vacancy are filled", violations: [Wire.FieldViolation(field: "vacancy_id", description: "filled")])
            }
            let placedAt = now()
            let kept = seeker.promiseDeadline(policy).map { placedAt <= $0 } ?? false
            seeker.status = .placed
            seeker.placedAt = placedAt
            seeker.placedVacancyID = vacancy.id
            try SeekerStore.update(db, seeker)
            let id = try PlacementStore.insert(db, seekerID: seeker.id, vacancyID: vacancy.id, community: seeker.community,
                                               startDate: startDate!, placedAt: placedAt, promiseKept: kept)
            logger.info("placement recorded", metadata: ["seeker": "\(request.seekerId)", "vacancy": "\(request.vacancyId)", "promise_kept": "\(kept)", "principal": "\(context.principal.id)"])
            return Employment.Placement(placementId: EntityID.format("P", id), seekerId: request.seekerId, vacancyId: request.vacancyId,
                             startDate: startDate!.description, placedAtMs: UInt64(placedAt.unixMilliseconds), promiseKept: kept)
        }
    }

    public func listPromises(_ request: Employment.ListPromisesRequest, context: CallContext) async throws -> Employment.ListPromisesResponse {
        var validation = Validation()
        let community = validation.community(request.communityCode, field: "community_code")
        validation.require(request.atRiskHours <= UInt32(policy.promiseHours), field: "at_risk_hours", "at most \(policy.promiseHours)")
        try validation.finish()
        let atRisk = request.atRiskHours == 0 ? policy.defaultAtRiskHours : Int64(request.atRiskHours)
        let holders = try await database.read { db in
            _ = try Self.requireKnownCommunity(db, community!, field: "community_code")
            return try SeekerStore.promiseHolders(db, community: community!)
        }
        let moment = now(), full = Self.seesFullIdentity(context.principal)
        var response = Employment.ListPromisesResponse()
        var kept = 0, broken = 0, pending = 0
        for seeker in holders {
            switch PlacementPromise.state(of: seeker, at: moment, atRiskSeconds: atRisk * 3600, policy: policy) {
            case .kept: kept += 1
            case .broken(let late):
                broken += 1
                if seeker.status == .waiting && response.broken.count < 500 {
                    response.broken.append(Employment.PromiseEntry(seeker: seeker.message(policy: policy, fullIdentity: full), hoursLeft: -(late / 3600)))
                }
            case .atRisk(let left):
                pending += 1
                if response.atRisk.count < 500 {
                    response.atRisk.append(Employment.PromiseEntry(seeker: seeker.message(policy: policy, fullIdentity: full), hoursLeft: left / 3600))
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
