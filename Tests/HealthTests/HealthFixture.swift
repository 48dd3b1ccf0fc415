import DepartmentKit
import Domain
import Foundation
import HealthContract
import Logging
import Storage
import TestSupport
import WindowContract
import WireProtocol
import WireRuntime

@testable import HealthKit

/// Who a test call comes from: the metadata the broker would set for them.
struct Caller: Sendable {
    var id = "nurse-01"
    var roles = ["health"]
    var grids: [String] = []
    var purpose: String?
    var idempotencyKey: String?

    static let nurse = Caller()
    static let clerk = Caller(id: "clerk-01", roles: ["clerk"])
    static let admin = Caller(id: "admin-01", roles: ["admin"])
    static func gridWorker(_ grids: [String]) -> Caller { Caller(id: "grid-01", roles: ["grid-worker"], grids: grids) }
    static func nurse(grids: [String], purpose: String? = nil) -> Caller { Caller(id: "nurse-02", grids: grids, purpose: purpose) }

    var metadata: [String: String] {
        var metadata = [MetadataKey.principalID: id, MetadataKey.principalRoles: roles.joined(separator: ",")]
        if !grids.isEmpty { metadata[MetadataKey.gridScope] = grids.joined(separator: ",") }
        if let purpose { metadata[MetadataKey.purpose] = purpose }
        if let idempotencyKey { metadata[MetadataKey.idempotencyKey] = idempotencyKey }
        return metadata
    }
}

/// The health office over a fresh temporary database, called through its method table (bytes in,
/// bytes out, as the runtime calls it) on a clock the test sets; every call's context is kept so
/// a test can see what it reported to the audit.
final class HealthFixture: Sendable {
    static let communityA = "330902001001"
    static let communityB = "330902001002"
    /// The registry as the office sees it here: both demo communities, 4 grids each.
    static let registry = CommunityRegistryCache.fixed(
        [(communityA, 8650), (communityB, 52_000)].map { code, population in
            Window.Community(
                code: code, name: code, population: UInt32(population),
                grids: (1...4).map { Window.Grid(code: code + String(format: "%03d", $0), communityCode: code, households: 400) })
        })
    /// 2026-11-30 10:00 in Shanghai.
    static let start = Date(timeIntervalSince1970: 1_796_004_000)

    let directory: TemporaryDirectory
    let database: ServiceDatabase
    let service: ServiceDefinition
    let clock = Collector<Date>()
    let contexts = Collector<CallContext>()
    private let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    init(policy: HealthPolicy = .init()) throws {
        directory = try TemporaryDirectory(prefix: "health")
        database = try ServiceDatabase(path: directory.file("health.sqlite"), migrations: HealthMigrations.all, logger: quiet)
        clock.append(Self.start)
        let clock = clock
        service = HealthOffice(database: database, policy: policy, registry: Self.registry, logger: quiet, now: { clock.values.last! })
            .serviceDefinition()
    }

    var today: LocalDate { LocalDate(clock.values.last!) }

    func advance(days: Int) { clock.append(clock.values.last!.addingTimeInterval(Double(days) * 86_400)) }

    func call<Request: ProtoMessage, Response: ProtoMessage>(
        _ method: String, _ request: Request, as: Response.Type = Response.self, by caller: Caller = .nurse
    ) async throws -> Response {
        let context = CallContext(service: "health", method: method, metadata: caller.metadata, logger: quiet)
        contexts.append(context)
        let reply = try await service.methods[method]!.handle(try request.serializedBytes(), context: context)
        return try Response(serializedBytes: reply)
    }

    /// The context of the latest call.
    var lastContext: CallContext { contexts.values.last! }

    func count(_ table: String) async throws -> Int {
        try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? -1 }
    }

    deinit {
        try? database.close()
        directory.remove()
    }
}

/// Residents for the tests: valid ID numbers born on a given date, of a given sex.
enum Residents {
    /// A valid ID number of district 330902 born on `birth`; `female` picks an even sequence.
    static func idNumber(born birth: String, female: Bool = false, serial: Int = 0) throws -> String {
        try ResidentIdentityNumber.make(
            divisionCode: "330902", birthDate: try LocalDate(iso: birth), sequence: 10 + serial * 2 + (female ? 0 : 1),
            today: try LocalDate(iso: "2026-11-30")
        ).rawValue
    }

    static func grid(_ number: Int, in community: String = HealthFixture.communityA) -> String {
        community + String(format: "%03d", number)
    }
}

extension HealthFixture {
    func createRequest(
        _ idNumber: String, grid: Int = 1, community: String = HealthFixture.communityA, residence: Health.ResidenceKind = .registered,
        conditions: [String] = ["高血压"], notes: String = "BP high at intake", disabled: Bool = false, poor: Bool = false
    ) -> Health.CreateHealthRecordRequest {
        Health.CreateHealthRecordRequest(
            idNumber: idNumber, name: "王芳", communityCode: community, gridCode: Residents.grid(grid, in: community), residence: residence,
            disabled: disabled, poor: poor, conditions: conditions, notes: notes)
    }

    @discardableResult
    func create(_ idNumber: String, grid: Int = 1, community: String = HealthFixture.communityA, conditions: [String] = ["高血压"]) async throws
        -> Health.HealthRecord
    {
        try await call("CreateHealthRecord", createRequest(idNumber, grid: grid, community: community, conditions: conditions))
    }

    func enrol(_ recordID: String, programme: String = "hypertension", interval: UInt32 = 0, on date: String = "") async throws -> Health.Enrolment {
        try await call(
            "EnrollInProgramme", Health.EnrollInProgrammeRequest(recordId: recordID, programmeCode: programme, intervalDays: interval, enrolledOn: date))
    }

    func followUp(_ enrolmentID: String, on date: String, systolic: UInt32 = 0, diastolic: UInt32 = 0, glucose: UInt32 = 0) async throws
        -> Health.FollowUp
    {
        try await call(
            "RecordFollowUp",
            Health.RecordFollowUpRequest(enrolmentId: enrolmentID, date: date, systolicMmhg: systolic, diastolicMmhg: diastolic, glucoseTenths: glucose))
    }
}

extension RPCError {
    var fields: [String] { violations.map(\.field) }
}
