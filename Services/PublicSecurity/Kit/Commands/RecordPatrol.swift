import DepartmentKit
import Domain
import Foundation
import SecurityContract
import WireProtocol
import WireRuntime

/// A patrol to record, validated: RecordPatrol.
struct RecordPatrol: ValidatedCommand {
    let community: CommunityCode
    let route: String
    let team: [String]
    let startedAt: Date
    let endedAt: Date
    let note: String

    init(validating request: Security.RecordPatrolRequest, for office: SecurityOffice, context: CallContext) async throws {
        var validation = Validation()
        let community = validation.community(request.communityCode, field: "community_code")
        validation.text(request.route, field: "route", maxLength: 200, required: true)
        validation.require((1...20).contains(request.team.count), field: "team", "1…20 members")
        for (index, member) in request.team.enumerated() { validation.text(member, field: "team[\(index)]", maxLength: 50, required: true) }
        let now = office.now().unixMilliseconds
        validation.require(request.startedAtMs > 0 && Int64(request.startedAtMs) <= now, field: "started_at_ms", "is required and not in the future")
        let hours = office.policy.maxPatrolHours
        validation.require(
            request.endedAtMs > request.startedAtMs && Int64(request.endedAtMs) <= now && request.endedAtMs - request.startedAtMs <= UInt64(hours) * 3_600_000,
            field: "ended_at_ms", "must be after the start, not in the future, within \(hours) hours of the start")
        validation.text(request.note, field: "note", maxLength: 1000)
        try await validation.registered(community, field: "community_code", in: office.registry, context: context)
        try validation.finish()
        self.community = try validation.unwrap(community, field: "community_code")
        route = request.route
        team = request.team
        startedAt = Date(unixMilliseconds: Int64(request.startedAtMs))
        endedAt = Date(unixMilliseconds: Int64(request.endedAtMs))
        note = request.note
    }
}
