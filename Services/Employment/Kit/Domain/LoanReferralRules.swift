import EmploymentContract

/// The life of a loan referral: referred → approved or rejected; approved → disbursed.
public enum LoanReferralRules {
    public static func checkTransition(from: Employment.LoanStatus, to: Employment.LoanStatus) throws(LoanReferralRefusal) {
        switch (from, to) {
        case (.referred, .approved), (.referred, .rejected), (.approved, .disbursed): return
        default: throw .transitionNotAllowed(from: from, to: to)
        }
    }
}
