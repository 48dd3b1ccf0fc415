import Domain
import Foundation
import GRDB
import SecurityKit
import Testing

@Suite("The scale seed's floating residents are the synthetic residents")
struct SyntheticResidentSeedTests {
    @Test("registration i belongs to synthetic resident i + 1, so the overview finds them in every office")
    func sameResidents() async throws {
        let fixture = try SecurityFixture()
        defer { fixture.close() }
        let communities = try [SecurityFixture.communityA, SecurityFixture.communityB].map { try CommunityCode($0) }
        #expect(
            try await DemoData.seedFloatingPopulation(into: fixture.database, communities: communities, count: 50, gridsPerCommunity: 8, now: fixture.now))
        let stored = try await fixture.database.read { db in try String.fetchAll(db, sql: "SELECT id_number FROM floating_residents ORDER BY id") }
        #expect(stored == (1...50).map { SyntheticResidents.idNumber($0).rawValue })
    }
}
