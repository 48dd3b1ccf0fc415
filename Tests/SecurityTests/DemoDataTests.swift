import DepartmentKit
import Domain
import Foundation
import SecurityContract
import SecurityKit
import Testing
import WireRuntime

@Suite("Demo data and the scale check's seed: valid, unique residents; the office serves them")
struct DemoDataTests {
    @Test("seed-demo fills cases (some with missed check-ins), registrations and rented dwellings, once")
    func demo() async throws {
        let fixture = try SecurityFixture()
        defer { fixture.close() }
        let communities = try [SecurityFixture.communityA, SecurityFixture.communityB].map { try CommunityCode($0) }
        #expect(try await DemoData.seed(into: fixture.database, communities: communities, cases: 6, floating: 30, now: fixture.now))
        #expect(try await !DemoData.seed(into: fixture.database, communities: communities, cases: 6, floating: 30, now: fixture.now))
        let counts = (try await fixture.count("cases"), try await fixture.count("floating_residents"))
        #expect(counts == (12, 60))
        #expect(try await fixture.count("rentals") > 0)
        let missed: Security.ListMissedCheckInsResponse = try await fixture.call(
            "ListMissedCheckIns", Security.ListMissedCheckInsRequest(communityCode: SecurityFixture.communityA))
        #expect(missed.cases.count == 2)  // every third case stopped reporting
    }

    @Test("the scale seed spreads unique registrations over communities and grids; the timing rows read as a table")
    func scaleSeed() async throws {
        let fixture = try SecurityFixture()
        defer { fixture.close() }
        let communities = try [SecurityFixture.communityA, SecurityFixture.communityB].map { try CommunityCode($0) }
        #expect(
            try await DemoData.seedFloatingPopulation(into: fixture.database, communities: communities, count: 3000, gridsPerCommunity: 8, now: fixture.now))
        let distinct = try await fixture.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT id_number) FROM floating_residents") }
        #expect(distinct == 3000)
        let grids = try await fixture.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT grid_code) FROM floating_residents") }
        #expect(grids == 16)
        let timings = try await HandlerTimings.measure(
            "GetFloatingResident", method: "GetFloatingResident", of: fixture.service, samples: 3,
            context: fixture.context("GetFloatingResident", as: .officer)
        ) {
            let record = try DemoData.floatingResident(index: 42, community: communities[0], grid: 1, now: fixture.now)
            return try Security.GetFloatingResidentRequest(idNumber: record.idNumber.rawValue).serializedBytes()
        }
        #expect(timings.microseconds.count == 3 && timings.microseconds.allSatisfy { $0 > 0 })
        #expect(timings.tableRow.hasPrefix("| GetFloatingResident | 3 | "))
        #expect(HandlerTimings.tableHeader("x").hasSuffix("|---|---|---|---|---|"))
    }
}
