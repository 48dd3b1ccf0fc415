/// Why the office refuses an enrolment or a follow-up that is well-formed.
enum EnrolmentRefusal: Error, Sendable, Equatable {
    /// The resident is already enrolled in this programme.
    case alreadyEnrolled(programme: String)
    /// No programme has this code.
    case unknownProgramme(String)
    /// A follow-up dated before the enrolment.
    case followUpBeforeEnrolment(enrolledOn: String)
}
