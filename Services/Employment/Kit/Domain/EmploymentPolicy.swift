/// The figures the employment office works to, from the policy texts (seeds 001 item 3, 003 十一),
/// as configuration with those defaults rather than constants buried in code.
public struct EmploymentPolicy: Sendable, Equatable {
    /// Whether the promise's hours run on the clock or on working days only.
    public enum PromiseClock: String, Sendable, Equatable, CaseIterable {
        case clockHours = "clock"
        case workingHours = "working"
    }

    /// "不挑不拣保你48小时上岗": hours from registration to the promised placement.
    public var promiseHours: Int64 = 48
    /// Clock hours by default; working hours (Monday–Friday) when the station's policy says so.
    public var promiseClock: PromiseClock = .clockHours
    /// Suitable offers a seeker may refuse before the promise is released (不挑不拣 not met).
    public var refusalsToRelease = 2
    /// A community is unemployment-free (无待业社区) when no seeker who wants work has waited longer.
    public var unemploymentFreeDays: Int = 30
    /// Default of "at risk" in ListPromises: fewer hours than this left.
    public var defaultAtRiskHours: Int64 = 12
    /// Matches returned by default and at most.
    public var defaultMatchLimit = 20
    public var maxMatchLimit = 100
    /// Candidates read when ranking seekers for a vacancy, hardship first then longest wait
    /// (keeps matching bounded at scale; who drops out is the newest non-hardship seeker).
    public var maxMatchCandidates = 100

    /// Working age: from 16 to the retirement age (men 60, women 55 by default).
    public var minimumWorkingAge = 16
    public var retirementAgeMen = 60
    public var retirementAgeWomen = 55
    /// A placement's start date may lie at most this many days after today…
    public var maxStartDaysAhead = 90
    /// …and at most this many days before it (a placement is recorded within a week of 上岗;
    /// backdating cannot turn broken promises into kept ones).
    public var maxStartDaysBehind = 7
    /// A recognition of employment difficulty holds at most this many days.
    public var maxRecognitionDays = 3 * 366

    /// Largest start-up loan (小额担保贷款) a referral may ask for, fen (300,000 yuan).
    public var maxStartUpLoanFen: Int64 = 30_000_000

    public init() {}
}
