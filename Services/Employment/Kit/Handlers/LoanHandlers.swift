import DepartmentKit
import Domain
import EmploymentContract
import Foundation
import GRDB
import WireClient
import WireProtocol
import WireRuntime

/// Start-up loan referrals (小额担保贷款): only after completed start-up training (创业培训).
extension EmploymentOffice {
    public func referStartUpLoan(_ request: Employment.ReferStartUpLoanRequest, context: CallContext) async throws -> Employment.LoanReferral {
        let referral = try ReferStartUpLoan(validating: request, for: self, context: context)
        return try await database.idempotentWrite(context, request: request) { db in
            guard try SeekerStore.find(db, id: referral.seeker.row) != nil else { throw RPCError.notFound(referral.seeker, field: "seeker_id") }
            // The prerequisite is a fact only the store can find: a completed start-up course.
            guard let enrollment = try TrainingStore.completedStartUpEnrollment(db, seekerID: referral.seeker.row) else {
                throw LoanReferralRefusal.startUpTrainingNotCompleted
            }
            let id = try LoanStore.insert(
                db, seekerID: referral.seeker.row, enrollmentID: enrollment, amount: referral.amount, purpose: referral.purpose, at: now())
            guard let stored = try LoanStore.find(db, id: id) else { throw RPCError.notReadBack(EntityKind.loanReferral.id(id)) }
            return stored.message
        }
    }

    public func updateLoanReferral(_ request: Employment.UpdateLoanReferralRequest, context: CallContext) async throws -> Employment.LoanReferral {
        let decision = try UpdateLoanReferral(validating: request, for: self, context: context)
        return try await database.idempotentWrite(context, request: request) { db in
            guard let referral = try LoanStore.find(db, id: decision.referral.row) else { throw RPCError.notFound(decision.referral, field: "referral_id") }
            try LoanReferralRules.checkTransition(from: referral.status, to: decision.status)
            try LoanStore.update(db, id: referral.id, status: decision.status, note: decision.note)
            guard let updated = try LoanStore.find(db, id: referral.id) else { throw RPCError.notReadBack(decision.referral) }
            return updated.message
        }
    }

    public func listLoanReferrals(_ request: Employment.ListLoanReferralsRequest, context: CallContext) async throws -> Employment.ListLoanReferralsResponse {
        var validation = Validation()
        let parsed = validation.entityID(request.seekerId, .jobSeeker, field: "seeker_id")
        try validation.finish()
        let seeker = try validation.unwrap(parsed, field: "seeker_id")
        let referrals = try await database.read { db in try LoanStore.forSeeker(db, seekerID: seeker.row) }
        return Employment.ListLoanReferralsResponse(referrals: referrals.map(\.message))
    }
}
