import ArgumentParser
import AssistanceContract
import AssistanceKit
import DepartmentKit
import Domain
import Foundation
import Logging
import Storage
import WireProtocol
import WireRuntime

/// `assistance bench`: the scale check of the issue — with N households stored, how long a month's
/// payment run over the active ones takes, and how long reading one household and a page of a
/// community's public notice take inside the service (request bytes in, handler, SQLite, reply
/// bytes out; no network).
struct BenchOffice: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time the payment run, GetHousehold and a ListPublicNotice page inside the service with N households stored.",
        discussion: """
            Builds (or reuses) a database of N demo households in --db (7 in 10 with an active case,
            1 in 10 on public notice), runs the current month's payments from scratch and times it,
            then times --samples calls of each read and prints p50/p99/mean in µs.
              assistance bench --households 143000      (about 100,000 active households)
              assistance bench --households 1000000 --db data/bench-1m.sqlite
            """)

    @Option(help: "Households in the database (1…2000000).") var households = 143_000
    @Option(help: "Database file; reused if it already holds households.") var db = "data/bench-assistance.sqlite"
    @Option(help: "Calls of each read to time.") var samples = 5000
    @Option(help: "Page size of the public notice.") var pageSize = 50
    @Flag(inversion: .prefixedNo, help: "Time the payment run (--no-payment-run: the reads only).") var paymentRun = true

    func validate() throws {
        guard (1...2_000_000).contains(households) else { throw ValidationError("--households must be 1…2000000") }
        guard (1...1_000_000).contains(samples) else { throw ValidationError("--samples must be 1…1000000") }
        guard (1...500).contains(pageSize) else { throw ValidationError("--page-size must be 1…500") }
    }

    func run() async throws {
        let quiet = Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() })
        let communities = try ["330902001001", "330902001002"].map { try CommunityCode($0) }
        let database = try ServiceDatabase(path: db, migrations: AssistanceMigrations.all, logger: quiet)
        defer { try? database.close() }
        let seedingStarted = ContinuousClock.now
        if try await DemoData.seed(into: database, communities: communities, households: households) {
            print("seeded \(households) households in \(ContinuousClock.now - seedingStarted)")
        }
        let (stored, active) = try await database.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM households") ?? 0,
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM cases WHERE state = ?", arguments: [Assistance.CaseState.active.rawValue]) ?? 0
            )
        }
        let office = AssistanceOffice(database: database, logger: quiet)
        let service = office.serviceDefinition()
        let context = CallContext(service: "assistance", method: "bench", metadata: [MetadataKey.principalRoles: "assistance"])

        if paymentRun { try await timePaymentRun(service, database, context: context, stored: stored, active: active) }

        var generator = SystemRandomNumberGenerator()
        let get = try await HandlerTimings.measure("GetHousehold (by id)", method: "GetHousehold", of: service, samples: samples, context: context) {
            try Assistance.GetHouseholdRequest(householdId: "H\(Int.random(in: 1...stored, using: &generator))").serializedBytes()
        }
        var rows = 0
        let notice = try await HandlerTimings.measure(
            "ListPublicNotice", method: "ListPublicNotice", of: service, samples: samples, context: context
        ) {
            try Assistance.ListPublicNoticeRequest(communityCode: communities.randomElement(using: &generator)!.rawValue, pageSize: UInt32(pageSize))
                .serializedBytes()
        } check: { reply in
            rows = try Assistance.ListPublicNoticeResponse(serializedBytes: reply).entries.count
        }
        print("")
        print(HandlerTimings.tableHeader("with \(stored) households"))
        print(get.tableRow)
        print(HandlerTimings(label: "ListPublicNotice (a page of \(rows))", microseconds: notice.microseconds).tableRow)
    }

    /// Runs this month's payments from scratch and prints how long it took.
    private func timePaymentRun(_ service: ServiceDefinition, _ database: ServiceDatabase, context: CallContext, stored: Int, active: Int) async throws {
        let month = LocalMonth(LocalDate.today())
        try await database.write { db in
            try db.execute(sql: "DELETE FROM payments WHERE month = ?", arguments: [month.description])
            try db.execute(sql: "DELETE FROM payment_runs WHERE month = ?", arguments: [month.description])
        }
        let runStarted = ContinuousClock.now
        let reply = try await service.methods["RunPayments"]!.handle(
            try Assistance.RunPaymentsRequest(month: month.description).serializedBytes(), context: context)
        let runTook = ContinuousClock.now - runStarted
        let run = try Assistance.PaymentRun(serializedBytes: reply)
        print("")
        print("| with \(stored) households, \(active) active | result |")
        print("|---|---|")
        print("| payment run \(month) | \(run.householdsPaid) paid, \(run.totalFen) fen, in \(runTook) |")
    }
}
