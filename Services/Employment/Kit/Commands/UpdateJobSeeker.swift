import DepartmentKit
import Domain
import EmploymentContract
import WireProtocol
import WireRuntime

/// A change to a job seeker's registration, validated: UpdateJobSeeker. Whether the seeker may be
/// changed (still registered, grid in their community) is the domain's question, asked in the write.
struct UpdateJobSeeker: ValidatedCommand {
    let seeker: EntityID
    let category: Employment.SeekerCategory
    let skills: [String]
    let wishes: String
    let phone: String
    let grid: GridCode

    init(validating request: Employment.UpdateJobSeekerRequest, for office: EmploymentOffice, context: CallContext) async throws {
        var validation = Validation()
        let seeker = validation.entityID(request.seekerId, .jobSeeker, field: "seeker_id")
        validation.require(request.category != .unspecified, field: "category", "is required")
        skills = validation.tags(request.skills, field: "skills")
        validation.text(request.wishes, field: "wishes", maxLength: 500)
        validation.text(request.phone, field: "phone", maxLength: 20)
        let grid = validation.grid(request.gridCode, field: "grid_code")
        try await validation.registered(grid, field: "grid_code", in: office.registry, context: context)
        try validation.finish()
        self.seeker = try validation.unwrap(seeker, field: "seeker_id")
        self.grid = try validation.unwrap(grid, field: "grid_code")
        category = request.category
        wishes = request.wishes
        phone = request.phone
    }
}
