import EmploymentContract

/// Who may enrol and when an enrolment may be completed. Seats are taken by the store's
/// conditional update, which alone can say a course is full.
public enum TrainingRules {
    /// `alreadyEnrolled`: whether the seeker holds an enrolment in the course.
    public static func checkEnrollment(of seeker: JobSeekerRecord, alreadyEnrolled: Bool) throws(TrainingRefusal) {
        guard seeker.status != .withdrawn else { throw .seekerWithdrawn }
        guard !alreadyEnrolled else { throw .alreadyEnrolled }
    }

    public static func checkCompletion(of status: Employment.EnrollmentStatus) throws(TrainingRefusal) {
        guard status == .enrolled else { throw .enrollmentFinished(status) }
    }
}
