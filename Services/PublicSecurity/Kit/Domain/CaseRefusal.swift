import Domain
import SecurityContract

/// Why the office refuses a change to a supervision case (安置帮教 / 社区矫正), with the facts.
public enum CaseRefusal: Error, Sendable, Equatable {
    /// The resident already has an active case of this kind.
    case alreadyActive(Security.CaseKind)
    /// The case is closed; nothing more is recorded on it.
    case closed
    /// A check-in dated outside the case's term.
    case checkInOutsideTerm(termStart: LocalDate, termEnd: LocalDate)
    /// A closing date before the term began.
    case closedBeforeTermStart(LocalDate)
    /// TERM_COMPLETED before the last day of the term.
    case termNotCompleted(termEnd: LocalDate)
    /// The case already has as many helpers as the policy allows.
    case tooManyHelpers(limit: Int)
    /// The same person is already a helper of the case in that role.
    case helperAlreadyAssigned
}
