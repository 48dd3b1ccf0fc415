import ArgumentParser
import DepartmentKit
import Domain
import EmploymentContract
import EmploymentKit
import Foundation
import Logging
import NIOCore
import Storage
import WireClient
import WireProtocol
import WireRuntime

/// `employment bench-store`: the scale check — with N job seekers in the database, how long
/// getting one seeker, listing a page of a grid, a community's status, a page of the promise
/// lists and matching seekers for a vacancy take inside the service (request bytes in, handler,
/// SQLite, response bytes out; no network).
struct BenchStore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-store",
        abstract:
            "Time GetJobSeeker, ListJobSeekers (a grid page), GetCommunityStatus, ListPromises (a page) and MatchSeekers inside the service with N seekers stored.",
        discussion: "Builds (or reuses) a database of N demo seekers in --db, then runs each call --samples times and prints p50/p99/mean in µs.")

    @Option(help: "Job seekers in the database (1…2000000).") var seekers = 1_000_000
    @Option(help: "Database file; reused if it already holds the seekers.") var db = "data/bench-employment.sqlite"
    @Option(help: "Grids per community (seekers spread over them).") var grids = 400
    @Option(help: "Calls of each kind to time.") var samples = 5000
    @Option(help: "Page size of the grid listing.") var pageSize = 50
    @Option(name: .customLong("community"), help: EmploymentCommand.communityHelp) var communities: [String] = []

    func validate() throws {
        guard (1...2_000_000).contains(seekers) else { throw ValidationError("--seekers must be 1…2000000") }
        guard (1...999).contains(grids) else { throw ValidationError("--grids must be 1…999") }
        guard (1...1_000_000).contains(samples) else { throw ValidationError("--samples must be 1…1000000") }
        guard (1...500).contains(pageSize) else { throw ValidationError("--page-size must be 1…500") }
    }

    func run() async throws {
        let served = try (communities.isEmpty ? EmploymentCommand.demoCommunities : communities).map { try CommunityCode($0) }
        let database = try ServiceDatabase(
            path: db, migrations: EmploymentMigrations.all, logger: Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() }))
        defer { try? database.close() }
        let stored = try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM seekers") ?? 0 }
        if stored == 0 {
            let start = ContinuousClock.now
            try await DemoData.seed(into: database, communities: served, seekers: seekers, gridsPerCommunity: grids, withVacancies: false) { done in
                if done % 100_000 == 0 || done == seekers { print("  seeded \(done)/\(seekers)") }
            }
            print("seeded \(seekers) seekers in \(ContinuousClock.now - start)")
        } else {
            print("reusing \(db) with \(stored) seekers")
        }
        let total = try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM seekers") ?? 0 }
        if try await database.read({ db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM vacancies") ?? 0 }) == 0 {
            try await DemoData.seedVacancies(into: database, communities: served)
        }
        let vacancies = try await database.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM vacancies ORDER BY id") }
        let service = EmploymentOffice(
            database: database, registry: .fixed(communities: served, gridsPerCommunity: grids),
            logger: Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() })
        ).serviceDefinition()
        let context = CallContext(service: "employment", method: "bench", logger: Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() }))
        var rng = SystemRandomNumberGenerator()

        let get = service.methods["GetJobSeeker"]!
        var getTimes: [Double] = []
        for _ in 0..<samples {
            let payload = try Employment.GetJobSeekerRequest(seekerId: "S\(Int.random(in: 1...total, using: &rng))").serializedBytes()
            let start = ContinuousClock.now
            let reply = try await get.handle(payload, context: context)
            getTimes.append(HandlerTimings.microseconds(of: ContinuousClock.now - start))
            precondition(!reply.isEmpty)
        }

        let list = service.methods["ListJobSeekers"]!
        var listTimes: [Double] = []
        var rows = 0
        for _ in 0..<samples {
            let community = served[Int.random(in: 0..<served.count, using: &rng)]
            let grid = try GridCode(community: community, number: Int.random(in: 1...grids, using: &rng))
            let payload = try Employment.ListJobSeekersRequest(communityCode: community.rawValue, gridCode: grid.rawValue, pageSize: UInt32(pageSize))
                .serializedBytes()
            let start = ContinuousClock.now
            let reply = try await list.handle(payload, context: context)
            listTimes.append(HandlerTimings.microseconds(of: ContinuousClock.now - start))
            rows = try Employment.ListJobSeekersResponse(serializedBytes: reply).seekers.count
        }

        let status = service.methods["GetCommunityStatus"]!
        var statusTimes: [Double] = []
        for _ in 0..<samples {
            let community = served[Int.random(in: 0..<served.count, using: &rng)]
            let payload = try Employment.CommunityStatusRequest(communityCode: community.rawValue).serializedBytes()
            let start = ContinuousClock.now
            let reply = try await status.handle(payload, context: context)
            statusTimes.append(HandlerTimings.microseconds(of: ContinuousClock.now - start))
            precondition(!reply.isEmpty)
        }

        // the first page of both promise lists, then the next page of the broken list
        let promises = service.methods["ListPromises"]!
        var promiseTimes: [Double] = [], nextTimes: [Double] = []
        var promiseRows = 0, brokenTotal: UInt32 = 0
        for _ in 0..<samples {
            let community = served[Int.random(in: 0..<served.count, using: &rng)].rawValue
            let payload = try Employment.ListPromisesRequest(communityCode: community, pageSize: UInt32(pageSize)).serializedBytes()
            var start = ContinuousClock.now
            let first = try Employment.ListPromisesResponse(serializedBytes: try await promises.handle(payload, context: context))
            promiseTimes.append(HandlerTimings.microseconds(of: ContinuousClock.now - start))
            promiseRows = first.atRisk.count + first.broken.count
            brokenTotal = first.brokenCount
            guard !first.brokenNextPageToken.isEmpty else { continue }
            let next = try Employment.ListPromisesRequest(
                communityCode: community, list: .broken, pageSize: UInt32(pageSize), pageToken: first.brokenNextPageToken
            ).serializedBytes()
            start = ContinuousClock.now
            _ = try await promises.handle(next, context: context)
            nextTimes.append(HandlerTimings.microseconds(of: ContinuousClock.now - start))
        }

        let match = service.methods["MatchSeekers"]!
        var matchTimes: [Double] = []
        var matched = 0
        for _ in 0..<samples {
            let vacancy = vacancies[Int.random(in: 0..<vacancies.count, using: &rng)]
            let payload = try Employment.MatchSeekersRequest(vacancyId: "V\(vacancy)", limit: 20).serializedBytes()
            let start = ContinuousClock.now
            let reply = try await match.handle(payload, context: context)
            matchTimes.append(HandlerTimings.microseconds(of: ContinuousClock.now - start))
            matched = try Employment.MatchSeekersResponse(serializedBytes: reply).matches.count
        }
        print("")
        print(HandlerTimings.tableHeader("with \(total) job seekers"))
        print(HandlerTimings(label: "GetJobSeeker (by id)", microseconds: getTimes).tableRow)
        print(HandlerTimings(label: "ListJobSeekers (grid page of \(rows))", microseconds: listTimes).tableRow)
        print(HandlerTimings(label: "GetCommunityStatus", microseconds: statusTimes).tableRow)
        print(
            HandlerTimings(label: "ListPromises (first page of both lists, \(promiseRows) rows of \(brokenTotal) broken)", microseconds: promiseTimes).tableRow)
        if !nextTimes.isEmpty { print(HandlerTimings(label: "ListPromises (next page of the broken list)", microseconds: nextTimes).tableRow) }
        print(HandlerTimings(label: "MatchSeekers (\(matched) of \(vacancies.count) vacancies' candidates)", microseconds: matchTimes).tableRow)
    }
}
