import DepartmentKit
import Domain
import EmploymentContract
import WireProtocol
import WireRuntime

/// A vacancy (岗位) an employer posts with the office, validated: PostVacancy.
struct PostVacancy: ValidatedCommand {
    let kind: Employment.VacancyKind
    let title: String
    let employer: String
    let community: CommunityCode
    /// The community's name in the broker's registry (mirrored into the office's table on write).
    let communityName: String
    let positions: Int
    let requiredSkills: [String]
    let wage: Fen
    let location: String

    /// Asks the broker's registry: an unknown community or grid is reported with the other bad fields.
    init(validating request: Employment.PostVacancyRequest, for office: EmploymentOffice, context: CallContext) async throws {
        var validation = Validation()
        validation.require(request.kind != .unspecified, field: "kind", "is required")
        validation.text(request.title, field: "title", maxLength: 100, required: true)
        validation.text(request.employer, field: "employer", maxLength: 100, required: true)
        let community = validation.community(request.communityCode, field: "community_code")
        validation.require((1...10_000).contains(request.positions), field: "positions", "must be 1…10000 (got \(request.positions))")
        requiredSkills = validation.tags(request.requiredSkills, field: "required_skills")
        let wage = validation.amount(request.wageFen, field: "wage_fen")
        validation.text(request.location, field: "location", maxLength: 200)
        let communityName = try await office.registeredName(community, field: "community_code", context: context, &validation)
        try validation.finish()
        self.community = try validation.unwrap(community, field: "community_code")
        self.communityName = try validation.unwrap(communityName, field: "community_code")
        self.wage = try validation.unwrap(wage, field: "wage_fen")
        kind = request.kind
        title = request.title
        employer = request.employer
        positions = Int(request.positions)
        location = request.location
    }
}
