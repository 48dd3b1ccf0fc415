import DepartmentKit
import Domain
import Foundation
import Logging
import SecurityKit
import Storage
import Synchronization
import TestSupport
import WindowContract
import WireClient
import WireProtocol
import WireRuntime

/// Who calls, in the security tests: a principal id, roles, grids (empty: no grid limit) and an
/// optional purpose of access.
struct Caller: Sendable {
    var id = "officer-1"
    var roles = "security"
    var grids: [String] = []
    var purpose: String?

    /// A security officer without a grid limit.
    static let officer = Caller()
    /// A window clerk.
    static let clerk = Caller(id: "clerk-1", roles: "clerk")

    /// A security officer limited to `grids`.
    static func officer(grids: [String], purpose: String? = nil) -> Caller {
        Caller(id: "officer-grid", roles: "security", grids: grids, purpose: purpose)
    }
}

/// The security office over a fresh temporary database, called in-process through its method
/// table (bytes in, bytes out, as the runtime does), with a clock the test moves.
final class SecurityFixture: Sendable {
    let directory: TemporaryDirectory
    let database: ServiceDatabase
    let service: ServiceDefinition
    private let clock: MovableClock
    let quiet: Logger
    static let communityA = "330902001001"
    static let communityB = "330902001002"
    /// The broker's registry as the office sees it here: the two demo communities and a third, 8 grids each.
    static let communities = [(communityA, 3200), (communityB, 2800), ("330902001003", 4100)].map { code, households in
        Window.Community(
            code: code, name: "社区 \(code.suffix(3))", households: UInt32(households),
            grids: (1...8).map { Window.Grid(code: code + String(format: "%03d", $0), communityCode: code, households: 400) })
    }
    static let registry = CommunityRegistryCache.fixed(communities)

    /// An instant in November 2026 (the tests read dates relative to it).
    static let start = Date(timeIntervalSince1970: 1_795_000_000)

    init(policy: SecurityPolicy = .init()) throws {
        directory = try TemporaryDirectory(prefix: "security")
        let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        self.quiet = quiet
        database = try ServiceDatabase(path: directory.file("security.sqlite"), migrations: SecurityMigrations.all, logger: quiet)
        let clock = MovableClock(Self.start)
        self.clock = clock
        service = SecurityOffice(
            database: database, policy: policy, registry: Self.registry, allCommunities: { _ in Self.communities }, logger: quiet, now: { clock.now }
        )
        .serviceDefinition()
    }

    var now: Date { clock.now }
    var today: LocalDate { LocalDate(now) }

    /// The context a call as `caller` runs with (kept, so a test can see what the call reported).
    func context(_ method: String, as caller: Caller, idempotencyKey: String? = nil) -> CallContext {
        var metadata = [MetadataKey.principalID: caller.id, MetadataKey.principalRoles: caller.roles]
        if !caller.grids.isEmpty { metadata[MetadataKey.gridScope] = caller.grids.joined(separator: ",") }
        if let purpose = caller.purpose { metadata[MetadataKey.purpose] = purpose }
        if let idempotencyKey { metadata[MetadataKey.idempotencyKey] = idempotencyKey }
        return CallContext(service: "security", method: method, metadata: metadata, logger: quiet)
    }

    /// Calls `method` within `context`.
    func call<Request: ProtoMessage, Response: ProtoMessage>(
        _ method: String, _ request: Request, as: Response.Type = Response.self, context: CallContext
    ) async throws -> Response {
        let reply = try await service.methods[method]!.handle(try request.serializedBytes(), context: context)
        return try Response(serializedBytes: reply)
    }

    /// Calls `method` as `caller` (default: a security officer without a grid limit).
    func call<Request: ProtoMessage, Response: ProtoMessage>(
        _ method: String, _ request: Request, as: Response.Type = Response.self, caller: Caller = .officer, idempotencyKey: String? = nil
    ) async throws -> Response {
        try await call(method, request, context: context(method, as: caller, idempotencyKey: idempotencyKey))
    }

    /// Rows in `table` (a fixed table name of the schema).
    func count(_ table: String) async throws -> Int {
        try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? -1 }
    }

    func close() {
        try? database.close()
        directory.remove()
    }
}

/// Valid resident ID numbers for the tests, independent of the machine's date.
enum Residents {
    static let today: LocalDate = { try! LocalDate(year: 2026, month: 1, day: 1) }()

    /// A valid, distinct ID number for every `index` (0...9999): district 330902, born 1985-03-02 on.
    static func idNumber(_ index: Int, division: String = "330902") throws -> String {
        let birth = try LocalDate(year: 1985, month: 3, day: 2).adding(days: index % 5000)
        return try ResidentIdentityNumber.make(divisionCode: division, birthDate: birth, sequence: 21 + index / 5000, today: today).rawValue
    }

    /// The grid `number` of `community` ("330902001001" + "003").
    static func grid(_ community: String = SecurityFixture.communityA, _ number: Int) -> String {
        community + String(format: "%03d", number)
    }
}

extension RPCError {
    /// The fields its violations name, in order.
    var fields: [String] { violations.map(\.field) }
}

extension Residents {
    /// `valid` with its check character replaced by a different, well-formed one.
    static func withWrongCheck(_ valid: String) -> String {
        String(valid.dropLast()) + (valid.last == "1" ? "2" : "1")
    }
}

/// The office's clock in these tests: a fixed instant, so dates in the tests are stable.
final class MovableClock: Sendable {
    private let instant: Mutex<Date>
    init(_ start: Date) { instant = Mutex(start) }
    var now: Date { instant.withLock { $0 } }
}
