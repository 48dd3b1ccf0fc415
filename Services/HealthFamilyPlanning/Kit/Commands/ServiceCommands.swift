import DepartmentKit
import Domain
import HealthContract
import WireProtocol
import WireRuntime

/// A health education event or service session, validated: RecordServiceEvent.
struct RecordServiceEvent: ValidatedCommand {
    let community: CommunityCode
    let kind: Health.ServiceKind
    let date: LocalDate
    let title: String
    let people: Int

    init(validating request: Health.RecordServiceEventRequest, for office: HealthOffice, context: CallContext) async throws {
        var validation = Validation()
        let community = validation.community(request.communityCode, field: "community_code")
        validation.require(request.kind != .unspecified, field: "kind", "is required")
        let date = validation.pastDate(request.date, field: "date", today: office.today)
        validation.text(request.title, field: "title", maxLength: 100, required: true)
        validation.require((1...100_000).contains(request.peopleServed), field: "people_served", "must be 1…100000")
        try await validation.registered(community, field: "community_code", in: office.registry, context: context)
        try validation.finish()
        self.community = try validation.unwrap(community, field: "community_code")
        self.date = try validation.unwrap(date, field: "date")
        kind = request.kind
        title = request.title
        people = Int(request.peopleServed)
    }
}

/// A community health facility to register, validated: RegisterFacility.
struct RegisterFacility: ValidatedCommand {
    let community: CommunityCode
    let name: String
    let kind: Health.FacilityKind

    init(validating request: Health.RegisterFacilityRequest, for office: HealthOffice, context: CallContext) async throws {
        var validation = Validation()
        let community = validation.community(request.communityCode, field: "community_code")
        validation.text(request.name, field: "name", maxLength: 100, required: true)
        validation.require(request.kind != .unspecified, field: "kind", "is required")
        try await validation.registered(community, field: "community_code", in: office.registry, context: context)
        try validation.finish()
        self.community = try validation.unwrap(community, field: "community_code")
        name = request.name
        kind = request.kind
    }
}
