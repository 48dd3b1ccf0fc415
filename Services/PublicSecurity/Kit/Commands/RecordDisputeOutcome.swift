import DepartmentKit
import Domain
import SecurityContract
import WireProtocol
import WireRuntime

/// How a dispute ended, validated: RecordDisputeOutcome.
struct RecordDisputeOutcome: ValidatedCommand {
    let dispute: EntityID
    let outcome: Security.DisputeStatus
    let closedOn: LocalDate
    let note: String

    init(validating request: Security.RecordDisputeOutcomeRequest, for office: SecurityOffice, context: CallContext) throws(RPCError) {
        var validation = Validation()
        let dispute = validation.entityID(request.disputeId, .dispute, field: "dispute_id")
        validation.require([.resolved, .referred, .failed].contains(request.outcome), field: "outcome", "must be RESOLVED, REFERRED or FAILED")
        let closedOn = validation.pastDate(request.closedOn, field: "closed_on", today: office.today)
        validation.text(request.note, field: "note", maxLength: 1000, required: request.outcome == .referred)
        try validation.finish()
        self.dispute = try validation.unwrap(dispute, field: "dispute_id")
        self.closedOn = try validation.unwrap(closedOn, field: "closed_on")
        outcome = request.outcome
        note = request.note
    }
}
