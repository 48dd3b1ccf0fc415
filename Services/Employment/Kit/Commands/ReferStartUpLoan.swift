import DepartmentKit
import Domain
import EmploymentContract
import WireProtocol
import WireRuntime

/// A referral for a start-up loan (小额担保贷款), validated: ReferStartUpLoan. The amount is
/// bounded by the office's policy; the training prerequisite is checked in the write.
struct ReferStartUpLoan: ValidatedCommand {
    let seeker: EntityID
    let amount: Fen
    let purpose: String

    init(validating request: Employment.ReferStartUpLoanRequest, for office: EmploymentOffice, context: CallContext) throws(RPCError) {
        var validation = Validation()
        let seeker = validation.entityID(request.seekerId, .jobSeeker, field: "seeker_id")
        let amount = validation.amount(request.amountFen, field: "amount_fen", maximum: office.policy.maxStartUpLoanFen)
        validation.require(request.amountFen != 0, field: "amount_fen", "must be positive")
        validation.text(request.purpose, field: "purpose", maxLength: 500, required: true)
        try validation.finish()
        self.seeker = try validation.unwrap(seeker, field: "seeker_id")
        self.amount = try validation.unwrap(amount, field: "amount_fen")
        purpose = request.purpose
    }
}
