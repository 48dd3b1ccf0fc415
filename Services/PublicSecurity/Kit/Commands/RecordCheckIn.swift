import DepartmentKit
import Domain
import SecurityContract
import WireProtocol
import WireRuntime

/// A check-in (报到) to record on a case, validated: RecordCheckIn.
struct RecordCheckIn: ValidatedCommand {
    let supervisionCase: EntityID
    let date: LocalDate
    let outcome: Security.CheckInOutcome
    let note: String

    init(validating request: Security.RecordCheckInRequest, for office: SecurityOffice, context: CallContext) throws(RPCError) {
        var validation = Validation()
        let supervisionCase = validation.entityID(request.caseId, .supervisionCase, field: "case_id")
        let date = validation.pastDate(request.date, field: "date", today: office.today)
        validation.require(request.outcome != .unspecified, field: "outcome", "is required (PRESENT, LATE, EXCUSED or ABSENT)")
        validation.text(request.note, field: "note", maxLength: 500)
        try validation.finish()
        self.supervisionCase = try validation.unwrap(supervisionCase, field: "case_id")
        self.date = try validation.unwrap(date, field: "date")
        outcome = request.outcome
        note = request.note
    }
}
