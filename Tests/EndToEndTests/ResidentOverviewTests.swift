import EmploymentContract
import NIOCore
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

    /// The stack with principals, the employment office, and one registered seeker; runs `body`
    /// with a connection, the seeker's ID number and the employment process.
    func withOffice(_ body: (RunningStack, WireConnection, String, ManagedProcess) async throws -> Void) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let principals = try Roles.principalsFile(in: directory)
        try await withRunningStack(brokerArguments: ["--principals", principals], token: Roles.token("admin")) { stack in
            try await Self.waitForComposition(stack)
            let employment = try await stack.startService(
                executable: "employment", service: "employment", instanceID: "employment-overview",
                arguments: ["--db", stack.directory.file("employment.sqlite"), "--credential", Roles.credential("employment")])
            let connection = try await stack.connect()
            let idNumber = EmploymentEndToEndTests.idNumber(day: 21)
            _ = try await Employment.EmploymentClient(connection).registerJobSeeker(
                Employment.RegisterJobSeekerRequest(
                    idNumber: idNumber, name: "李四", communityCode: "330902001001", gridCode: "330902001001002", category: .unemployed,
                    skills: ["driving"], acceptsPromise: true),
                metadata: Self.metadata("employment"))
            try await body(stack, connection, idNumber, employment)
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

    @Test("a clerk's overview shows employment's record; an unknown resident is NO_RECORD; the office saw the clerk, the audit log says so")
    func found() async throws {
        try await withOffice { stack, connection, idNumber, _ in
            let reply = try await overview(connection, idNumber, as: "clerk")
            #expect(reply.idNumberMasked == String(idNumber.prefix(6)) + "********" + String(idNumber.suffix(4)))
            let part = try #require(reply.offices.first { $0.office == "employment" })
            #expect(part.answer == .found, "\(part)")
            #expect(part.lines.contains(Window.OverviewLine(label: "状态", value: "待业")))
            #expect(part.lines.contains(Window.OverviewLine(label: "48小时承诺", value: "是")))

            let unknown = try await overview(connection, EmploymentEndToEndTests.idNumber(day: 22), as: "clerk")
            #expect(unknown.offices.first { $0.office == "employment" }?.answer == .noRecord)

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

    @Test("an office that is down shows UNAVAILABLE within the deadline, never as no record")
    func officeDown() async throws {
        try await withOffice { stack, connection, idNumber, employment in
            employment.kill9()
            try await waitUntil("the broker to drop the killed office", timeout: .seconds(30)) {
                try await stack.instances(of: "employment").isEmpty
            }
            let started = ContinuousClock.now
            let reply = try await overview(connection, idNumber, as: "clerk", deadline: .seconds(3))
            #expect(ContinuousClock.now - started < .seconds(3))
            let part = try #require(reply.offices.first { $0.office == "employment" })
            #expect(part.answer == .unavailable && part.status == "UNAVAILABLE", "\(part)")
        }
    }

    @Test("a caller the office refuses sees REFUSED for that office; roles outside the overview's are PERMISSION_DENIED")
    func refused() async throws {
        try await withOffice { _, connection, idNumber, _ in
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
