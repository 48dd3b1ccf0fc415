import EmploymentContract

/// Why the office refuses an enrolment in a course (培训) or its completion, with the facts.
public enum TrainingRefusal: Error, Sendable, Equatable {
    case seekerWithdrawn
    case alreadyEnrolled
    /// Every seat is taken.
    case courseFull(capacity: Int)
    /// The enrolment was already completed or failed.
    case enrollmentFinished(Employment.EnrollmentStatus)
}
