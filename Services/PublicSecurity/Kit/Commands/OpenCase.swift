import DepartmentKit
import Domain
import SecurityContract
import WireProtocol
import WireRuntime

/// A resettlement (安置帮教) or community-correction (社区矫正) case to open, validated: OpenCase.
struct OpenCase: ValidatedCommand {
    let kind: Security.CaseKind
    let idNumber: ResidentIdentityNumber
    let name: PersonName
    let community: CommunityCode
    let grid: GridCode
    let termStart: LocalDate
    let termEnd: LocalDate
    let checkInIntervalDays: Int

    /// Asks the broker's registry: an unknown community or grid is reported with the other bad fields.
    init(validating request: Security.OpenCaseRequest, for office: SecurityOffice, context: CallContext) async throws {
        var validation = Validation()
        validation.require(request.kind != .unspecified, field: "kind", "is required (RESETTLEMENT or COMMUNITY_CORRECTION)")
        let idNumber = validation.residentID(request.idNumber, field: "id_number")
        let name = validation.personName(request.name, field: "name")
        let community = validation.community(request.communityCode, field: "community_code")
        let grid = validation.grid(request.gridCode, field: "grid_code", in: community)
        let termStart = validation.date(request.termStart, field: "term_start")
        let termEnd = validation.date(request.termEnd, field: "term_end")
        let policy = office.policy
        if let termStart, let termEnd {
            validation.require(termEnd >= termStart, field: "term_end", "must not be before term_start (\(termStart))")
            validation.require(termEnd.days(from: termStart) <= policy.maxTermDays, field: "term_end", "a term spans at most \(policy.maxTermDays) days")
        }
        validation.require(
            Int(request.checkInIntervalDays) <= policy.maxCheckInIntervalDays, field: "check_in_interval_days",
            "at most \(policy.maxCheckInIntervalDays) days (0 takes the default)")
        try await validation.registered(community, field: "community_code", in: office.registry, context: context)
        try await validation.registered(grid, field: "grid_code", in: office.registry, context: context)
        try validation.finish()
        kind = request.kind
        self.idNumber = try validation.unwrap(idNumber, field: "id_number")
        self.name = try validation.unwrap(name, field: "name")
        self.community = try validation.unwrap(community, field: "community_code")
        self.grid = try validation.unwrap(grid, field: "grid_code")
        self.termStart = try validation.unwrap(termStart, field: "term_start")
        self.termEnd = try validation.unwrap(termEnd, field: "term_end")
        checkInIntervalDays = policy.checkInInterval(kind: request.kind, requested: Int(request.checkInIntervalDays))
    }
}
