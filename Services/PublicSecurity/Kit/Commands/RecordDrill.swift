import DepartmentKit
import Domain
import SecurityContract
import WireProtocol
import WireRuntime

/// A drill (演练) of an emergency plan, validated: RecordDrill.
struct RecordDrill: ValidatedCommand {
    let plan: EntityID
    let heldOn: LocalDate
    let participants: Int
    let note: String

    init(validating request: Security.RecordDrillRequest, for office: SecurityOffice, context: CallContext) throws(RPCError) {
        var validation = Validation()
        let plan = validation.entityID(request.planId, .emergencyPlan, field: "plan_id")
        let heldOn = validation.pastDate(request.heldOn, field: "held_on", today: office.today)
        validation.require((1...100_000).contains(request.participants), field: "participants", "must be 1…100000")
        validation.text(request.note, field: "note", maxLength: 1000)
        try validation.finish()
        self.plan = try validation.unwrap(plan, field: "plan_id")
        self.heldOn = try validation.unwrap(heldOn, field: "held_on")
        participants = Int(request.participants)
        note = request.note
    }
}
