import DepartmentKit
import Domain
import EmploymentContract
import Foundation
import GRDB
import WireClient
import WireProtocol
import WireRuntime

/// Offers (不挑不拣): a post offered to a waiting seeker and the answer. Refusing the policy's
/// number of suitable posts releases the office from the seeker's promise.
extension EmploymentOffice {
    public func recordOffer(_ request: Employment.RecordOfferRequest, context: CallContext) async throws -> Employment.Offer {
        let offer = try RecordOffer(validating: request, for: self, context: context)
        return try await database.idempotentWrite(context, request: request) { db in
            let seeker = try Self.requireSeeker(db, offer.seeker, context: context)
            guard let vacancy = try VacancyStore.find(db, id: offer.vacancy.row) else { throw RPCError.notFound(offer.vacancy, field: "vacancy_id") }
            let moment = now()
            try OfferRules.check(seeker: seeker, vacancy: vacancy, offeredOn: offer.offeredOn, today: LocalDate(moment))
            let releases = OfferRules.releasesPromise(seeker: seeker, outcome: offer.outcome, suitable: offer.suitable, policy: policy)
            if offer.outcome == .refused && offer.suitable { try SpellStore.countRefusal(db, seeker, release: releases) }
            let id = try OfferStore.insert(
                db,
                OfferRecord(
                    id: 0, seekerID: seeker.id, spellID: seeker.spell.id, vacancyID: vacancy.id, offeredOn: offer.offeredOn, outcome: offer.outcome,
                    suitable: offer.suitable, reason: offer.reason, recordedAt: moment, releasedPromise: releases))
            logger.info(
                "offer recorded",
                metadata: [
                    "seeker": "\(offer.seeker)", "vacancy": "\(offer.vacancy)", "outcome": "\(offer.outcome)", "released_promise": "\(releases)",
                    "principal": "\(context.principal.id)",
                ])
            return id
        } render: { db, id in
            guard let offer = try OfferStore.find(db, id: id) else { throw RPCError.notReadBack(EntityKind.offer.id(id)) }
            return offer.message
        }
    }

    public func listOffers(_ request: Employment.ListOffersRequest, context: CallContext) async throws -> Employment.ListOffersResponse {
        var validation = Validation()
        let parsed = validation.entityID(request.seekerId, .jobSeeker, field: "seeker_id")
        let page = PageRequest(size: request.pageSize, token: request.pageToken, validation: &validation, keyCount: 1)
        let before = page?.afterID(&validation) ?? 0
        try validation.finish()
        let seeker = try validation.unwrap(parsed, field: "seeker_id")
        let pageRequest = try validation.unwrap(page, field: "page_token")
        let offers = try await database.read { db -> [OfferRecord]? in
            guard let record = try SeekerStore.find(db, id: seeker.row) else { return nil }
            context.reportResidents([record.idNumber.rawValue])
            return try OfferStore.list(db, seekerID: seeker.row, beforeID: before, limit: pageRequest.fetchLimit)
        }
        guard let offers else { throw RPCError.notFound(seeker, field: "seeker_id") }
        let listed = pageRequest.page(of: offers, rowID: \.id).map(\.message)
        return Employment.ListOffersResponse(offers: listed.rows, nextPageToken: listed.nextToken)
    }
}
