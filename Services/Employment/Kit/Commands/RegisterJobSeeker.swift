import DepartmentKit
import Domain
import EmploymentContract
import WireProtocol
import WireRuntime

/// A resident's registration as a job seeker (求职登记), validated: RegisterJobSeeker.
struct RegisterJobSeeker: ValidatedCommand {
    let idNumber: ResidentIdentityNumber
    let name: PersonName
    let community: CommunityCode
    /// The community's name in the broker's registry (mirrored into the office's table on write).
    let communityName: String
    let grid: GridCode
    let category: Employment.SeekerCategory
    let skills: [String]
    let wishes: String
    let acceptsPromise: Bool
    let phone: String
    /// The household (户) for zero-employment households; empty when not given.
    let householdID: String

    /// Asks the broker's registry: an unknown community or grid is reported with the other bad fields.
    init(validating request: Employment.RegisterJobSeekerRequest, for office: EmploymentOffice, context: CallContext) async throws {
        var validation = Validation()
        let idNumber = validation.residentID(request.idNumber, field: "id_number")
        let name = validation.personName(request.name, field: "name")
        let community = validation.community(request.communityCode, field: "community_code")
        let grid = validation.grid(request.gridCode, field: "grid_code", in: community)
        validation.require(request.category != .unspecified, field: "category", "is required")
        skills = validation.tags(request.skills, field: "skills")
        validation.text(request.wishes, field: "wishes", maxLength: 500)
        validation.text(request.phone, field: "phone", maxLength: 20)
        validation.text(request.householdId, field: "household_id", maxLength: 40)
        let communityName = try await office.registeredName(community, grid: grid, field: "community_code", context: context, &validation)
        try validation.finish()
        self.idNumber = try validation.unwrap(idNumber, field: "id_number")
        self.name = try validation.unwrap(name, field: "name")
        self.community = try validation.unwrap(community, field: "community_code")
        self.communityName = try validation.unwrap(communityName, field: "community_code")
        self.grid = try validation.unwrap(grid, field: "grid_code")
        category = request.category
        wishes = request.wishes
        acceptsPromise = request.acceptsPromise
        phone = request.phone
        householdID = request.householdId
    }
}
