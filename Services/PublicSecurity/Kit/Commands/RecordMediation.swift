import DepartmentKit
import Domain
import SecurityContract
import WireProtocol
import WireRuntime

/// A mediation session (调解) to record, validated: RecordMediation.
struct RecordMediation: ValidatedCommand {
    let dispute: EntityID
    let heldOn: LocalDate
    let mediator: PersonName
    let note: String

    init(validating request: Security.RecordMediationRequest, for office: SecurityOffice, context: CallContext) throws(RPCError) {
        var validation = Validation()
        let dispute = validation.entityID(request.disputeId, .dispute, field: "dispute_id")
        let heldOn = validation.pastDate(request.heldOn, field: "held_on", today: office.today)
        let mediator = validation.personName(request.mediator, field: "mediator")
        validation.text(request.note, field: "note", maxLength: 1000)
        try validation.finish()
        self.dispute = try validation.unwrap(dispute, field: "dispute_id")
        self.heldOn = try validation.unwrap(heldOn, field: "held_on")
        self.mediator = try validation.unwrap(mediator, field: "mediator")
        note = request.note
    }
}
