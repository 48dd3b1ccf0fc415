import DepartmentKit
import Domain
import SecurityContract
import WireProtocol
import WireRuntime

/// An officer to assign to a community's police office, validated: AssignOfficer.
struct AssignOfficer: ValidatedCommand {
    let community: CommunityCode
    let officerID: String
    let name: PersonName
    let phone: String

    init(validating request: Security.AssignOfficerRequest, for office: SecurityOffice, context: CallContext) throws(RPCError) {
        var validation = Validation()
        let community = validation.community(request.communityCode, field: "community_code")
        validation.staffID(request.officerId, field: "officer_id")
        let name = validation.personName(request.name, field: "name")
        validation.text(request.phone, field: "phone", maxLength: 20)
        try validation.finish()
        self.community = try validation.unwrap(community, field: "community_code")
        self.name = try validation.unwrap(name, field: "name")
        officerID = request.officerId
        phone = request.phone
    }
}

extension Validation {
    /// A staff id (an officer's): 1…32 ASCII letters, digits and '-'.
    mutating func staffID(_ text: String, field: String) {
        let allowed = text.utf8.allSatisfy { (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) || $0 == 45 }
        require(!text.isEmpty && text.utf8.count <= 32 && allowed, field: field, "must be 1…32 letters, digits and '-'")
    }
}
