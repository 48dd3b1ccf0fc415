import Domain

/// When a chronic disease enrolment's next follow-up is due and how late it is: due
/// `intervalDays` after the last follow-up, or after the enrolment before the first one; overdue
/// from the day after the due date.
struct FollowUpSchedule: Sendable, Equatable {
    let intervalDays: Int

    /// The due date after a follow-up (or enrolment) on `day`.
    func nextDue(after day: LocalDate) -> LocalDate { day.adding(days: intervalDays) }

    /// The due date once a follow-up on `day` is recorded, when the last one was `previous`:
    /// a late entry of an older visit does not move the schedule back.
    func nextDue(afterFollowUpOn day: LocalDate, previous: LocalDate?) -> LocalDate {
        nextDue(after: max(day, previous ?? day))
    }

    /// Days past `due` on `today`; 0 when not overdue.
    static func daysOverdue(due: LocalDate, today: LocalDate) -> Int { max(0, today.days(from: due)) }
}
