import DepartmentKit
import Domain
import EmploymentContract
import WireProtocol
import WireRuntime

/// A decision on a loan referral (approved, rejected, disbursed), validated: UpdateLoanReferral.
/// Whether the referral may move to that status is `LoanReferralRules`' question.
struct UpdateLoanReferral: ValidatedCommand {
    let referral: EntityID
    let status: Employment.LoanStatus
    let note: String

    init(validating request: Employment.UpdateLoanReferralRequest, for office: EmploymentOffice, context: CallContext) throws(RPCError) {
        var validation = Validation()
        let referral = validation.entityID(request.referralId, .loanReferral, field: "referral_id")
        validation.require([.approved, .rejected, .disbursed].contains(request.status), field: "status", "must be APPROVED, REJECTED or DISBURSED")
        validation.text(request.note, field: "note", maxLength: 500)
        try validation.finish()
        self.referral = try validation.unwrap(referral, field: "referral_id")
        status = request.status
        note = request.note
    }
}
