import DepartmentKit
import Domain
import EmploymentContract
import WireProtocol
import WireRuntime

/// The end of an enrolment, passed or failed, validated: CompleteEnrollment.
struct CompleteEnrollment: ValidatedCommand {
    let enrollment: EntityID
    let passed: Bool

    init(validating request: Employment.CompleteEnrollmentRequest, for office: EmploymentOffice, context: CallContext) throws(RPCError) {
        var validation = Validation()
        let enrollment = validation.entityID(request.enrollmentId, .enrollment, field: "enrollment_id")
        try validation.finish()
        self.enrollment = try validation.unwrap(enrollment, field: "enrollment_id")
        passed = request.passed
    }
}
