import EmploymentContract

/// Why the office refuses a start-up loan referral (小额担保贷款) or a change of its status.
public enum LoanReferralRefusal: Error, Sendable, Equatable {
    /// A referral needs completed start-up training (创业培训) first.
    case startUpTrainingNotCompleted
    case transitionNotAllowed(from: Employment.LoanStatus, to: Employment.LoanStatus)
}
