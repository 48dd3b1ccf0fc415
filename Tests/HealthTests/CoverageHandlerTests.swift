import HealthContract
import TestSupport
import Testing
import WireProtocol

@testable import HealthKit

@Suite("Services delivered per month and the coverage report")
struct CoverageHandlerTests {
    @Test("facility target: at least one per 25,000 residents begun (configurable), never fewer than one")
    func facilityTarget() {
        func needed(_ population: Int, per: Int = 25_000) -> Int {
            CommunityCoverage(
                population: population, records: 0, enrolled: 0, onSchedule: 0, healthFacilities: 0, familyPlanningRooms: 0, residentsPerFacility: per
            ).facilitiesNeeded
        }
        #expect(needed(0) == 1 && needed(8650) == 1 && needed(25_000) == 1 && needed(25_001) == 2 && needed(52_000) == 3)
        #expect(needed(40_000, per: 20_000) == 2 && needed(40_001, per: 20_000) == 3)
        let coverage = CommunityCoverage(
            population: 8650, records: 4325, enrolled: 4, onSchedule: 3, healthFacilities: 1, familyPlanningRooms: 0, residentsPerFacility: 25_000)
        #expect(coverage.recordCoveragePerMille == 500 && coverage.followUpCompletionPerMille == 750 && coverage.meetsFacilityTarget)
    }

    @Test("events counted by kind for the month asked, with the individual services recorded that month")
    func countServices() async throws {
        let office = try HealthFixture()
        for (kind, date, people) in [
            (Health.ServiceKind.healthEducation, "2026-11-03", 40), (.healthEducation, "2026-11-20", 25), (.prevention, "2026-11-10", 120),
            (.healthEducation, "2026-10-31", 30),
        ] {
            _ = try await office.call(
                "RecordServiceEvent",
                Health.RecordServiceEventRequest(
                    communityCode: HealthFixture.communityA, kind: kind, date: date, title: "高血压防治讲座", peopleServed: UInt32(people)),
                as: Health.ServiceEvent.self)
        }
        let record = try await office.create(try Residents.idNumber(born: "1950-05-05"))
        let enrolment = try await office.enrol(record.recordId, on: "2026-10-01")
        _ = try await office.followUp(enrolment.enrolmentId, on: "2026-11-15", systolic: 130, diastolic: 80)
        let november = try await office.call(
            "CountServices", Health.CountServicesRequest(communityCode: HealthFixture.communityA, month: "2026-11"), as: Health.CountServicesResponse.self,
            by: .clerk)
        #expect(
            november.counts == [
                Health.ServiceCount(kind: .healthEducation, events: 2, peopleServed: 65), Health.ServiceCount(kind: .prevention, events: 1, peopleServed: 120),
            ])
        #expect(november.chronicFollowUps == 1 && november.sickbedVisits == 0)
        let october = try await office.call(
            "CountServices", Health.CountServicesRequest(communityCode: HealthFixture.communityA, month: "2026-10"), as: Health.CountServicesResponse.self)
        #expect(october.counts == [Health.ServiceCount(kind: .healthEducation, events: 1, peopleServed: 30)] && october.chronicFollowUps == 0)
        let bad = await refusal {
            try await office.call(
                "CountServices", Health.CountServicesRequest(communityCode: "330902001009", month: "2026-13"), as: Health.CountServicesResponse.self)
        }
        #expect(bad?.code == .invalidArgument && bad?.fields == ["month", "community_code"])
        let badEvent = await refusal {
            try await office.call(
                "RecordServiceEvent", Health.RecordServiceEventRequest(communityCode: HealthFixture.communityA, date: "2026-12-01"),
                as: Health.ServiceEvent.self)
        }
        #expect(badEvent?.code == .invalidArgument && badEvent?.fields == ["kind", "date", "title", "people_served"])
    }

    @Test("coverage: records against the registry's population, follow-ups on schedule, facilities against the target")
    func coverage() async throws {
        let office = try HealthFixture()
        let first = try await office.create(try Residents.idNumber(born: "1950-05-05"))
        let second = try await office.create(try Residents.idNumber(born: "1951-05-05"))
        _ = try await office.enrol(first.recordId, on: "2026-10-01")  // due 2026-12-30
        _ = try await office.enrol(second.recordId, on: "2026-07-01")  // overdue since 2026-09-29
        func report(_ community: String = HealthFixture.communityB) async throws -> Health.CoverageReport {
            try await office.call("GetCoverageReport", Health.CoverageReportRequest(communityCode: community), by: .gridWorker([Residents.grid(1)]))
        }
        let a = try await report(HealthFixture.communityA)
        #expect(a.population == 8650 && a.records == 2 && a.chronicEnrolled == 2 && a.followUpsOnSchedule == 1 && a.followUpCompletionPerMille == 500)
        #expect(a.facilitiesNeeded == 1 && !a.meetsFacilityTarget && !a.hasFamilyPlanningRoom)

        // community B: 52,000 residents need 3 facilities
        for (name, kind) in [("城东社区卫生服务中心", Health.FacilityKind.healthCentre), ("城东一站", .healthStation), ("计生服务室", .familyPlanningRoom)] {
            _ = try await office.call(
                "RegisterFacility", Health.RegisterFacilityRequest(communityCode: HealthFixture.communityB, name: name, kind: kind), as: Health.Facility.self)
        }
        let b = try await report()
        #expect(b.healthFacilities == 2 && b.facilitiesNeeded == 3 && !b.meetsFacilityTarget && b.hasFamilyPlanningRoom)
        #expect(b.residentsPerFacilityTarget == 25_000 && b.records == 0 && b.followUpCompletionPerMille == 1000)
        _ = try await office.call(
            "RegisterFacility", Health.RegisterFacilityRequest(communityCode: HealthFixture.communityB, name: "城东二站", kind: .healthStation),
            as: Health.Facility.self)
        #expect(try await report().meetsFacilityTarget)
        let duplicate = await refusal {
            try await office.call(
                "RegisterFacility", Health.RegisterFacilityRequest(communityCode: HealthFixture.communityB, name: "城东二站", kind: .healthStation),
                as: Health.Facility.self)
        }
        #expect(duplicate?.code == .alreadyExists && duplicate?.fields == ["name"])
        let unknown = await refusal { try await report("330902001009") }
        #expect(unknown?.code == .invalidArgument && unknown?.fields == ["community_code"])
    }
}
