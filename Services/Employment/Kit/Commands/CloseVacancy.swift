import DepartmentKit
import Domain
import EmploymentContract
import WireProtocol
import WireRuntime

/// The closing of a vacancy, validated: CloseVacancy.
struct CloseVacancy: ValidatedCommand {
    let vacancy: EntityID

    init(validating request: Employment.CloseVacancyRequest, for office: EmploymentOffice, context: CallContext) throws(RPCError) {
        var validation = Validation()
        let vacancy = validation.entityID(request.vacancyId, .vacancy, field: "vacancy_id")
        try validation.finish()
        self.vacancy = try validation.unwrap(vacancy, field: "vacancy_id")
    }
}
