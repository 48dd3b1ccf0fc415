import AssistanceContract
import DepartmentKit
import Domain
import Foundation
import GRDB
import Logging
import Storage
import Synchronization
import TestSupport
import Testing
import WindowContract
import WireClient
import WireProtocol
import WireRuntime

@testable import AssistanceKit

/// The assistance office over a fresh temporary database, called in-process through its method
/// table (bytes in, bytes out, as the runtime does), with a clock the test moves.
final class AssistanceFixture: Sendable {
    let directory: TemporaryDirectory
    let database: ServiceDatabase
    let office: AssistanceOffice
    let service: ServiceDefinition
    let clock: TestClock
    let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
    static let communityA = "330902001001"
    static let communityB = "330902001002"
    /// The broker's registry as the office sees it: the two demo communities, 8 grids each.
    static let registry = CommunityRegistryCache.fixed(
        [(communityA, "海滨社区"), (communityB, "城东社区")].map { code, name in
            Window.Community(
                code: code, name: name, households: 3200, population: 8650,
                grids: (1...8).map { Window.Grid(code: code + String(format: "%03d", $0), communityCode: code, households: 400) })
        })
    /// 2026-11-02 10:00 in Shanghai.
    static let start = (try! LocalDate(year: 2026, month: 11, day: 2)).startOfDay().addingTimeInterval(10 * 3600)

    init(policy: AssistancePolicy = .init()) throws {
        directory = try TemporaryDirectory(prefix: "assistance")
        database = try ServiceDatabase(path: directory.file("assistance.sqlite"), migrations: AssistanceMigrations.all, logger: quiet)
        let clock = TestClock(Self.start)
        self.clock = clock
        office = AssistanceOffice(database: database, policy: policy, registry: Self.registry, logger: quiet, now: { clock.now })
        service = office.serviceDefinition()
    }

    var today: LocalDate { LocalDate(clock.now) }

    /// Moves the clock `days` days on.
    func advance(days: Int) { clock.set(clock.now.addingTimeInterval(Double(days) * 86_400)) }

    /// Sets the clock to 10:00 on `date` (Shanghai).
    func set(_ date: String) throws { clock.set(try LocalDate(iso: date).startOfDay().addingTimeInterval(10 * 3600)) }

    /// Calls a method as `principal` with `roles` (default: office staff, who see everything);
    /// returns the reply and the residents the call reported for the audit log.
    func callReporting<Request: ProtoMessage, Response: ProtoMessage>(
        _ method: String, _ request: Request, as: Response.Type = Response.self, principal: String = "staff-1", roles: String = "assistance",
        gridScope: String? = nil, idempotencyKey: String? = nil
    ) async throws -> (Response, [String]) {
        var metadata = [MetadataKey.principalID: principal, MetadataKey.principalRoles: roles]
        if let gridScope { metadata[MetadataKey.gridScope] = gridScope }
        if let idempotencyKey { metadata[MetadataKey.idempotencyKey] = idempotencyKey }
        let context = CallContext(service: "assistance", method: method, metadata: metadata, logger: quiet)
        let handler = try #require(service.methods[method], "no method \(method)")
        let reply = try await handler.handle(try request.serializedBytes(), context: context)
        return (try Response(serializedBytes: reply), context.residents.reported)
    }

    func call<Request: ProtoMessage, Response: ProtoMessage>(
        _ method: String, _ request: Request, as: Response.Type = Response.self, principal: String = "staff-1", roles: String = "assistance",
        gridScope: String? = nil, idempotencyKey: String? = nil
    ) async throws -> Response {
        try await callReporting(method, request, principal: principal, roles: roles, gridScope: gridScope, idempotencyKey: idempotencyKey).0
    }

    /// Rows in `table` (a fixed table name of the schema).
    func count(_ table: String, where condition: String = "1") async throws -> Int {
        try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table) WHERE \(condition)") ?? -1 }
    }

    func close() {
        try? database.close()
        directory.remove()
    }
}

/// A clock tests set and move.
final class TestClock: Sendable {
    private let value: Mutex<Date>
    init(_ start: Date) { value = Mutex(start) }
    var now: Date { value.withLock { $0 } }
    func set(_ date: Date) { value.withLock { $0 = date } }
}
