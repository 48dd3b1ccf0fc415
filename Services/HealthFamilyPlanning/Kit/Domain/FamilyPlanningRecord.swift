import Domain
import HealthContract

/// A resident's family-planning file (计划生育档案), kept the same for registered residents and
/// the floating population: the basic services are free for both. Follow-up visits (随访探视)
/// are scheduled like chronic disease follow-ups.
struct FamilyPlanningRecord: Sendable, Equatable {
    var id: Int64
    var recordID: Int64
    var community: CommunityCode
    var grid: GridCode
    var residence: Health.ResidenceKind
    var contraceptiveMethod: String
    var intervalDays: Int
    var registeredOn: LocalDate
    var nextVisitDue: LocalDate
    var lastVisit: LocalDate?
    var visits = 0
    var births = 0

    /// The file after a visit on `date`: not before the registration; a late entry of an older
    /// visit does not move the schedule back.
    func visiting(on date: LocalDate) throws(FamilyPlanningRefusal) -> FamilyPlanningRecord {
        guard date >= registeredOn else { throw .visitBeforeRegistration(registeredOn.description) }
        var next = self
        next.visits += 1
        next.nextVisitDue = FollowUpSchedule(intervalDays: intervalDays).nextDue(afterFollowUpOn: date, previous: lastVisit)
        next.lastVisit = max(lastVisit ?? date, date)
        return next
    }
}

/// Why the office refuses a family-planning change that is well-formed.
enum FamilyPlanningRefusal: Error, Sendable, Equatable {
    /// The resident already has a file.
    case alreadyRegistered(file: Int64)
    case visitBeforeRegistration(String)
}
