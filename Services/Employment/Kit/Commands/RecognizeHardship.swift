import DepartmentKit
import Domain
import EmploymentContract
import Foundation
import WireProtocol
import WireRuntime

/// A recognition of employment difficulty (就业困难人员认定), validated: RecognizeHardship. The
/// ground and the evidence are required; it holds from today to a last day at most the policy's
/// days ahead.
struct RecognizeHardship: ValidatedCommand {
    let seeker: EntityID
    let ground: Employment.HardshipGround
    let evidence: String
    let validUntil: LocalDate

    init(validating request: Employment.RecognizeHardshipRequest, for office: EmploymentOffice, context: CallContext) throws(RPCError) {
        var validation = Validation()
        let seeker = validation.entityID(request.seekerId, .jobSeeker, field: "seeker_id")
        validation.require(request.ground != .unspecified, field: "ground", "is required")
        validation.text(request.evidence, field: "evidence", maxLength: 500, required: true)
        let validUntil = validation.date(request.validUntil, field: "valid_until")
        let today = LocalDate(office.now())
        if let validUntil {
            let latest = today.adding(days: office.policy.maxRecognitionDays)
            validation.require(validUntil >= today && validUntil <= latest, field: "valid_until", "must lie between \(today) and \(latest)")
        }
        try validation.finish()
        self.seeker = try validation.unwrap(seeker, field: "seeker_id")
        self.validUntil = try validation.unwrap(validUntil, field: "valid_until")
        ground = request.ground
        evidence = request.evidence
    }
}

/// The end of a recognition before its time, validated: RevokeHardship.
struct RevokeHardship: ValidatedCommand {
    let seeker: EntityID
    let reason: String

    init(validating request: Employment.RevokeHardshipRequest, for office: EmploymentOffice, context: CallContext) throws(RPCError) {
        var validation = Validation()
        let seeker = validation.entityID(request.seekerId, .jobSeeker, field: "seeker_id")
        validation.text(request.reason, field: "reason", maxLength: 200, required: true)
        try validation.finish()
        self.seeker = try validation.unwrap(seeker, field: "seeker_id")
        reason = request.reason
    }
}
