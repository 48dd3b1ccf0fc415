import ArgumentParser
import DepartmentKit
import Domain
import Foundation
import Logging
import SecurityContract
import SecurityKit
import Storage
import WireRuntime

/// `security bench-store`: the scale check — with N floating-population registrations stored, how
/// long a lookup by ID number and a grid page take inside the service.
struct BenchStore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-store",
        abstract: "Time GetFloatingResident (by ID number) and ListFloatingResidents (a grid page) with N registrations stored.",
        discussion: """
            Builds (or reuses) a database of N demo registrations in --db, then runs each call --samples times
            and prints p50/p99/mean in µs as a Markdown table.
              security bench-store --registrations 1000000 --db data/bench-security.sqlite
            """)

    @Option(help: "Floating-population registrations in the database (1…2000000).") var registrations = 1_000_000
    @Option(help: "Database file; reused if it already holds registrations.") var db = "data/bench-security.sqlite"
    @Option(help: "Grids per community (registrations spread over them).") var grids = 400
    @Option(help: "Calls of each kind to time.") var samples = 5000
    @Option(help: "Page size of the grid listing.") var pageSize = 50

    func validate() throws {
        guard (1...2_000_000).contains(registrations) else { throw ValidationError("--registrations must be 1…2000000") }
        guard (1...999).contains(grids) else { throw ValidationError("--grids must be 1…999") }
        guard (1...1_000_000).contains(samples) else { throw ValidationError("--samples must be 1…1000000") }
        guard (1...500).contains(pageSize) else { throw ValidationError("--page-size must be 1…500") }
    }

    func run() async throws {
        let communities = try SecurityCommand.demoCommunities.map { try CommunityCode($0) }
        let quiet = Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() })
        let database = try ServiceDatabase(path: db, migrations: SecurityMigrations.all, logger: quiet)
        defer { try? database.close() }
        let start = ContinuousClock.now
        let target = registrations
        if try await DemoData.seedFloatingPopulation(
            into: database, communities: communities, count: registrations, gridsPerCommunity: grids,
            progress: { done in if done % 100_000 == 0 || done == target { print("  seeded \(done)/\(target)") } })
        {
            print("seeded \(registrations) registrations in \(ContinuousClock.now - start)")
        }
        let total = try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM floating_residents") ?? 0 }
        let service = SecurityOffice(database: database, logger: quiet).serviceDefinition()
        let context = CallContext(service: "security", method: "bench", metadata: ["x-principal-id": "bench", "x-principal-roles": "security"], logger: quiet)
        var rng = SystemRandomNumberGenerator()
        let now = Date()
        let lookup = try await HandlerTimings.measure(
            "GetFloatingResident (by ID number)", method: "GetFloatingResident", of: service, samples: samples, context: context
        ) {
            let i = Int.random(in: 0..<total, using: &rng)
            let record = try DemoData.floatingResident(index: i, community: communities[i % communities.count], grid: 1, now: now)
            return try Security.GetFloatingResidentRequest(idNumber: record.idNumber.rawValue).serializedBytes()
        }
        let page = try await HandlerTimings.measure(
            "ListFloatingResidents (grid page of \(pageSize))", method: "ListFloatingResidents", of: service, samples: samples, context: context
        ) {
            let community = communities[Int.random(in: 0..<communities.count, using: &rng)]
            let grid = try GridCode(community: community, number: Int.random(in: 1...grids, using: &rng))
            return try Security.ListFloatingResidentsRequest(communityCode: community.rawValue, gridCode: grid.rawValue, pageSize: UInt32(pageSize))
                .serializedBytes()
        }
        print("")
        print(HandlerTimings.tableHeader("with \(total) registrations"))
        print(lookup.tableRow)
        print(page.tableRow)
    }
}
