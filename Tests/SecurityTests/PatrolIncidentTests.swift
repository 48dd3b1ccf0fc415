import Domain
import Foundation
import SecurityContract
import SecurityKit
import TestSupport
import Testing
import WireProtocol

@Suite("Patrols and incidents (巡逻, 群防群治): record, list, deal with once, grid scope")
struct PatrolIncidentTests {
    static let a = SecurityFixture.communityA

    @Test("patrols list newest first a page at a time; a bad patrol names its fields")
    func patrols() async throws {
        let fixture = try SecurityFixture()
        defer { fixture.close() }
        let end = UInt64(fixture.now.unixMilliseconds)
        for hour in 1...3 {
            let patrol: Security.Patrol = try await fixture.call(
                "RecordPatrol",
                Security.RecordPatrolRequest(
                    communityCode: Self.a, route: "海滨路—菜场—3 幢", team: ["张队", "志愿者 王"], startedAtMs: end - UInt64(hour + 1) * 3_600_000,
                    endedAtMs: end - UInt64(hour) * 3_600_000))
            #expect(patrol.team == ["张队", "志愿者 王"])
        }
        let first: Security.ListPatrolsResponse = try await fixture.call("ListPatrols", Security.ListPatrolsRequest(communityCode: Self.a, pageSize: 2))
        let second: Security.ListPatrolsResponse = try await fixture.call(
            "ListPatrols", Security.ListPatrolsRequest(communityCode: Self.a, pageSize: 2, pageToken: first.nextPageToken))
        #expect(first.patrols.map(\.patrolId) + second.patrols.map(\.patrolId) == ["P3", "P2", "P1"] && second.nextPageToken.isEmpty)
        let bad = await refusal {
            try await fixture.call(
                "RecordPatrol", Security.RecordPatrolRequest(communityCode: Self.a, route: "", startedAtMs: end, endedAtMs: end - 1),
                as: Security.Patrol.self)
        }
        #expect(bad?.fields == ["route", "team", "ended_at_ms"])
    }

    @Test("incidents: recorded, dealt with once, listed by grid or unhandled; a grid worker records in their own grid only")
    func incidents() async throws {
        let fixture = try SecurityFixture()
        defer { fixture.close() }
        let at = UInt64(fixture.now.unixMilliseconds - 3_600_000)
        let worker = Caller(id: "grid-0101", roles: "grid-worker", grids: [Residents.grid(Self.a, 1)])
        let recorded: Security.Incident = try await fixture.call(
            "RecordIncident",
            Security.RecordIncidentRequest(
                communityCode: Self.a, gridCode: Residents.grid(Self.a, 1), kind: .theft, place: "自行车棚", occurredAtMs: at, note: "电瓶车被盗"), caller: worker)
        #expect(recorded.incidentId == "I1" && !recorded.handled && !recorded.serious)
        let outside = await refusal {
            try await fixture.call(
                "RecordIncident",
                Security.RecordIncidentRequest(communityCode: Self.a, gridCode: Residents.grid(Self.a, 2), kind: .fire, place: "x", occurredAtMs: at),
                as: Security.Incident.self, caller: worker)
        }
        #expect(outside?.code == .permissionDenied)
        _ = try await fixture.call(
            "RecordIncident",
            Security.RecordIncidentRequest(
                communityCode: Self.a, gridCode: Residents.grid(Self.a, 2), kind: .fire, serious: true, place: "厨房", occurredAtMs: at),
            as: Security.Incident.self)
        let handled: Security.Incident = try await fixture.call("HandleIncident", Security.HandleIncidentRequest(incidentId: "I1", note: "已立案"))
        #expect(handled.handled && handled.handledAtMs == UInt64(fixture.now.unixMilliseconds) && handled.handlingNote == "已立案")
        let twice = await refusal {
            try await fixture.call("HandleIncident", Security.HandleIncidentRequest(incidentId: "I1", note: "x"), as: Security.Incident.self)
        }
        #expect(twice?.code == .failedPrecondition && twice?.fields == ["incident_id"])
        let open: Security.ListIncidentsResponse = try await fixture.call(
            "ListIncidents", Security.ListIncidentsRequest(communityCode: Self.a, unhandledOnly: true))
        #expect(open.incidents.map(\.incidentId) == ["I2"])
        let own: Security.ListIncidentsResponse = try await fixture.call(
            "ListIncidents", Security.ListIncidentsRequest(communityCode: Self.a, gridCode: Residents.grid(Self.a, 1)), caller: worker)
        #expect(own.incidents.map(\.incidentId) == ["I1"])
        let future = await refusal {
            try await fixture.call(
                "RecordIncident",
                Security.RecordIncidentRequest(
                    communityCode: Self.a, gridCode: Residents.grid(Self.a, 1), place: "x", occurredAtMs: UInt64(fixture.now.unixMilliseconds + 60_000)),
                as: Security.Incident.self)
        }
        #expect(future?.fields == ["kind", "occurred_at_ms"])
    }
}
