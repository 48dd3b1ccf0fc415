import Domain
import Foundation
import GRDB
import Testing

@testable import AssistanceKit

@Suite("The scale seed's household members are the synthetic residents")
struct SyntheticResidentSeedTests {
    @Test("the households hold synthetic residents 1, 2, 3, … in order, so the overview finds them in every office")
    func sameResidents() async throws {
        let fixture = try AssistanceFixture()
        defer { fixture.close() }
        let communities = try [AssistanceFixture.communityA, AssistanceFixture.communityB].map { try CommunityCode($0) }
        #expect(try await DemoData.seed(into: fixture.database, communities: communities, households: 20, now: fixture.clock.now))
        let stored = try await fixture.database.read { db in
            try String.fetchAll(db, sql: "SELECT id_number FROM members ORDER BY household_id, position")
        }
        #expect(stored.count >= 20)
        #expect(stored == (1...stored.count).map { SyntheticResidents.idNumber($0).rawValue })
    }
}
