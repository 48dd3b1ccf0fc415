import Domain

/// A resident's enrolment in a chronic disease programme with its follow-up schedule; the grid
/// and community are the record's, kept here so the overdue list of a grid is one index range.
struct ChronicEnrolment: Sendable, Equatable {
    var id: Int64
    var recordID: Int64
    var programme: String
    var community: CommunityCode
    var grid: GridCode
    var intervalDays: Int
    var enrolledOn: LocalDate
    var nextDue: LocalDate
    var lastFollowUp: LocalDate?
    var followUps: Int
    var lastControlled: Bool

    var schedule: FollowUpSchedule { FollowUpSchedule(intervalDays: intervalDays) }

    /// The enrolment once a follow-up on `date` judged `controlled` is recorded. A follow-up
    /// older than the last one counts, but neither moves the schedule back nor replaces the
    /// last judgement.
    func recordingFollowUp(on date: LocalDate, controlled: Bool) throws(EnrolmentRefusal) -> ChronicEnrolment {
        guard date >= enrolledOn else { throw .followUpBeforeEnrolment(enrolledOn: enrolledOn.description) }
        var next = self
        next.followUps += 1
        next.nextDue = schedule.nextDue(afterFollowUpOn: date, previous: lastFollowUp)
        if lastFollowUp.map({ date >= $0 }) ?? true {
            next.lastFollowUp = date
            next.lastControlled = controlled
        }
        return next
    }
}
