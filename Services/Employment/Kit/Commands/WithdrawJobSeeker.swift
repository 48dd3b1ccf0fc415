import DepartmentKit
import Domain
import EmploymentContract
import WireProtocol
import WireRuntime

/// The end of a seeker's spell otherwise than by a placement, validated: WithdrawJobSeeker. The
/// reason comes from the fixed list; "other" needs a note saying what.
struct WithdrawJobSeeker: ValidatedCommand {
    let seeker: EntityID
    let reason: Employment.SpellEnd
    let note: String

    init(validating request: Employment.WithdrawJobSeekerRequest, for office: EmploymentOffice, context: CallContext) throws(RPCError) {
        var validation = Validation()
        let seeker = validation.entityID(request.seekerId, .jobSeeker, field: "seeker_id")
        validation.require(
            request.reason.isWithdrawal, field: "reason",
            "is required: SELF_EMPLOYED, MOVED_AWAY, NO_LONGER_SEEKING, DECEASED or OTHER (a placement is recorded with RecordPlacement)")
        validation.text(request.note, field: "note", maxLength: 200, required: request.reason == .other)
        try validation.finish()
        self.seeker = try validation.unwrap(seeker, field: "seeker_id")
        reason = request.reason
        note = request.note
    }
}
