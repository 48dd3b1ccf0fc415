import Domain
import Foundation
import HealthContract
import Testing

@testable import HealthKit

@Suite("Demo data: every priority group, enrolments on time and overdue, sickbeds, family planning, facilities")
struct DemoDataTests {
    @Test("seeding 2,000 records fills every table the demo shows, and seeds only an empty database")
    func seed() async throws {
        let office = try HealthFixture()
        let communities = try [HealthFixture.communityA, HealthFixture.communityB].map { try CommunityCode($0) }
        #expect(try await DemoData.seed(into: office.database, communities: communities, records: 2000, now: HealthFixture.start))
        #expect(try await !DemoData.seed(into: office.database, communities: communities, records: 2000, now: HealthFixture.start))
        #expect(try await office.count("records") == 2000)
        for table in ["enrolments", "follow_ups", "sickbeds", "family_planning_files", "facilities", "service_events"] {
            #expect(try await office.count(table) > 0, "\(table)")
        }
        let page = try await office.call(
            "ListHealthRecords", Health.ListHealthRecordsRequest(communityCode: HealthFixture.communityA, pageSize: 500),
            as: Health.ListHealthRecordsResponse.self)
        let flags = page.records.compactMap(\.flags)
        #expect(flags.contains { $0.childUnderSix } && flags.contains { $0.elderly } && flags.contains { $0.womanOfChildBearingAge })
        #expect(page.records.contains { $0.residence == .floating })
        let overdue = try await office.call(
            "ListOverdueFollowUps", Health.ListOverdueFollowUpsRequest(communityCode: HealthFixture.communityA), as: Health.ListOverdueFollowUpsResponse.self)
        #expect(!overdue.overdue.isEmpty)
        let programmes = Set(overdue.overdue.compactMap(\.enrolment?.programmeCode))
        #expect(programmes == ["hypertension", "diabetes"])
    }
}
