/// How well a community is covered by the health office (the coverage report): the share of
/// residents with a record, the share of chronic disease enrolments followed up on schedule, and
/// the health facilities against the target of at least one per 20,000–25,000 residents
/// (社区卫生服务机构, 平均每2万—2.5万居民设有1个以上).
struct CommunityCoverage: Sendable, Equatable {
    var population: Int
    var records: Int
    var enrolled: Int
    var onSchedule: Int
    var healthFacilities: Int
    var familyPlanningRooms: Int
    var residentsPerFacility: Int

    /// records / population, ‰ (above 1000 when floating residents outnumber the registry's figure).
    var recordCoveragePerMille: Int { population == 0 ? 0 : records * 1000 / population }

    /// Enrolments followed up on schedule, ‰; 1000 when nobody is enrolled.
    var followUpCompletionPerMille: Int { enrolled == 0 ? 1000 : onSchedule * 1000 / enrolled }

    /// At least one facility, and one more for every `residentsPerFacility` residents begun.
    var facilitiesNeeded: Int { max(1, (population + residentsPerFacility - 1) / residentsPerFacility) }

    var meetsFacilityTarget: Bool { healthFacilities >= facilitiesNeeded }
}
