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
            guard let seeker = try SeekerStore.find(db, id: referral.seeker.row) else { throw RPCError.notFound(referral.seeker, field: "seeker_id") }
            context.reportResidents([seeker.idNumber.rawValue])
            // The prerequisite is a fact only the store can find: a completed start-up course.
            guard let enrollment = try TrainingStore.completedStartUpEnrollment(db, seekerID: referral.seeker.row) else {
                throw LoanReferralRefusal.startUpTrainingNotCompleted
            }
            return try LoanStore.insert(
                db, seekerID: referral.seeker.row, enrollmentID: enrollment, amount: referral.amount, purpose: referral.purpose, at: now())
        } render: { db, id in
            try Self.loanReferral(db, id).message
        }
    }

    public func updateLoanReferral(_ request: Employment.UpdateLoanReferralRequest, context: CallContext) async throws -> Employment.LoanReferral {
        let decision = try UpdateLoanReferral(validating: request, for: self, context: context)
        return try await database.idempotentWrite(context, request: request) { db in
            guard let referral = try LoanStore.find(db, id: decision.referral.row) else { throw RPCError.notFound(decision.referral, field: "referral_id") }
            try LoanReferralRules.checkTransition(from: referral.status, to: decision.status)
            try LoanStore.update(db, id: referral.id, status: decision.status, note: decision.note)
            return referral.id
        } render: { db, id in
            try Self.loanReferral(db, id).message
        }
    }

    public func listLoanReferrals(_ request: Employment.ListLoanReferralsRequest, context: CallContext) async throws -> Employment.ListLoanReferralsResponse {
        var validation = Validation()
        let parsed = validation.entityID(request.seekerId, .jobSeeker, field: "seeker_id")
        let page = PageRequest(size: request.pageSize, token: request.pageToken, validation: &validation, keyCount: 1)
        let after = page?.afterID(&validation) ?? 0
        try validation.finish()
        let seeker = try validation.unwrap(parsed, field: "seeker_id")
        let pageRequest = try validation.unwrap(page, field: "page_token")
        let referrals = try await database.read { db in
            try LoanStore.forSeeker(db, seekerID: seeker.row, afterID: after, limit: pageRequest.fetchLimit)
        }
        let listed = pageRequest.page(of: referrals, rowID: \.id).map(\.message)
        return Employment.ListLoanReferralsResponse(referrals: listed.rows, nextPageToken: listed.nextToken)
    }

    /// The referral a write has just written or an idempotent replay refers to.
    static func loanReferral(_ db: Database, _ id: Int64) throws -> LoanStore.Referral {
        guard let record = try LoanStore.find(db, id: id) else { throw RPCError.notReadBack(EntityKind.loanReferral.id(id)) }
        return record
    }
}
