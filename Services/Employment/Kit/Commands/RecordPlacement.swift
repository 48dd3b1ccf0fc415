import DepartmentKit
import Domain
import EmploymentContract
import WireProtocol
import WireRuntime

/// A seeker placed into a vacancy (上岗), validated: RecordPlacement. Whether the placement is
/// allowed is `PlacementRules`' question, asked in the write against the rows as they are then.
struct RecordPlacement: ValidatedCommand {
    let seeker: EntityID
    let vacancy: EntityID
    /// The first working day (a local calendar date).
    let startDate: LocalDate

    init(validating request: Employment.RecordPlacementRequest, for office: EmploymentOffice, context: CallContext) throws(RPCError) {
        var validation = Validation()
        let seeker = validation.entityID(request.seekerId, .jobSeeker, field: "seeker_id")
        let vacancy = validation.entityID(request.vacancyId, .vacancy, field: "vacancy_id")
        let startDate = validation.date(request.startDate, field: "start_date")
        try validation.finish()
        self.seeker = try validation.unwrap(seeker, field: "seeker_id")
        self.vacancy = try validation.unwrap(vacancy, field: "vacancy_id")
        self.startDate = try validation.unwrap(startDate, field: "start_date")
    }
}
