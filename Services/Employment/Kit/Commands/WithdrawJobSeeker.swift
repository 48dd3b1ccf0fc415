import DepartmentKit
import Domain
import EmploymentContract
import WireProtocol
import WireRuntime

/// A seeker's withdrawal from the register, validated: WithdrawJobSeeker.
struct WithdrawJobSeeker: ValidatedCommand {
    let seeker: EntityID
    let reason: String

    init(validating request: Employment.WithdrawJobSeekerRequest, for office: EmploymentOffice, context: CallContext) throws(RPCError) {
        var validation = Validation()
        let seeker = validation.entityID(request.seekerId, .jobSeeker, field: "seeker_id")
        validation.text(request.reason, field: "reason", maxLength: 200)
        try validation.finish()
        self.seeker = try validation.unwrap(seeker, field: "seeker_id")
        reason = request.reason
    }
}
