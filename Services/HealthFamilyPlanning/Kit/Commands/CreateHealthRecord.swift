import DepartmentKit
import Domain
import HealthContract
import WireProtocol
import WireRuntime

/// A health record (健康档案) to open, validated: CreateHealthRecord. No age group is in it: they
/// come from the ID number.
struct CreateHealthRecord: ValidatedCommand {
    let idNumber: ResidentIdentityNumber
    let name: PersonName
    let community: CommunityCode
    let grid: GridCode
    let details: RecordDetails

    /// Asks the broker's registry: an unknown community or grid is reported with the other bad fields.
    init(validating request: Health.CreateHealthRecordRequest, for office: HealthOffice, context: CallContext) async throws {
        var validation = Validation()
        let idNumber = validation.residentID(request.idNumber, field: "id_number")
        let name = validation.personName(request.name, field: "name")
        let community = validation.community(request.communityCode, field: "community_code")
        let grid = validation.grid(request.gridCode, field: "grid_code", in: community)
        details = RecordDetails(
            residence: request.residence, chronicallyIll: request.chronicallyIll, disabled: request.disabled, poor: request.poor,
            conditions: request.conditions, notes: request.notes, validation: &validation)
        try await validation.registered(community, field: "community_code", in: office.registry, context: context)
        try await validation.registered(grid, field: "grid_code", in: office.registry, context: context)
        try validation.finish()
        self.idNumber = try validation.unwrap(idNumber, field: "id_number")
        self.name = try validation.unwrap(name, field: "name")
        self.community = try validation.unwrap(community, field: "community_code")
        self.grid = try validation.unwrap(grid, field: "grid_code")
    }
}
