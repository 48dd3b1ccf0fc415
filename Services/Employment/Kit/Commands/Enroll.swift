import DepartmentKit
import Domain
import EmploymentContract
import WireProtocol
import WireRuntime

/// A seeker's enrolment in a course, validated: Enroll.
struct Enroll: ValidatedCommand {
    let course: EntityID
    let seeker: EntityID

    init(validating request: Employment.EnrollRequest, for office: EmploymentOffice, context: CallContext) throws(RPCError) {
        var validation = Validation()
        let course = validation.entityID(request.courseId, .course, field: "course_id")
        let seeker = validation.entityID(request.seekerId, .jobSeeker, field: "seeker_id")
        try validation.finish()
        self.course = try validation.unwrap(course, field: "course_id")
        self.seeker = try validation.unwrap(seeker, field: "seeker_id")
    }
}
