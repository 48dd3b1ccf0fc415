import DepartmentKit
import Domain
import SecurityContract
import WireProtocol
import WireRuntime

/// A rented dwelling (出租房屋) to register with its tenants, validated: RegisterRental.
struct RegisterRental: ValidatedCommand {
    let community: CommunityCode
    let grid: GridCode
    let address: String
    let landlordName: PersonName
    let landlordIDNumber: ResidentIdentityNumber
    let landlordPhone: String
    let tenants: [EntityID]

    init(validating request: Security.RegisterRentalRequest, for office: SecurityOffice, context: CallContext) async throws {
        var validation = Validation()
        let community = validation.community(request.communityCode, field: "community_code")
        let grid = validation.grid(request.gridCode, field: "grid_code", in: community)
        validation.text(request.address, field: "address", maxLength: 200, required: true)
        let landlordName = validation.personName(request.landlordName, field: "landlord_name")
        let landlordIDNumber = validation.residentID(request.landlordIdNumber, field: "landlord_id_number")
        validation.text(request.landlordPhone, field: "landlord_phone", maxLength: 20)
        let limit = office.policy.maxTenantsPerRental
        validation.require(
            (1...limit).contains(request.tenantRegistrationIds.count), field: "tenant_registration_ids", "1…\(limit) tenants, each a registration id (F12)")
        var tenants: [EntityID] = []
        for (index, text) in request.tenantRegistrationIds.enumerated() {
            guard let id = validation.entityID(text, .floatingResident, field: "tenant_registration_ids[\(index)]") else { continue }
            if tenants.contains(id) {
                validation.fail(field: "tenant_registration_ids[\(index)]", "\(id) is listed twice")
            } else {
                tenants.append(id)
            }
        }
        try await validation.registered(community, field: "community_code", in: office.registry, context: context)
        try await validation.registered(grid, field: "grid_code", in: office.registry, context: context)
        try validation.finish()
        self.community = try validation.unwrap(community, field: "community_code")
        self.grid = try validation.unwrap(grid, field: "grid_code")
        self.landlordName = try validation.unwrap(landlordName, field: "landlord_name")
        self.landlordIDNumber = try validation.unwrap(landlordIDNumber, field: "landlord_id_number")
        address = request.address
        landlordPhone = request.landlordPhone
        self.tenants = tenants
    }
}
