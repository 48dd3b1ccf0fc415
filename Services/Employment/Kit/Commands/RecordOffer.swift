import DepartmentKit
import Domain
import EmploymentContract
import WireProtocol
import WireRuntime

/// A post offered to a waiting seeker and the answer, validated: RecordOffer. Whether the offer
/// fits the seeker's spell is `OfferRules`' question, asked in the write.
struct RecordOffer: ValidatedCommand {
    let seeker: EntityID
    let vacancy: EntityID
    let offeredOn: LocalDate
    let outcome: Employment.OfferOutcome
    let suitable: Bool
    let reason: String

    init(validating request: Employment.RecordOfferRequest, for office: EmploymentOffice, context: CallContext) throws(RPCError) {
        var validation = Validation()
        let seeker = validation.entityID(request.seekerId, .jobSeeker, field: "seeker_id")
        let vacancy = validation.entityID(request.vacancyId, .vacancy, field: "vacancy_id")
        let offeredOn = validation.date(request.offeredOn, field: "offered_on")
        validation.require(request.outcome != .unspecified, field: "outcome", "is required: ACCEPTED or REFUSED")
        validation.text(request.reason, field: "reason", maxLength: 200, required: request.outcome == .refused)
        try validation.finish()
        self.seeker = try validation.unwrap(seeker, field: "seeker_id")
        self.vacancy = try validation.unwrap(vacancy, field: "vacancy_id")
        self.offeredOn = try validation.unwrap(offeredOn, field: "offered_on")
        outcome = request.outcome
        suitable = request.suitable
        reason = request.reason
    }
}
