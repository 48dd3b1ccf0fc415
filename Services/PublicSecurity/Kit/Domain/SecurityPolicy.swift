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
    /// A community of at least this many households calls for two officers, a smaller one for one
    /// ("根据社区规模，配备1-2名警务人员", seed 002 四; communities hold 2,500–5,000 households).
    public var twoOfficersFromHouseholds = 3000
    /// Officers per community police office at most.
    public var maxOfficersPerOffice = 2
    /// Parties to one dispute at most.
    public var maxDisputeParties = 10
    /// A dispute open longer than this many days is overdue (and keeps its community from being a
    /// safe community, 安全小区).
    public var disputeMaxOpenDays = 30

    /// Safe community (安全小区): the window, months back from the day judged, in which serious
    /// incidents count against a community.
    public var safeIncidentWindowMonths = 12
    /// Safe community: serious incidents allowed in the window (default none).
    public var maxSeriousIncidents = 0
    /// The share of safe communities to reach, per mille ("安全小区建成率在60%以上", seed 002 四).
    public var safeCommunityTargetPerMille = 600
    /// A community's newest emergency plan and its latest drill must be younger than this many months.
    public var preparednessMonths = 12
    /// Longest patrol, hours.
    public var maxPatrolHours = 24

    /// Officers a community of `households` households calls for (一区一警: 1–2 by size).
    public func requiredOfficers(households: Int) -> Int {
        households >= twoOfficersFromHouseholds ? 2 : 1
    }

    public init() {}

    /// The check-in period of a new case of `kind` that asked for `requested` days (0: the default).
    public func checkInInterval(kind: Security.CaseKind, requested: Int) -> Int {
        guard requested == 0 else { return requested }
        return kind == .communityCorrection ? correctionCheckInDays : resettlementCheckInDays
    }
}
