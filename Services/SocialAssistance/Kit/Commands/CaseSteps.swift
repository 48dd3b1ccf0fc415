import AssistanceContract
import DepartmentKit
import Domain
import WireProtocol
import WireRuntime

/// The case id and note or reason every step of a case takes, checked the same way.
struct CaseStep: Sendable {
    let caseID: EntityID
    /// The note or reason recorded with the transition.
    let note: String

    init(caseID: String, note: String, noteField: String, noteRequired: Bool) throws(RPCError) {
        var validation = Validation()
        let id = validation.entityID(caseID, .allowanceCase, field: "case_id")
        validation.reason(note, field: noteField, required: noteRequired)
        try validation.finish()
        self.caseID = try validation.unwrap(id, field: "case_id")
        self.note = note
    }
}

/// A household's application for the minimum living allowance, validated: ApplyForAllowance.
struct ApplyForAllowance: ValidatedCommand {
    let household: EntityID
    let evidence: [Assistance.CaseEvidence]
    static let maximumEvidence = 60

    init(validating request: Assistance.ApplyForAllowanceRequest, for office: AssistanceOffice, context: CallContext) throws(RPCError) {
        var validation = Validation()
        let household = validation.entityID(request.householdId, .household, field: "household_id")
        validation.require(request.evidence.count <= Self.maximumEvidence, field: "evidence", "at most \(Self.maximumEvidence) items")
        for (index, item) in request.evidence.prefix(Self.maximumEvidence).enumerated() {
            let field = "evidence[\(index)]"
            validation.length(item.office, field: "\(field).office", within: 1...32)
            validation.require(
                item.subjectMasked.utf8.count == 18 && item.subjectMasked.contains("********"), field: "\(field).subject_masked",
                "a masked ID number (first 6 + ******** + last 4)")
            validation.length(item.finding, field: "\(field).finding", within: 1...200)
            validation.length(item.source, field: "\(field).source", within: 0...64)
        }
        try validation.finish()
        self.household = try validation.unwrap(household, field: "household_id")
        self.evidence = request.evidence
    }
}

/// The community review with the means test, validated: ReviewApplication.
struct ReviewApplication: ValidatedCommand {
    let step: CaseStep

    init(validating request: Assistance.ReviewApplicationRequest, for office: AssistanceOffice, context: CallContext) throws(RPCError) {
        step = try CaseStep(caseID: request.caseId, note: request.note, noteField: "note", noteRequired: false)
    }
}

/// An approval after the public notice, validated: ApproveCase.
struct ApproveCase: ValidatedCommand {
    let step: CaseStep

    init(validating request: Assistance.ApproveCaseRequest, for office: AssistanceOffice, context: CallContext) throws(RPCError) {
        step = try CaseStep(caseID: request.caseId, note: request.note, noteField: "note", noteRequired: false)
    }
}

/// A rejection with its reason, validated: RejectCase.
struct RejectCase: ValidatedCommand {
    let step: CaseStep

    init(validating request: Assistance.RejectCaseRequest, for office: AssistanceOffice, context: CallContext) throws(RPCError) {
        step = try CaseStep(caseID: request.caseId, note: request.reason, noteField: "reason", noteRequired: true)
    }
}

/// A stop with its reason, validated: StopCase.
struct StopCase: ValidatedCommand {
    let step: CaseStep

    init(validating request: Assistance.StopCaseRequest, for office: AssistanceOffice, context: CallContext) throws(RPCError) {
        step = try CaseStep(caseID: request.caseId, note: request.reason, noteField: "reason", noteRequired: true)
    }
}

/// A periodic review's decision, validated: RecordPeriodicReview.
struct RecordPeriodicReview: ValidatedCommand {
    let caseID: EntityID
    let decision: Assistance.ReviewDecision
    let reason: String

    init(validating request: Assistance.RecordPeriodicReviewRequest, for office: AssistanceOffice, context: CallContext) throws(RPCError) {
        var validation = Validation()
        let id = validation.entityID(request.caseId, .allowanceCase, field: "case_id")
        validation.require(request.decision != .unspecified, field: "decision", "is required")
        validation.reason(request.reason, field: "reason")
        try validation.finish()
        caseID = try validation.unwrap(id, field: "case_id")
        decision = request.decision
        reason = request.reason
    }
}
