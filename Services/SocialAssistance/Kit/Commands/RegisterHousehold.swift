import AssistanceContract
import DepartmentKit
import Domain
import WireProtocol
import WireRuntime

/// A household's registration with its members, validated: RegisterHousehold.
struct RegisterHousehold: ValidatedCommand {
    let community: CommunityCode
    let grid: GridCode
    let address: String
    /// The members, the head first.
    let members: [MemberRecord]

    init(validating request: Assistance.RegisterHouseholdRequest, for office: AssistanceOffice, context: CallContext) async throws {
        var validation = Validation()
        let community = validation.community(request.communityCode, field: "community_code")
        let grid = validation.grid(request.gridCode, field: "grid_code", in: community)
        validation.text(request.address, field: "address", maxLength: 200, required: true)
        validation.require(
            (1...office.policy.maxMembers).contains(request.members.count), field: "members",
            "1…\(office.policy.maxMembers) members (got \(request.members.count))")
        var members: [MemberRecord] = []
        var seen: Set<String> = []
        for (index, member) in request.members.prefix(office.policy.maxMembers).enumerated() {
            let record = validation.member(member, field: "members[\(index)]")
            if !member.idNumber.isEmpty && !seen.insert(member.idNumber).inserted {
                validation.fail(field: "members[\(index)].id_number", "appears twice in the household")
            }
            if let record { members.append(record) }
        }
        let heads = request.members.filter(\.head).count
        validation.require(request.members.isEmpty || heads == 1, field: "members", "exactly one member is the head (got \(heads))")
        try await office.checkRegistered(community, grid: grid, field: "community_code", context: context, &validation)
        try validation.finish()
        self.community = try validation.unwrap(community, field: "community_code")
        self.grid = try validation.unwrap(grid, field: "grid_code")
        address = request.address
        self.members = members.filter(\.isHead) + members.filter { !$0.isHead }
    }
}
