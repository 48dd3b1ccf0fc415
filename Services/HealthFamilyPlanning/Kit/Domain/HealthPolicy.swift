/// The figures the health office's rules use, each with the default the policy texts or the
/// national practice they refer to give (see DOMAIN.md); `health serve` flags change them.
public struct HealthPolicy: Sendable, Equatable {
    /// 育龄妇女: women aged `childBearingAges` (15–49 in the national statistics).
    public var childBearingAges: ClosedRange<Int> = 15...49
    /// 0–6 岁儿童: children younger than this many years.
    public var childUnderAge = 6
    /// 老年人: residents aged this many years or more.
    public var elderlyFromAge = 65
    /// Days between chronic disease follow-ups an enrolment may ask for.
    public var followUpIntervalDays: ClosedRange<Int> = 7...365
    /// Days between family-planning follow-up visits (随访探视) unless a file asks for another interval.
    public var familyPlanningVisitDays = 90
    /// The coverage target: at least one health facility per this many residents (20,000–25,000
    /// in the policy; the lenient end by default).
    public var residentsPerFacility = 25_000
    /// What a follow-up's measurements may be (outside: INVALID_ARGUMENT).
    public var ranges = MeasurementRanges()

    public init() {}
}
