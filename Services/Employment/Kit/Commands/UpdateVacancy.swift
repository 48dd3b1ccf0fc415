import DepartmentKit
import Domain
import EmploymentContract
import WireProtocol
import WireRuntime

/// A change to a posted vacancy, validated: UpdateVacancy. Whether the vacancy may change (open,
/// not below its filled positions) is the domain's question, asked in the write.
struct UpdateVacancy: ValidatedCommand {
    let vacancy: EntityID
    let title: String
    let positions: Int
    let requiredSkills: [String]
    let wage: Fen
    let location: String

    init(validating request: Employment.UpdateVacancyRequest, for office: EmploymentOffice, context: CallContext) throws(RPCError) {
        var validation = Validation()
        let vacancy = validation.entityID(request.vacancyId, .vacancy, field: "vacancy_id")
        validation.text(request.title, field: "title", maxLength: 100, required: true)
        validation.require((1...10_000).contains(request.positions), field: "positions", "must be 1…10000 (got \(request.positions))")
        requiredSkills = validation.tags(request.requiredSkills, field: "required_skills")
        let wage = validation.amount(request.wageFen, field: "wage_fen")
        validation.text(request.location, field: "location", maxLength: 200)
        try validation.finish()
        self.vacancy = try validation.unwrap(vacancy, field: "vacancy_id")
        self.wage = try validation.unwrap(wage, field: "wage_fen")
        title = request.title
        positions = Int(request.positions)
        location = request.location
    }
}
