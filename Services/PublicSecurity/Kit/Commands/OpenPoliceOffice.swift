import DepartmentKit
import Domain
import SecurityContract
import WireProtocol
import WireRuntime

/// A community police office (社区警务室) to open, validated: OpenPoliceOffice.
struct OpenPoliceOffice: ValidatedCommand {
    let community: CommunityCode
    let address: String
    let phone: String

    init(validating request: Security.OpenPoliceOfficeRequest, for office: SecurityOffice, context: CallContext) async throws {
        var validation = Validation()
        let community = validation.community(request.communityCode, field: "community_code")
        validation.text(request.address, field: "address", maxLength: 200, required: true)
        validation.text(request.phone, field: "phone", maxLength: 20)
        try await validation.registered(community, field: "community_code", in: office.registry, context: context)
        try validation.finish()
        self.community = try validation.unwrap(community, field: "community_code")
        address = request.address
        phone = request.phone
    }
}
