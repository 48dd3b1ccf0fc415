import DepartmentKit
import Domain
import Foundation
import SecurityContract
import WireProtocol
import WireRuntime

/// An incident to record, validated: RecordIncident.
struct RecordIncident: ValidatedCommand {
    let community: CommunityCode
    let grid: GridCode
    let kind: Security.IncidentKind
    let serious: Bool
    let place: String
    let occurredAt: Date
    let note: String

    init(validating request: Security.RecordIncidentRequest, for office: SecurityOffice, context: CallContext) async throws {
        var validation = Validation()
        let community = validation.community(request.communityCode, field: "community_code")
        let grid = validation.grid(request.gridCode, field: "grid_code", in: community)
        validation.require(request.kind != .unspecified, field: "kind", "is required")
        validation.text(request.place, field: "place", maxLength: 200, required: true)
        validation.require(
            request.occurredAtMs > 0 && Int64(request.occurredAtMs) <= office.now().unixMilliseconds, field: "occurred_at_ms",
            "is required and not in the future")
        validation.text(request.note, field: "note", maxLength: 1000)
        try await validation.registered(community, field: "community_code", in: office.registry, context: context)
        try await validation.registered(grid, field: "grid_code", in: office.registry, context: context)
        try validation.finish()
        self.community = try validation.unwrap(community, field: "community_code")
        self.grid = try validation.unwrap(grid, field: "grid_code")
        kind = request.kind
        serious = request.serious
        place = request.place
        occurredAt = Date(unixMilliseconds: Int64(request.occurredAtMs))
        note = request.note
    }
}
