import DepartmentKit
import Domain
import SecurityContract
import WireProtocol
import WireRuntime

/// A helper (帮教人员) to assign to a case, validated: AssignHelper.
struct AssignHelper: ValidatedCommand {
    let supervisionCase: EntityID
    let name: PersonName
    let role: Security.HelperRole
    let phone: String

    init(validating request: Security.AssignHelperRequest, for office: SecurityOffice, context: CallContext) throws(RPCError) {
        var validation = Validation()
        let supervisionCase = validation.entityID(request.caseId, .supervisionCase, field: "case_id")
        let name = validation.personName(request.name, field: "name")
        validation.require(request.role != .unspecified, field: "role", "is required")
        validation.text(request.phone, field: "phone", maxLength: 20)
        try validation.finish()
        self.supervisionCase = try validation.unwrap(supervisionCase, field: "case_id")
        self.name = try validation.unwrap(name, field: "name")
        role = request.role
        phone = request.phone
    }
}
