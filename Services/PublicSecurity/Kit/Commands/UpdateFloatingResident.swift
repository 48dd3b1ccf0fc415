import DepartmentKit
import Domain
import SecurityContract
import WireProtocol
import WireRuntime

/// New details of a residing registration, validated: UpdateFloatingResident.
struct UpdateFloatingResident: ValidatedCommand {
    let registration: EntityID
    let grid: GridCode
    let address: String
    let landlord: String
    let expectedStayDays: Int
    let phone: String

    init(validating request: Security.UpdateFloatingResidentRequest, for office: SecurityOffice, context: CallContext) async throws {
        var validation = Validation()
        let registration = validation.entityID(request.registrationId, .floatingResident, field: "registration_id")
        let grid = validation.grid(request.gridCode, field: "grid_code")
        validation.text(request.address, field: "address", maxLength: 200, required: true)
        validation.text(request.landlord, field: "landlord", maxLength: 50)
        let maxStay = office.policy.maxExpectedStayDays
        validation.require((1...maxStay).contains(Int(request.expectedStayDays)), field: "expected_stay_days", "must be 1…\(maxStay) days")
        validation.text(request.phone, field: "phone", maxLength: 20)
        try await validation.registered(grid, field: "grid_code", in: office.registry, context: context)
        try validation.finish()
        self.registration = try validation.unwrap(registration, field: "registration_id")
        self.grid = try validation.unwrap(grid, field: "grid_code")
        address = request.address
        landlord = request.landlord
        expectedStayDays = Int(request.expectedStayDays)
        phone = request.phone
    }
}
