import EmploymentContract
import DepartmentKit
import Domain
import Foundation
import GRDB
import WireClient
import WireProtocol
import WireRuntime

/// Start-up loan referrals (小额担保贷款): only after completed start-up training (创业培训).
extension EmploymentOffice {
    public func referStartUpLoan(_ request: Employment.ReferStartUpLoanRequest, context: CallContext) async throws -> Employment.LoanReferral {
        var validation = Validation()
        let seekerID = validation.entityID(request.seekerId, prefix: "S", field: "seeker_id", what: "job seeker")
        let amount = validation.amount(request.amountFen, field: "amount_fen", maximum: policy.maxStartUpLoanFen)
        validation.require(request.amountFen != 0, field: "amount_fen", "must be positive")
        validation.text(request.purpose, field: "purpose", maxLength: 500, required: true)
        try validation.finish()
        return try await database.idempotentWrite(context, request: request) { db in
            guard try SeekerStore.find(db, id: seekerID!) != nil else { throw Self.notFound("job seeker", field: "seeker_id", request.seekerId) }
            guard let enrollment = try TrainingStore.completedStartUpEnrollment(db, seekerID: seekerID!) else {
                throw RPCError(.failedPrecondition, "a start-up loan referral requires completed start-up training (创业培训)",
                               violations: [Wire.FieldViolation(field: "seeker_id", description: "no completed start-up training")])
            }
            let id = try LoanStore.insert(db, seekerID: seekerID!, enrollmentID: enrollment, amount: amount!, purpose: request.purpose, at: now())
            return try LoanStore.find(db, id: id)!.message
        }
    }

    public func updateLoanReferral(_ request: Employment.UpdateLoanReferralRequest, context: CallContext) async throws -> Employment.LoanReferral {
        var validation = Validation()
        let id = validation.entityID(request.referralId, prefix: "L", field: "referral_id", what: "loan referral")
        validation.require([.approved, .rejected, .disbursed].contains(request.status), field: "status", "must be APPROVED, REJECTED or DISBURSED")
        validation.text(request.note, field: "note", maxLength: 500)
        try validation.finish()
        return try await database.idempotentWrite(context, request: request) { db in
            guard let referral = try LoanStore.find(db, id: id!) else { throw Self.notFound("loan referral", field: "referral_id", request.referralId) }
            let allowed: Bool
            switch (referral.status, request.status) {
            case (.referred, .approved), (.referred, .rejected), (.approved, .disbursed): allowed = true
            default: allowed = false
            }
            guard allowed else {
                throw RPCError(.failedPrecondition, "a \(referral.status) referral cannot become \(request.status)",
                               violations: [Wire.FieldViolation(field: "status", description: "not allowed from \(referral.status)")])
            }
            try LoanStore.update(db, id: referral.id, status: request.status, note: request.note)
            return try LoanStore.find(db, id: referral.id)!.message
        }
    }

    public func listLoanReferrals(_ request: Employment.ListLoanReferralsRequest, context: CallContext) async throws -> Employment.ListLoanReferralsResponse {
        var validation = Validation()
        let seekerID = validation.entityID(request.seekerId, prefix: "S", field: "seeker_id", what: "job seeker")
        try validation.finish()
        let referrals = try await database.read { db in try LoanStore.forSeeker(db, seekerID: seekerID!) }
        return Employment.ListLoanReferralsResponse(referrals: referrals.map(\.message))
    }
}
