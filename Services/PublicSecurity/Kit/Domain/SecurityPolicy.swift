import SecurityContract

/// The figures the community police office works to, as configuration with defaults rather than
/// constants buried in code. The policy texts (seeds 002 四, 003 十五) set no check-in frequency;
/// those defaults are the office's own, like the residence-permit months (居住证: six months of
/// residence, the national rule), and can be changed per deployment.
public struct SecurityPolicy: Sendable, Equatable {
    /// Days per check-in period of a community-correction case (社区矫正) when the case names none.
    public var correctionCheckInDays = 7
    /// Days per check-in period of a resettlement case (安置帮教) when the case names none.
    public var resettlementCheckInDays = 30
    /// The longest check-in period a case may name, days.
    public var maxCheckInIntervalDays = 366
    /// The longest term a case may span, days (a correction term is at most a few years).
    public var maxTermDays = 20 * 366
    /// Helpers (帮教小组) per case at most.
    public var maxHelpersPerCase = 10
    /// Ends of missed periods listed per case at most (the count covers them all).
    public var missedPeriodEndsShown = 20
    /// Months of continuous registration after which a member of the floating population may
    /// apply for a residence permit (居住证).
    public var residencePermitMonths = 6
    /// A registration that starts within this many days after the previous one ended continues
    /// the run (1: re-registering the next day is no break).
    public var continuityGapDays = 1
    /// The longest expected stay a registration may state, days.
    public var maxExpectedStayDays = 3660
    /// Tenants per rented dwelling at most.
    public var maxTenantsPerRental = 20

    public init() {}

    /// The check-in period of a new case of `kind` that asked for `requested` days (0: the default).
    public func checkInInterval(kind: Security.CaseKind, requested: Int) -> Int {
        guard requested == 0 else { return requested }
        return kind == .communityCorrection ? correctionCheckInDays : resettlementCheckInDays
    }
}
