import DepartmentKit
import Domain
import EmploymentKit
import Foundation
import Logging
import Storage
import TestSupport
import WindowContract
import WireClient
import WireProtocol
import WireRuntime

/// The employment service over a fresh temporary database, called in-process through its
/// method table (bytes in, bytes out, as the runtime does), with a clock the test moves.
final class EmploymentFixture: Sendable {
    let directory: TemporaryDirectory
    let database: ServiceDatabase
    let service: ServiceDefinition
    let clock: TestClock
    /// Discards the handlers' logs (also the per-call logger, so test output stays readable).
    let quiet: Logger
    static let communityA = "330902001001"
    static let communityB = "330902001002"
    /// The broker's registry as the office sees it in these tests: the two demo communities, 8 grids each.
    static let registry = CommunityRegistryCache.fixed(
        [(communityA, "海滨社区"), (communityB, "城东社区")].map { code, name in
            Window.Community(
                code: code, name: name,
                grids: (1...8).map { number in
                    Window.Grid(code: code + String(format: "%03d", number), communityCode: code, households: 400)
                })
        })

    init(policy: EmploymentPolicy = .init()) async throws {
        directory = try TemporaryDirectory(prefix: "employment")
        let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        self.quiet = quiet
        database = try ServiceDatabase(path: directory.file("employment.sqlite"), migrations: EmploymentMigrations.all, logger: quiet)
        let clock = TestClock(Date(timeIntervalSince1970: 1_795_000_000))
        self.clock = clock
        service = EmploymentOffice(database: database, policy: policy, registry: Self.registry, logger: quiet, now: { clock.now }).serviceDefinition()
    }

    /// Calls a method as `principal` with `roles` (default: "tester", employment staff, who see
    /// full identities).
    func call<Request: ProtoMessage, Response: ProtoMessage>(
        _ method: String, _ request: Request, as: Response.Type = Response.self, principal: String = "tester", roles: String = "employment",
        idempotencyKey: String? = nil
    ) async throws -> Response {
        var metadata = [MetadataKey.principalID: principal, MetadataKey.principalRoles: roles]
        if let idempotencyKey { metadata[MetadataKey.idempotencyKey] = idempotencyKey }
        let context = CallContext(service: "employment", method: method, metadata: metadata, logger: quiet)
        let reply = try await service.methods[method]!.handle(try request.serializedBytes(), context: context)
        return try Response(serializedBytes: reply)
    }

    func close() {
        try? database.close()
        directory.remove()
    }
}

/// A clock tests set and advance.
final class TestClock: Sendable {
    private let value: Collector<Date>
    init(_ start: Date) {
        value = Collector()
        value.append(start)
    }
    var now: Date { value.values.last! }
    func advance(hours: Double) { value.append(now.addingTimeInterval(hours * 3600)) }
}
