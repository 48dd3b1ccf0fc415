import ArgumentParser
import DepartmentKit
import Domain
import Foundation
import HealthContract
import HealthKit
import Logging
import Storage
import WindowContract
import WireProtocol
import WireRuntime

/// `health bench-store`: the scale check — with N health records (about 30% of them enrolled in a
/// chronic disease programme), how long reading one record and the overdue list of one grid (a
/// page) take inside the service.
struct BenchStore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-store",
        abstract: "Time GetHealthRecord and ListOverdueFollowUps (a grid page) inside the service with N records stored.",
        discussion: """
            Builds (or reuses) a database of N demo records in --db (every second resident aged 35 or more
            enrolled in hypertension or diabetes), then runs each call --samples times as health staff
            and prints p50/p99/mean in µs.
              health bench-store --records 1000000 --db /tmp/bench-health.sqlite
            """)

    @Option(help: "Health records in the database (1…2000000).") var records = 1_000_000
    @Option(help: "Database file; reused if it already holds records.") var db = "data/bench-health.sqlite"
    @Option(help: "Grids per community (records spread over them).") var grids = 400
    @Option(help: "Calls of each kind to time.") var samples = 5000
    @Option(help: "Page size of the overdue list.") var pageSize = 50

    static let communities = ["330902001001", "330902001002"]

    func validate() throws {
        guard (1...2_000_000).contains(records) else { throw ValidationError("--records must be 1…2000000") }
        guard (1...999).contains(grids) else { throw ValidationError("--grids must be 1…999") }
        guard (1...1_000_000).contains(samples) else { throw ValidationError("--samples must be 1…1000000") }
        guard (1...500).contains(pageSize) else { throw ValidationError("--page-size must be 1…500") }
    }

    func run() async throws {
        let quiet = Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() })
        let served = try Self.communities.map { try CommunityCode($0) }
        let database = try ServiceDatabase(path: db, migrations: HealthMigrations.all, logger: quiet)
        defer { try? database.close() }
        let start = ContinuousClock.now
        let seeded = try await DemoData.seed(
            into: database, communities: served, records: records, gridsPerCommunity: grids, enrolEvery: 2, withServices: false
        ) { done in
            if done % 100_000 == 0 { print("  seeded \(done)/\(records)") }
        }
        if seeded { print("seeded \(records) records in \(ContinuousClock.now - start)") }
        let (total, enrolled) = try await database.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM records") ?? 0, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM enrolments") ?? 0)
        }
        // The registry as the broker would give it: both communities with their grids.
        let registry = CommunityRegistryCache.fixed(
            served.map { community in
                Window.Community(
                    code: community.rawValue, population: UInt32(total / served.count),
                    grids: (1...grids).map { Window.Grid(code: community.rawValue + String(format: "%03d", $0), communityCode: community.rawValue) })
            })
        let office = HealthOffice(database: database, registry: registry, logger: quiet)
        let staff = [MetadataKey.principalID: "bench", MetadataKey.principalRoles: "health"]
        let context = CallContext(service: "health", method: "bench", metadata: staff, logger: quiet)
        let service = office.serviceDefinition()
        var rng = SystemRandomNumberGenerator()
        let get = try await HandlerTimings.measure(
            "GetHealthRecord (by id, health staff)", method: "GetHealthRecord", of: service, samples: samples, context: context
        ) {
            try Health.GetHealthRecordRequest(recordId: "H\(Int.random(in: 1...total, using: &rng))").serializedBytes()
        }
        var rows = 0
        let overdue = try await HandlerTimings.measure(
            "ListOverdueFollowUps", method: "ListOverdueFollowUps", of: service, samples: samples, context: context
        ) {
            let community = served[Int.random(in: 0..<served.count, using: &rng)]
            let grid = try GridCode(community: community, number: Int.random(in: 1...grids, using: &rng))
            return try Health.ListOverdueFollowUpsRequest(communityCode: community.rawValue, gridCode: grid.rawValue, pageSize: UInt32(pageSize))
                .serializedBytes()
        } check: { reply in
            rows = try Health.ListOverdueFollowUpsResponse(serializedBytes: reply).overdue.count
        }
        print("")
        print(HandlerTimings.tableHeader("with \(total) health records, \(enrolled) enrolled"))
        print(get.tableRow)
        print(HandlerTimings(label: "ListOverdueFollowUps (grid page of \(rows))", microseconds: overdue.microseconds).tableRow)
    }
}
