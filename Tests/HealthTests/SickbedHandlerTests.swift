import Domain
import HealthContract
import TestSupport
import Testing
import WireProtocol

@testable import HealthKit

@Suite("Home sickbeds (家庭病床): open, visit, close, the active beds")
struct SickbedHandlerTests {
    func bed(on date: String = "2026-11-01") throws -> HomeSickbed {
        let community = try CommunityCode("330902001001")
        return HomeSickbed(
            id: 1, recordID: 1, community: community, grid: try GridCode(community: community, number: 1), reason: "术后康复",
            openedOn: try LocalDate(iso: date))
    }

    @Test("rules: visits and the closing not before the opening, the closing not before the last visit, nothing after the closing")
    func rules() throws {
        let open = try bed()
        let visited = try open.visiting(on: try LocalDate(iso: "2026-11-10"))
        #expect(visited.visits == 1 && visited.lastVisit?.description == "2026-11-10")
        #expect(throws: SickbedRefusal.beforeOpening("2026-11-01")) { try open.visiting(on: try LocalDate(iso: "2026-10-31")) }
        #expect(throws: SickbedRefusal.beforeLastVisit("2026-11-10")) { try visited.closing(on: try LocalDate(iso: "2026-11-09"), outcome: "好转") }
        #expect(throws: SickbedRefusal.closingBeforeOpening("2026-11-01")) { try open.closing(on: try LocalDate(iso: "2026-10-01"), outcome: "好转") }
        let closed = try visited.closing(on: try LocalDate(iso: "2026-11-20"), outcome: "好转")
        #expect(!closed.isOpen && closed.outcome == "好转")
        #expect(throws: SickbedRefusal.closed(on: "2026-11-20")) { try closed.visiting(on: try LocalDate(iso: "2026-11-21")) }
    }

    @Test("open, visit, close through the office; one open bed per resident; active beds per community and grid; reasons for health staff only")
    func lifecycle() async throws {
        let office = try HealthFixture()
        let first = try await office.create(try Residents.idNumber(born: "1940-01-01"), grid: 1)
        let second = try await office.create(try Residents.idNumber(born: "1941-01-01"), grid: 2)
        let bed = try await office.call(
            "OpenSickbed", Health.OpenSickbedRequest(recordId: first.recordId, reason: "脑卒中后康复", openedOn: "2026-11-01"), as: Health.Sickbed.self)
        #expect(bed.sickbedId == "B1" && bed.status == .open && bed.reason == "脑卒中后康复")
        #expect(office.lastContext.residents.reported == [first.idNumber])
        let twice = await refusal {
            try await office.call("OpenSickbed", Health.OpenSickbedRequest(recordId: first.recordId, reason: "again"), as: Health.Sickbed.self)
        }
        #expect(twice?.code == .failedPrecondition && twice?.fields == ["record_id"])
        _ = try await office.call("OpenSickbed", Health.OpenSickbedRequest(recordId: second.recordId, reason: "压疮护理"), as: Health.Sickbed.self)

        let visited = try await office.call(
            "RecordSickbedVisit", Health.RecordSickbedVisitRequest(sickbedId: bed.sickbedId, date: "2026-11-15", notes: "换药"), as: Health.Sickbed.self)
        #expect(visited.visits == 1 && visited.lastVisit == "2026-11-15")
        let early = await refusal {
            try await office.call("RecordSickbedVisit", Health.RecordSickbedVisitRequest(sickbedId: bed.sickbedId, date: "2026-10-15"), as: Health.Sickbed.self)
        }
        #expect(early?.code == .failedPrecondition && early?.fields == ["date"])
        let bad = await refusal {
            try await office.call("CloseSickbed", Health.CloseSickbedRequest(sickbedId: "H1", closedOn: "2027-01-01"), as: Health.Sickbed.self)
        }
        #expect(bad?.code == .invalidArgument && bad?.fields == ["sickbed_id", "closed_on", "outcome"])

        func active(grid: Int? = nil, by caller: Caller = .nurse) async throws -> Health.ListActiveSickbedsResponse {
            try await office.call(
                "ListActiveSickbeds",
                Health.ListActiveSickbedsRequest(communityCode: HealthFixture.communityA, gridCode: grid.map { Residents.grid($0) } ?? "", pageSize: 1),
                by: caller)
        }
        let community = try await active()
        #expect(community.active == 2 && community.sickbeds.count == 1 && !community.nextPageToken.isEmpty)
        let worker = try await active(grid: 1, by: .gridWorker([Residents.grid(1)]))
        #expect(worker.active == 1 && worker.sickbeds.first?.sickbedId == "B1" && worker.sickbeds.first?.reason == "")
        #expect(office.lastContext.residents.reported == [first.idNumber])

        let closed = try await office.call(
            "CloseSickbed", Health.CloseSickbedRequest(sickbedId: bed.sickbedId, closedOn: "2026-11-29", outcome: "康复"), as: Health.Sickbed.self)
        #expect(closed.status == .closed && closed.closedOn == "2026-11-29" && closed.outcome == "康复")
        let again = await refusal {
            try await office.call(
                "CloseSickbed", Health.CloseSickbedRequest(sickbedId: bed.sickbedId, closedOn: "2026-11-29", outcome: "康复"), as: Health.Sickbed.self)
        }
        #expect(again?.code == .failedPrecondition && again?.fields == ["sickbed_id"])
        #expect(try await active().active == 1)
        // after the closing, a new bed may be opened for the same resident
        let reopened = try await office.call("OpenSickbed", Health.OpenSickbedRequest(recordId: first.recordId, reason: "复发"), as: Health.Sickbed.self)
        #expect(reopened.sickbedId == "B3")
    }
}
