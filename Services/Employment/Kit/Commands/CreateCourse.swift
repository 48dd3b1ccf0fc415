import DepartmentKit
import Domain
import EmploymentContract
import WireProtocol
import WireRuntime

/// A training course (技能培训, 创业培训, 妇女就业培训) the office runs, validated: CreateCourse.
struct CreateCourse: ValidatedCommand {
    let title: String
    let kind: Employment.CourseKind
    let skills: [String]
    let community: CommunityCode
    /// The community's name in the broker's registry (mirrored into the office's table on write).
    let communityName: String
    let startDate: LocalDate
    let endDate: LocalDate
    let capacity: Int

    /// Asks the broker's registry: an unknown community or grid is reported with the other bad fields.
    init(validating request: Employment.CreateCourseRequest, for office: EmploymentOffice, context: CallContext) async throws {
        var validation = Validation()
        validation.text(request.title, field: "title", maxLength: 100, required: true)
        validation.require(request.kind != .unspecified, field: "kind", "is required")
        skills = validation.tags(request.skills, field: "skills")
        let community = validation.community(request.communityCode, field: "community_code")
        let start = validation.date(request.startDate, field: "start_date")
        let end = validation.date(request.endDate, field: "end_date")
        if let start, let end { validation.require(end >= start, field: "end_date", "must not be before start_date") }
        validation.require((1...1000).contains(request.capacity), field: "capacity", "must be 1…1000 (got \(request.capacity))")
        let communityName = try await office.registeredName(community, field: "community_code", context: context, &validation)
        try validation.finish()
        self.community = try validation.unwrap(community, field: "community_code")
        self.communityName = try validation.unwrap(communityName, field: "community_code")
        startDate = try validation.unwrap(start, field: "start_date")
        endDate = try validation.unwrap(end, field: "end_date")
        title = request.title
        kind = request.kind
        capacity = Int(request.capacity)
    }
}
