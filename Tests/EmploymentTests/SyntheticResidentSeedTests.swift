import Domain
import Foundation
import GRDB
import Testing

@testable import EmploymentKit

@Suite("The scale seed's job seekers are the synthetic residents of working age")
struct SyntheticResidentSeedTests {
    @Test("the seekers are the working-age synthetic residents in order, so the overview finds them in every office")
    func sameResidents() async throws {
        let office = try await EmploymentFixture()
        defer { office.close() }
        let communities = try [EmploymentFixture.communityA, EmploymentFixture.communityB].map { try CommunityCode($0) }
        #expect(try await DemoData.seed(into: office.database, communities: communities, seekers: 50, withVacancies: false, now: office.clock.now))
        let stored = try await office.database.read { db in try String.fetchAll(db, sql: "SELECT id_number FROM seekers ORDER BY id") }
        let workingAge = (1...200).filter { SyntheticResidents.ageBand(of: $0) == .workingAge }.prefix(50)
        #expect(stored == workingAge.map { SyntheticResidents.idNumber($0).rawValue })
    }
}
