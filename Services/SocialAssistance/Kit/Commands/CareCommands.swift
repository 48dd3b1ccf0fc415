import AssistanceContract
import DepartmentKit
import Domain
import WireProtocol
import WireRuntime

/// A resident of a special group with their care, validated: RegisterSpecialCare.
struct RegisterSpecialCare: ValidatedCommand {
    let idNumber: ResidentIdentityNumber
    let name: PersonName
    let group: Assistance.SpecialGroup
    let community: CommunityCode
    let grid: GridCode
    let address: String
    let care: String
    let hasDoorbell: Bool

    init(validating request: Assistance.RegisterSpecialCareRequest, for office: AssistanceOffice, context: CallContext) async throws {
        var validation = Validation()
        let idNumber = validation.residentID(request.idNumber, field: "id_number")
        let name = validation.personName(request.name, field: "name")
        validation.require(request.group != .unspecified, field: "group", "is required")
        let community = validation.community(request.communityCode, field: "community_code")
        let grid = validation.grid(request.gridCode, field: "grid_code", in: community)
        validation.text(request.address, field: "address", maxLength: 200, required: true)
        validation.reason(request.care, field: "care")
        try await office.checkRegistered(community, grid: grid, field: "community_code", context: context, &validation)
        try validation.finish()
        self.idNumber = try validation.unwrap(idNumber, field: "id_number")
        self.name = try validation.unwrap(name, field: "name")
        self.community = try validation.unwrap(community, field: "community_code")
        self.grid = try validation.unwrap(grid, field: "grid_code")
        group = request.group
        address = request.address
        care = request.care
        hasDoorbell = request.hasDoorbell
    }
}

/// A volunteer's registration, validated: RegisterVolunteer.
struct RegisterVolunteer: ValidatedCommand {
    let idNumber: ResidentIdentityNumber
    let name: PersonName
    let community: CommunityCode

    init(validating request: Assistance.RegisterVolunteerRequest, for office: AssistanceOffice, context: CallContext) async throws {
        var validation = Validation()
        let idNumber = validation.residentID(request.idNumber, field: "id_number")
        let name = validation.personName(request.name, field: "name")
        let community = validation.community(request.communityCode, field: "community_code")
        try await office.checkRegistered(community, field: "community_code", context: context, &validation)
        try validation.finish()
        self.idNumber = try validation.unwrap(idNumber, field: "id_number")
        self.name = try validation.unwrap(name, field: "name")
        self.community = try validation.unwrap(community, field: "community_code")
    }
}

/// A visit to a household, validated: LogVisit.
struct LogVisit: ValidatedCommand {
    let household: EntityID
    let volunteer: EntityID?
    let day: LocalDate
    let note: String

    init(validating request: Assistance.LogVisitRequest, for office: AssistanceOffice, context: CallContext) throws(RPCError) {
        var validation = Validation()
        let household = validation.entityID(request.householdId, .household, field: "household_id")
        volunteer = request.volunteerId.isEmpty ? nil : validation.entityID(request.volunteerId, .volunteer, field: "volunteer_id")
        let day = validation.date(request.visitedOn, field: "visited_on")
        if let day { validation.require(day <= office.today, field: "visited_on", "must not be in the future") }
        validation.reason(request.note, field: "note", required: false)
        try validation.finish()
        self.household = try validation.unwrap(household, field: "household_id")
        self.day = try validation.unwrap(day, field: "visited_on")
        note = request.note
    }
}
