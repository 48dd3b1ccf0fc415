import DepartmentKit
import Domain
import SecurityContract
import WireProtocol
import WireRuntime

/// An arrival of a member of the floating population (流动人口登记), validated: RegisterArrival.
struct RegisterArrival: ValidatedCommand {
    let idNumber: ResidentIdentityNumber
    let name: PersonName
    let origin: DivisionCode
    let community: CommunityCode
    let grid: GridCode
    let address: String
    let landlord: String
    let arrivalDate: LocalDate
    let expectedStayDays: Int
    let phone: String

    /// Asks the broker's registry: an unknown community or grid is reported with the other bad fields.
    init(validating request: Security.RegisterArrivalRequest, for office: SecurityOffice, context: CallContext) async throws {
        var validation = Validation()
        let idNumber = validation.residentID(request.idNumber, field: "id_number")
        let name = validation.personName(request.name, field: "name")
        // The origin defaults to where the ID number was issued.
        let origin =
            request.originDivisionCode.isEmpty
            ? idNumber.map(DivisionCode.init(of:)) : validation.divisionCode(request.originDivisionCode, field: "origin_division_code")
        let community = validation.community(request.communityCode, field: "community_code")
        let grid = validation.grid(request.gridCode, field: "grid_code", in: community)
        validation.text(request.address, field: "address", maxLength: 200, required: true)
        validation.text(request.landlord, field: "landlord", maxLength: 50)
        let arrival = validation.pastDate(request.arrivalDate, field: "arrival_date", today: office.today)
        let maxStay = office.policy.maxExpectedStayDays
        validation.require((1...maxStay).contains(Int(request.expectedStayDays)), field: "expected_stay_days", "must be 1…\(maxStay) days")
        validation.text(request.phone, field: "phone", maxLength: 20)
        try await validation.registered(community, field: "community_code", in: office.registry, context: context)
        try await validation.registered(grid, field: "grid_code", in: office.registry, context: context)
        try validation.finish()
        self.idNumber = try validation.unwrap(idNumber, field: "id_number")
        self.name = try validation.unwrap(name, field: "name")
        self.origin = try validation.unwrap(origin, field: "origin_division_code")
        self.community = try validation.unwrap(community, field: "community_code")
        self.grid = try validation.unwrap(grid, field: "grid_code")
        arrivalDate = try validation.unwrap(arrival, field: "arrival_date")
        address = request.address
        landlord = request.landlord
        expectedStayDays = Int(request.expectedStayDays)
        phone = request.phone
    }
}
