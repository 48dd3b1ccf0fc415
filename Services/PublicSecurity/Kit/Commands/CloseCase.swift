import DepartmentKit
import Domain
import SecurityContract
import WireProtocol
import WireRuntime

/// A case to close, validated: CloseCase.
struct CloseCase: ValidatedCommand {
    let supervisionCase: EntityID
    let closure: Security.CaseClosure
    let closedOn: LocalDate
    let note: String

    init(validating request: Security.CloseCaseRequest, for office: SecurityOffice, context: CallContext) throws(RPCError) {
        var validation = Validation()
        let supervisionCase = validation.entityID(request.caseId, .supervisionCase, field: "case_id")
        validation.require(request.closure != .unspecified, field: "closure", "is required")
        let closedOn = validation.pastDate(request.closedOn, field: "closed_on", today: office.today)
        validation.text(request.note, field: "note", maxLength: 500)
        try validation.finish()
        self.supervisionCase = try validation.unwrap(supervisionCase, field: "case_id")
        self.closedOn = try validation.unwrap(closedOn, field: "closed_on")
        closure = request.closure
        note = request.note
    }
}
