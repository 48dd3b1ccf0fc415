import Foundation
import HealthContract
import TestSupport
import Testing
import WindowContract
import WireClient
import WireProtocol

/// The health office through the broker, with principals: the real `broker`, `health` and
/// `window` executables over loopback. The same record asked for as a clerk and as health staff
/// gives different detail; health staff outside their grids must state a purpose.
@Suite("End to end: the health office through the broker", .serialized)
struct HealthEndToEndTests {
    static func token(_ who: String) -> String { "token-of-\(who)-0123456789" }
    static let credential = "credential-of-health-0123456789"
    static let community = "330902001001"
    static func grid(_ number: Int) -> String { community + String(format: "%03d", number) }

    /// A clerk, health staff without and with a grid scope, a grid worker, an auditor, and the
    /// health office's service credential.
    static func principalsFile(in directory: TemporaryDirectory) throws -> String {
        let people: [(String, String, [String])] = [
            ("clerk", "clerk", []), ("doctor", "health", []), ("nurse", "health", [grid(1)]), ("gridworker", "grid-worker", [grid(1)]),
            ("auditor", "auditor", []), ("admin", "admin", []),
        ]
        let entries =
            people.map { who, role, grids in
                #"{"token": "\#(token(who))", "id": "\#(who)-01", "roles": ["\#(role)"], "grid_scope": [\#(grids.map { "\"\($0)\"" }.joined(separator: ","))]}"#
            } + [#"{"token": "\#(credential)", "id": "svc-health", "services": ["health"]}"#]
        let path = directory.file("principals.json")
        try ("[" + entries.joined(separator: ",") + "]").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A valid ID number: district 330902, born 1950-01-`day` (an elderly resident), male.
    static func idNumber(day: Int) -> String {
        let first17 = "330902195001" + String(format: "%02d", day) + "013"
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(first17, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        return first17 + String(Array("10X98765432")[sum % 11])
    }

    /// `window --token … call health.METHOD --data JSON [more]`.
    func window(_ stack: RunningStack, as who: String, _ method: String, _ json: String, _ more: [String] = []) async throws -> ProgramResult {
        try await stack.window(["--token", Self.token(who), "call", "health.\(method)", "--data", json] + more)
    }

    /// The same, requiring success; the reply as JSON.
    func call(_ stack: RunningStack, as who: String, _ method: String, _ json: String, _ more: [String] = [], sourceLocation: SourceLocation = #_sourceLocation)
        async throws -> [String: Any]
    {
        let result = try await window(stack, as: who, method, json, more)
        #expect(result.status == 0, "\(method) as \(who): \(result.stderr)", sourceLocation: sourceLocation)
        return try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(method): \(result.stdout)", sourceLocation: sourceLocation)
    }

    @Test("a clerk sees that a record exists and its flags, health staff its conditions; outside their grid health staff need a purpose")
    func visibilityThroughTheBroker() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let principals = try Self.principalsFile(in: directory)
        try await withRunningStack(brokerArguments: ["--principals", principals], token: Self.token("admin")) { stack in
            _ = try await stack.startService(
                executable: "health", service: "health", instanceID: "health-e2e",
                arguments: ["--db", stack.directory.file("health.sqlite"), "--credential", Self.credential])
            let services = try await stack.window(["--token", Self.token("admin"), "services", "health"])
            #expect(services.stdout.split(separator: "\n").filter { $0.hasPrefix("  health.") && $0.contains(" returns ") }.count == 22, "\(services.stdout)")

            let resident = Self.idNumber(day: 15)
            let created = try await call(
                stack, as: "doctor", "CreateHealthRecord",
                #"{"idNumber": "\#(resident)", "name": "李建国", "communityCode": "\#(Self.community)", "gridCode": "\#(Self.grid(2))", "residence": "FLOATING", "conditions": ["高血压"], "notes": "家族史"}"#,
                ["--idempotency-key", "create-li"])
            let recordID = try #require(created["recordId"] as? String)

            // the clerk: the record exists, with its flags; no diagnosis, masked identity
            let byClerk = try await call(stack, as: "clerk", "GetHealthRecord", #"{"idNumber": "\#(resident)"}"#)
            #expect(byClerk["recordId"] as? String == recordID)
            #expect((byClerk["flags"] as? [String: Any])?["elderly"] as? Bool == true)
            #expect(byClerk["conditions"] == nil && byClerk["notes"] == nil && byClerk["clinicalDetailsShown"] == nil)
            #expect(byClerk["idNumber"] as? String == "330902********" + resident.suffix(4))
            // health staff: the same query gives the conditions
            let byDoctor = try await call(stack, as: "doctor", "GetHealthRecord", #"{"idNumber": "\#(resident)"}"#)
            #expect(byDoctor["conditions"] as? [String] == ["高血压"] && byDoctor["notes"] as? String == "家族史")
            #expect(byDoctor["idNumber"] as? String == resident)

            // a nurse of grid 1 reading a grid-2 record: refused without a purpose, read with one
            let refused = try await window(stack, as: "nurse", "GetHealthRecord", #"{"recordId": "\#(recordID)"}"#)
            #expect(refused.status == 17 && refused.stderr.contains("purpose"), "\(refused.stderr)")
            let glass = try await call(stack, as: "nurse", "GetHealthRecord", #"{"recordId": "\#(recordID)"}"#, ["--purpose", "急诊转诊"])
            #expect(glass["conditions"] as? [String] == ["高血压"])
            // a grid worker of grid 1 is refused, purpose or not
            let worker = try await window(stack, as: "gridworker", "GetHealthRecord", #"{"recordId": "\#(recordID)"}"#, ["--purpose", "visit"])
            #expect(worker.status == 17, "\(worker.stderr)")
            // the clerk may not write or see follow-ups at all (the broker refuses)
            let clerkWrite = try await window(stack, as: "clerk", "EnrollInProgramme", #"{"recordId": "\#(recordID)", "programmeCode": "hypertension"}"#)
            #expect(clerkWrite.status == 17, "\(clerkWrite.stderr)")

            // chronic disease follow-up as health staff
            let enrolment = try await call(
                stack, as: "doctor", "EnrollInProgramme", #"{"recordId": "\#(recordID)", "programmeCode": "hypertension", "enrolledOn": "2026-01-05"}"#)
            let enrolmentID = try #require(enrolment["enrolmentId"] as? String)
            let overdue = try await call(
                stack, as: "doctor", "ListOverdueFollowUps", #"{"communityCode": "\#(Self.community)", "gridCode": "\#(Self.grid(2))"}"#)
            #expect(((overdue["overdue"] as? [[String: Any]])?.first?["enrolment"] as? [String: Any])?["enrolmentId"] as? String == enrolmentID)
            let outOfRange = try await window(
                stack, as: "doctor", "RecordFollowUp", #"{"enrolmentId": "\#(enrolmentID)", "date": "2026-02-01", "systolicMmhg": 400, "diastolicMmhg": 80}"#)
            #expect(outOfRange.status == 13 && outOfRange.stderr.contains("systolic_mmhg"), "\(outOfRange.stderr)")

            // the audit log holds the reads of this resident, the break-the-glass one with its purpose
            let connection = try await stack.connect()
            let auditor = [MetadataKey.authorization: "Bearer \(Self.token("auditor"))"]
            var entries: [Window.AuditEntry] = []
            try await waitUntil("the audit log to hold the resident's health reads", timeout: .seconds(30)) {
                entries = try await Window.WindowClient(connection).listResidentAccesses(
                    Window.ListResidentAccessesRequest(idNumber: resident), metadata: auditor
                ).entries
                return entries.contains { $0.purpose == "急诊转诊" }
            }
            #expect(entries.contains { $0.method == "CreateHealthRecord" && $0.principal == "doctor-01" })
            #expect(entries.contains { $0.method == "GetHealthRecord" && $0.principal == "clerk-01" })
            #expect(entries.contains { $0.method == "GetHealthRecord" && $0.principal == "nurse-01" && $0.purpose == "急诊转诊" })
            // that read, and only it, is marked break-the-glass and listed for review
            #expect(entries.filter(\.breakTheGlass).map(\.principal) == ["nurse-01"])
            let review = try await Window.WindowClient(connection).listAccessesForReview(Window.ListAccessesForReviewRequest(), metadata: auditor)
            #expect(review.entries.map { "\($0.service).\($0.method) \($0.principal) \($0.purpose)" } == ["health.GetHealthRecord nurse-01 急诊转诊"])
            await connection.close()
        }
    }

    @Test("acknowledged writes survive kill -9: a record, an enrolment and a follow-up are there after a restart on the same --db")
    func durableAfterKill() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let principals = try Self.principalsFile(in: directory)
        try await withRunningStack(brokerArguments: ["--principals", principals], token: Self.token("admin")) { stack in
            let database = stack.directory.file("health.sqlite")
            let first = try await stack.startService(
                executable: "health", service: "health", instanceID: "health-crash-1", arguments: ["--db", database, "--credential", Self.credential])
            let resident = Self.idNumber(day: 20)
            let record = try await call(
                stack, as: "doctor", "CreateHealthRecord",
                #"{"idNumber": "\#(resident)", "name": "赵敏", "communityCode": "\#(Self.community)", "gridCode": "\#(Self.grid(1))", "residence": "REGISTERED", "conditions": ["2型糖尿病"]}"#
            )
            let recordID = try #require(record["recordId"] as? String)
            let enrolment = try await call(
                stack, as: "doctor", "EnrollInProgramme", #"{"recordId": "\#(recordID)", "programmeCode": "diabetes", "enrolledOn": "2026-01-05"}"#)
            let enrolmentID = try #require(enrolment["enrolmentId"] as? String)
            _ = try await call(stack, as: "doctor", "RecordFollowUp", #"{"enrolmentId": "\#(enrolmentID)", "date": "2026-03-01", "glucoseTenths": 62}"#)
            first.kill9()
            #expect(await first.waitForExit() != nil)
            try await stack.waitUntilGone("health-crash-1", of: "health")

            _ = try await stack.startService(
                executable: "health", service: "health", instanceID: "health-crash-2", arguments: ["--db", database, "--credential", Self.credential])
            let again = try await call(stack, as: "doctor", "GetHealthRecord", #"{"idNumber": "\#(resident)"}"#)
            #expect(again["recordId"] as? String == recordID && again["conditions"] as? [String] == ["2型糖尿病"])
            #expect((again["flags"] as? [String: Any])?["chronicallyIll"] as? Bool == true)
            let rate = try await call(stack, as: "doctor", "GetProgrammeControlRate", #"{"programmeCode": "diabetes", "communityCode": "\#(Self.community)"}"#)
            #expect((rate["followedUp"] as? NSNumber)?.intValue == 1 && (rate["controlled"] as? NSNumber)?.intValue == 1)
            let twice = try await window(
                stack, as: "doctor", "CreateHealthRecord",
                #"{"idNumber": "\#(resident)", "name": "赵敏", "communityCode": "\#(Self.community)", "gridCode": "\#(Self.grid(1))", "residence": "REGISTERED"}"#
            )
            #expect(twice.status == 16, "\(twice.stderr)")  // 10 + ALREADY_EXISTS
        }
    }

    /// Who may call each health method, written out from proto/health.proto: the broker must
    /// grant exactly this.
    static let desk: Set<String> = ["health", "clerk", "grid-worker"]
    static let roleTable: [String: Set<String>] = [
        "CreateHealthRecord": ["health", "clerk"], "UpdateHealthRecord": ["health"], "GetHealthRecord": desk, "ListHealthRecords": desk,
        "DefineProgramme": ["health"], "EnrollInProgramme": ["health"], "RecordFollowUp": ["health"], "ListOverdueFollowUps": ["health"],
        "GetProgrammeControlRate": ["health"], "OpenSickbed": ["health"], "RecordSickbedVisit": ["health"], "CloseSickbed": ["health"],
        "ListActiveSickbeds": ["health", "grid-worker"], "RegisterFamilyPlanning": ["health", "clerk"], "RecordBirth": ["health"],
        "RecordContraceptiveDistribution": ["health"], "RecordFamilyPlanningVisit": ["health"], "ListOverdueFamilyPlanningVisits": ["health"],
        "RecordServiceEvent": ["health"], "CountServices": desk, "RegisterFacility": ["health"], "GetCoverageReport": desk,
    ]

    @Test("every role × every health method: the broker grants exactly the declared roles")
    func roleMatrix() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let roles = ["clerk", "grid-worker", "employment", "assistance", "health", "security", "auditor", "admin"]
        let entries =
            roles.map { #"{"token": "\#(Self.token($0))", "id": "\#($0)-01", "roles": ["\#($0)"], "grid_scope": []}"# }
            + [#"{"token": "\#(Self.credential)", "id": "svc-health", "services": ["health"]}"#]
        let principals = directory.file("principals.json")
        try ("[" + entries.joined(separator: ",") + "]").write(toFile: principals, atomically: true, encoding: .utf8)
        try await withRunningStack(brokerArguments: ["--principals", principals], token: Self.token("admin")) { stack in
            _ = try await stack.startService(
                executable: "health", service: "health", instanceID: "health-matrix",
                arguments: ["--db", stack.directory.file("health.sqlite"), "--credential", Self.credential])
            let connection = try await stack.connect()
            let listing = try #require(try await stack.listing(of: "health"))
            #expect(Set(listing.methods.map(\.name)) == Set(Self.roleTable.keys))
            for (method, allowed) in Self.roleTable.sorted(by: { $0.key < $1.key }) {
                for role in roles {
                    var refused: RPCError?
                    do {
                        // an empty request: an allowed caller gets past the broker and hears INVALID_ARGUMENT
                        _ = try await connection.callRaw(
                            service: "health", method: method, payload: [], deadline: .seconds(10),
                            metadata: [MetadataKey.authorization: "Bearer \(Self.token(role))"])
                    } catch let error as RPCError {
                        refused = error
                    }
                    if allowed.contains(role) {
                        #expect(refused?.code == .invalidArgument, "\(role) \(method): \(String(describing: refused))")
                    } else {
                        #expect(refused?.code == .permissionDenied, "\(role) should be refused \(method), got \(String(describing: refused))")
                    }
                }
            }
            await connection.close()
        }
    }
}
