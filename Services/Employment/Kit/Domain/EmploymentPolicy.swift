/// The figures the employment office works to, from the policy texts (seeds 001 item 3, 003 十一),
/// as configuration with those defaults rather than constants buried in code.
public struct EmploymentPolicy: Sendable, Equatable {
    /// "不挑不拣保你48小时上岗": hours from registration to the promised placement.
    public var promiseHours: Int64 = 48
    /// A community is unemployment-free (无待业社区) when no seeker who wants work has waited longer.
    public var unemploymentFreeDays: Int = 30
    /// Default of "at risk" in ListPromises: fewer hours than this left.
    public var defaultAtRiskHours: Int64 = 12
    /// Matches returned by default and at most.
    public var defaultMatchLimit = 20
    public var maxMatchLimit = 100
    /// Candidates considered when ranking seekers for a vacancy (keeps matching bounded at scale).
    public var maxMatchCandidates = 5000

    /// Largest start-up loan (小额担保贷款) a referral may ask for, fen (300,000 yuan).
    public var maxStartUpLoanFen: Int64 = 30_000_000

    public init() {}
}
