import DepartmentKit
import Domain
import SecurityContract
import WireProtocol
import WireRuntime

/// An emergency plan (应急预案) to record, validated: RecordEmergencyPlan.
struct RecordEmergencyPlan: ValidatedCommand {
    let community: CommunityCode
    let kind: Security.EmergencyKind
    let title: String
    let approvedOn: LocalDate

    init(validating request: Security.RecordEmergencyPlanRequest, for office: SecurityOffice, context: CallContext) async throws {
        var validation = Validation()
        let community = validation.community(request.communityCode, field: "community_code")
        validation.require(request.kind != .unspecified, field: "kind", "is required")
        validation.text(request.title, field: "title", maxLength: 200, required: true)
        let approvedOn = validation.pastDate(request.approvedOn, field: "approved_on", today: office.today)
        try await validation.registered(community, field: "community_code", in: office.registry, context: context)
        try validation.finish()
        self.community = try validation.unwrap(community, field: "community_code")
        self.approvedOn = try validation.unwrap(approvedOn, field: "approved_on")
        kind = request.kind
        title = request.title
    }
}
