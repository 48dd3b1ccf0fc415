import Domain
import Foundation
import GRDB
import Testing

@testable import HealthKit

@Suite("The scale seed's health records are the synthetic residents")
struct SyntheticResidentSeedTests {
    @Test("record i belongs to synthetic resident i + 1, so the overview finds them in every office")
    func sameResidents() async throws {
        let office = try HealthFixture()
        let communities = try [HealthFixture.communityA, HealthFixture.communityB].map { try CommunityCode($0) }
        #expect(try await DemoData.seed(into: office.database, communities: communities, records: 50, withServices: false, now: HealthFixture.start))
        let stored = try await office.database.read { db in try String.fetchAll(db, sql: "SELECT id_number FROM records ORDER BY id") }
        #expect(stored == (1...50).map { SyntheticResidents.idNumber($0).rawValue })
    }
}
