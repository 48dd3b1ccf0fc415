import AssistanceContract
import EmploymentContract
import HealthContract
import NIOCore
import SecurityContract
import TestSupport
import Testing
import WindowContract
import WireClient
import WireProtocol

/// The resident overview (一人一档): the broker's composition module asks every office at once, on
/// behalf of the caller, through the same routing, access control and audit as any call.
@Suite("End to end: the resident overview composed by the window", .serialized)
struct ResidentOverviewTests {
    typealias Roles = TrustBoundaryTests

    static func metadata(_ role: String) -> [String: String] { [MetadataKey.authorization: "Bearer \(Roles.token(role))"] }

    static let offices = ["employment", "assistance", "health", "security"]

    /// The stack with principals, all four offices, and one resident known to each of them (a job
    /// seeker, a household member, a health record, a floating-population registration); runs
    /// `body` with a connection, the resident's ID number and the offices' processes by name.
    func withOffices(_ body: (RunningStack, WireConnection, String, [String: ManagedProcess]) async throws -> Void) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let principals = try Roles.principalsFile(in: directory)
        try await withRunningStack(brokerArguments: ["--principals", principals], token: Roles.token("admin")) { stack in
            try await Self.waitForComposition(stack)
            var processes: [String: ManagedProcess] = [:]
            for office in Self.offices {
                processes[office] = try await stack.startService(
                    executable: office, service: office, instanceID: "\(office)-overview",
                    arguments: ["--db", stack.directory.file("\(office).sqlite"), "--credential", Roles.credential(office)])
            }
            let connection = try await stack.connect()
            let idNumber = EmploymentEndToEndTests.idNumber(day: 21)
            let (community, grid) = ("330902001001", "330902001001002")
            _ = try await Employment.EmploymentClient(connection).registerJobSeeker(
                Employment.RegisterJobSeekerRequest(
                    idNumber: idNumber, name: "李四", communityCode: community, gridCode: grid, category: .unemployed, skills: ["driving"],
                    acceptsPromise: true),
                metadata: Self.metadata("employment"))
            _ = try await Assistance.AssistanceClient(connection).registerHousehold(
                Assistance.RegisterHouseholdRequest(
                    communityCode: community, gridCode: grid, address: "海滨路 8 号",
                    members: [
                        Assistance.Member(idNumber: idNumber, name: "李四", relation: "户主", monthlyIncomeFen: 60_000, workCapacity: .fullWorkCapacity, head: true)
                    ]),
                metadata: Self.metadata("assistance"))
            _ = try await Health.HealthClient(connection).createHealthRecord(
                Health.CreateHealthRecordRequest(
                    idNumber: idNumber, name: "李四", communityCode: community, gridCode: grid, residence: .floating, chronicallyIll: true,
                    conditions: ["高血压"]),
                metadata: Self.metadata("health"))
            _ = try await Security.SecurityClient(connection).registerArrival(
                Security.RegisterArrivalRequest(
                    idNumber: idNumber, name: "李四", communityCode: community, gridCode: grid, address: "海滨路 8 号", landlord: "王五",
                    arrivalDate: "2026-01-10", expectedStayDays: 365, phone: "13800138000"),
                metadata: Self.metadata("security"))
            try await body(stack, connection, idNumber, processes)
            await connection.close()
        }
    }

    /// The composition module registers itself with its broker just after the broker starts.
    static func waitForComposition(_ stack: RunningStack) async throws {
        try await stack.waitForInstance("window-composition", of: "window", "the composition module to register") { _ in true }
    }

    func overview(_ connection: WireConnection, _ idNumber: String, as role: String, deadline: TimeAmount = .seconds(10)) async throws
        -> Window.GetResidentOverviewResponse
    {
        try await Window.WindowCompositionClient(connection).getResidentOverview(
            Window.GetResidentOverviewRequest(idNumber: idNumber), deadline: deadline, metadata: Self.metadata(role))
    }

    @Test("a clerk's overview: all four offices answer, each showing what a clerk may see; an unknown resident is NO_RECORD everywhere; audited as the clerk's")
    func found() async throws {
        try await withOffices { stack, connection, idNumber, _ in
            let reply = try await overview(connection, idNumber, as: "clerk")
            #expect(reply.idNumberMasked == String(idNumber.prefix(6)) + "********" + String(idNumber.suffix(4)))
            #expect(reply.offices.map(\.office) == Self.offices)
            #expect(reply.offices.allSatisfy { $0.answer == .found }, "\(reply.offices)")
            let part = try #require(reply.offices.first { $0.office == "employment" })
            #expect(part.lines.contains(Window.OverviewLine(label: "状态", value: "待业")))
            #expect(part.lines.contains(Window.OverviewLine(label: "48小时承诺", value: "是")))
            // A clerk sees a health record's priority groups, not its conditions; nor a household's means.
            let health = try #require(reply.offices.first { $0.office == "health" })
            #expect(health.lines.contains(Window.OverviewLine(label: "重点人群", value: "育龄妇女、慢性病人")))  // a woman of 46
            #expect(!health.lines.contains { $0.label == "疾病" })
            #expect(!(reply.offices.first { $0.office == "assistance" }?.lines.contains { $0.label == "人均月收入" } ?? true))
            // Health staff see the conditions (the office renders its part for the caller's roles).
            let staff = try await overview(connection, idNumber, as: "health")
            #expect(staff.offices.first { $0.office == "health" }?.lines.contains(Window.OverviewLine(label: "疾病", value: "高血压")) == true)

            let unknown = try await overview(connection, EmploymentEndToEndTests.idNumber(day: 22), as: "clerk")
            #expect(unknown.offices.allSatisfy { $0.answer == .noRecord }, "\(unknown.offices)")

            // Composed on the clerk's behalf: the office's call is recorded with the composition as
            // principal for clerk-01, and the overview itself is in the resident's access log.
            var composed: [Window.AuditEntry] = []
            try await waitUntil("the composed calls to be in the audit log", timeout: .seconds(30)) {
                let actions = try await Window.WindowClient(connection).listPrincipalActions(
                    Window.ListPrincipalActionsRequest(principal: "clerk-01"), metadata: Self.metadata("auditor"))
                composed = actions.entries.filter { $0.service == "employment" && $0.method == "GetJobSeeker" }
                return composed.count == 2 && actions.entries.contains { $0.method == "GetResidentOverview" }
            }
            #expect(composed.allSatisfy { $0.principal == "service:window" && $0.onBehalfOf == "clerk-01" })
            let accesses = try await Window.WindowClient(connection).listResidentAccesses(
                Window.ListResidentAccessesRequest(idNumber: idNumber), metadata: Self.metadata("auditor"))
            #expect(accesses.entries.contains { $0.method == "GetResidentOverview" && $0.principal == "clerk-01" })
            #expect(accesses.entries.contains { $0.method == "GetJobSeeker" && $0.onBehalfOf == "clerk-01" })
        }
    }

    @Test("an office that is down shows UNAVAILABLE within the deadline, never as no record; one that hangs shows TIMED_OUT; the others still answer")
    func officeDown() async throws {
        try await withOffices { stack, connection, idNumber, processes in
            try #require(processes["health"]).kill9()
            try await waitUntil("the broker to drop the killed office", timeout: .seconds(30)) {
                try await stack.instances(of: "health").isEmpty
            }
            // A hung office (stopped, not dead) answers nothing: the overview stops waiting for it.
            try #require(processes["security"]).suspend()
            let started = ContinuousClock.now
            let reply = try await overview(connection, idNumber, as: "clerk", deadline: .seconds(3))
            #expect(ContinuousClock.now - started < .seconds(3))
            let answers = Dictionary(uniqueKeysWithValues: reply.offices.map { ($0.office, $0.answer) })
            #expect(answers == ["employment": .found, "assistance": .found, "health": .unavailable, "security": .timedOut], "\(reply.offices)")
            #expect(reply.offices.first { $0.office == "health" }?.status == "UNAVAILABLE")
            try #require(processes["security"]).resume()
        }
    }

    @Test("a caller the office refuses sees REFUSED for that office; roles outside the overview's are PERMISSION_DENIED")
    func refused() async throws {
        try await withOffices { _, connection, idNumber, _ in
            // Health staff may ask for an overview, but employment does not show them its seekers.
            let reply = try await overview(connection, idNumber, as: "health")
            #expect(reply.offices.first { $0.office == "employment" }?.answer == .refused)
            await #expect(throws: RPCError.self) { _ = try await overview(connection, idNumber, as: "auditor") }
            do {
                _ = try await overview(connection, "330902198005211234", as: "clerk")
                Issue.record("a malformed ID number was accepted")
            } catch let error as RPCError {
                #expect(error.code == .invalidArgument && error.message.contains("id_number"))
            }
        }
    }

    @Test("nobody but the broker's own composition module may register service window")
    func windowIsTheBrokers() async throws {
        try await withRunningStack { stack in
            try await Self.waitForComposition(stack)
            let connection = try await stack.connect()
            let register = Wire.RegisterRequest(
                service: "window", instanceId: "impostor",
                methods: [
                    Wire.MethodDescriptor(
                        name: "GetResidentOverview", requestType: "window.GetResidentOverviewRequest", responseType: "window.GetResidentOverviewResponse")
                ])
            let frame = Wire.Frame(kind: .register, service: "window", payload: try register.serializedBytes())
            let reply = try await connection.call(frame, timeout: .seconds(10))
            #expect(reply.status?.code == .permissionDenied, "\(String(describing: reply.status))")
            #expect(try await stack.instances(of: "window") == ["window-composition"])
            await connection.close()
        }
    }
}
