import DepartmentKit
import Domain
import SecurityContract
import WireProtocol
import WireRuntime

/// A dispute to report (矛盾纠纷排查), validated: ReportDispute.
struct ReportDispute: ValidatedCommand {
    let community: CommunityCode
    let grid: GridCode
    let kind: Security.DisputeKind
    let parties: [DisputePartyRecord]
    let summary: String
    let reportedOn: LocalDate

    init(validating request: Security.ReportDisputeRequest, for office: SecurityOffice, context: CallContext) async throws {
        var validation = Validation()
        let community = validation.community(request.communityCode, field: "community_code")
        let grid = validation.grid(request.gridCode, field: "grid_code", in: community)
        validation.require(request.kind != .unspecified, field: "kind", "is required")
        let limit = office.policy.maxDisputeParties
        validation.require((2...limit).contains(request.parties.count), field: "parties", "2…\(limit) parties")
        var parties: [DisputePartyRecord] = []
        for (index, party) in request.parties.enumerated() {
            let name = validation.personName(party.name, field: "parties[\(index)].name")
            let idNumber = party.idNumber.isEmpty ? nil : validation.residentID(party.idNumber, field: "parties[\(index)].id_number")
            if let name, party.idNumber.isEmpty || idNumber != nil { parties.append(DisputePartyRecord(name: name.rawValue, idNumber: idNumber)) }
        }
        validation.text(request.summary, field: "summary", maxLength: 1000, required: true)
        let reportedOn = request.reportedOn.isEmpty ? office.today : validation.pastDate(request.reportedOn, field: "reported_on", today: office.today)
        try await validation.registered(community, field: "community_code", in: office.registry, context: context)
        try await validation.registered(grid, field: "grid_code", in: office.registry, context: context)
        try validation.finish()
        self.community = try validation.unwrap(community, field: "community_code")
        self.grid = try validation.unwrap(grid, field: "grid_code")
        self.reportedOn = try validation.unwrap(reportedOn, field: "reported_on")
        kind = request.kind
        self.parties = parties
        summary = request.summary
    }
}
