import Foundation
import TestSupport
import Testing
import WireClient
import WireProtocol

/// The social assistance office as its staff, a window clerk and other roles use it: the real
/// `broker` (with principals), `assistance` and `window` executables over loopback. A case goes
/// from application through notice to payment; the office is killed with -9 in between and
/// restarted later in the month on the same database.
@Suite("End to end: the social assistance office through the broker", .serialized)
struct AssistanceEndToEndTests {
    static let roles = ["clerk", "grid-worker", "assistance", "health", "auditor", "admin"]
    static func token(_ role: String) -> String { "token-of-\(role)-0123456789" }
    static let credential = "credential-of-assistance-0123456789"

    /// A valid resident ID number: district 330902, born 1975-03-`day`, sequence 21.
    static func idNumber(day: Int) -> String {
        let first17 = "330902197503" + String(String(100 + day).dropFirst()) + "021"
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(first17, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        return first17 + String(Array("10X98765432")[sum % 11])
    }

    /// A number of the JSON reply: int64 fields come as strings (proto3 JSON), others as numbers.
    static func int(_ value: Any?) -> Int? {
        (value as? NSNumber)?.intValue ?? (value as? String).flatMap { Int($0) }
    }

    static func principalsFile(in directory: TemporaryDirectory) throws -> String {
        let entries =
            roles.map { #"{"token": "\#(token($0))", "id": "\#($0)-01", "roles": ["\#($0)"], "grid_scope": []}"# }
            + [#"{"token": "\#(credential)", "id": "svc-assistance", "services": ["assistance"]}"#]
        let path = directory.file("principals.json")
        try ("[" + entries.joined(separator: ",") + "]").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func startAssistance(_ stack: RunningStack, instanceID: String, today: String) async throws -> ManagedProcess {
        try await stack.startService(
            executable: "assistance", service: "assistance", instanceID: instanceID,
            arguments: ["--db", stack.directory.file("assistance.sqlite"), "--credential", Self.credential, "--today", today])
    }

    /// `window --token … call assistance.METHOD --data JSON` as `role`: requires success, returns the reply.
    func call(
        _ stack: RunningStack, _ method: String, as role: String, _ json: String, extra: [String] = [], sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> [String: Any] {
        let result = try await stack.window(["--token", Self.token(role), "call", "assistance.\(method)", "--data", json] + extra)
        #expect(result.status == 0, "\(method) as \(role): \(result.stderr)", sourceLocation: sourceLocation)
        return try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(method): \(result.stdout)", sourceLocation: sourceLocation)
    }

    func refused(_ stack: RunningStack, _ method: String, as role: String, _ json: String) async throws -> ProgramResult {
        try await stack.window(["--token", Self.token(role), "call", "assistance.\(method)", "--data", json])
    }

    @Test("a case from application to payment; clerks see no means; other roles refused; kill -9 keeps every acknowledged step")
    func applicationToPayment() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let principals = try Self.principalsFile(in: directory)
        try await withRunningStack(brokerArguments: ["--principals", principals], token: Self.token("admin")) { stack in
            let first = try await startAssistance(stack, instanceID: "assistance-e2e-1", today: "2026-11-02")
            let services = try await stack.window(["--token", Self.token("admin"), "services", "assistance"])
            #expect(services.stdout.split(separator: "\n").filter { $0.hasPrefix("  assistance.") && $0.contains(" returns ") }.count == 35)

            _ = try await call(
                stack, "SetStandard", as: "assistance", #"{"communityCode": "330902001001", "effectiveDate": "2026-01-01", "monthlyFen": 98500}"#)
            let head = Self.idNumber(day: 4)
            let household = try await call(
                stack, "RegisterHousehold", as: "clerk",
                #"""
                {"communityCode": "330902001001", "gridCode": "330902001001003", "address": "海滨路 8 号 2 单元 301 室",
                 "members": [{"idNumber": "\#(head)", "name": "陈建国", "relation": "户主", "monthlyIncomeFen": 40000, "workCapacity": "NO_WORK_CAPACITY", "head": true},
                             {"idNumber": "\#(Self.idNumber(day: 5))", "name": "陈小红", "relation": "子女", "monthlyIncomeFen": 0, "workCapacity": "PARTIAL_WORK_CAPACITY"}]}
                """#)
            let householdID = try #require(household["householdId"] as? String)
            // the clerk sees who, not the means
            #expect(household["meansHidden"] as? Bool == true && household["totalIncomeFen"] == nil)
            #expect((household["members"] as? [[String: Any]])?.first?["idNumber"] as? String == head)
            let staffView = try await call(stack, "GetHousehold", as: "assistance", #"{"householdId": "\#(householdID)"}"#)
            #expect(Self.int(staffView["perCapitaIncomeFen"]) == 20_000)

            let applied = try await call(stack, "ApplyForAllowance", as: "clerk", #"{"householdId": "\#(householdID)"}"#)
            let caseID = try #require(applied["caseId"] as? String)
            let reviewed = try await call(stack, "ReviewApplication", as: "assistance", #"{"caseId": "\#(caseID)", "note": "入户调查"}"#)
            #expect(reviewed["state"] as? String == "CASE_STATE_UNDER_NOTICE")
            #expect(reviewed["noticeEndDate"] as? String == "2026-11-08")

            // the public notice is for anyone authenticated, masked
            let notice = try await call(stack, "ListPublicNotice", as: "health", #"{"communityCode": "330902001001"}"#)
            let entry = try #require((notice["entries"] as? [[String: Any]])?.first)
            #expect(entry["headName"] as? String == "陈*")
            #expect(entry["headIdNumber"] as? String == "330902********" + head.suffix(4))
            #expect(Self.int(entry["monthlyAmountFen"]) == (98_500 - 20_000) * 2)

            // refused roles: the broker stops them before the office
            let health = try await refused(stack, "GetHousehold", as: "health", #"{"householdId": "\#(householdID)"}"#)
            #expect(health.status == 17 && health.stderr.contains("PERMISSION_DENIED"), "\(health.stderr)")
            let clerkApproves = try await refused(stack, "ApproveCase", as: "clerk", #"{"caseId": "\#(caseID)"}"#)
            #expect(clerkApproves.status == 17, "\(clerkApproves.stderr)")
            let tooEarly = try await refused(stack, "ApproveCase", as: "assistance", #"{"caseId": "\#(caseID)"}"#)
            #expect(tooEarly.status == 19 && tooEarly.stderr.contains("2026-11-08"), "\(tooEarly.stderr)")  // FAILED_PRECONDITION

            // killed with -9; restarted on the same database nine days on
            first.kill9()
            #expect(await first.waitForExit() != nil)
            try await stack.waitUntilGone("assistance-e2e-1", of: "assistance")
            _ = try await startAssistance(stack, instanceID: "assistance-e2e-2", today: "2026-11-11")

            let approved = try await call(stack, "ApproveCase", as: "assistance", #"{"caseId": "\#(caseID)", "note": "公示期满无异议"}"#)
            #expect(approved["state"] as? String == "CASE_STATE_ACTIVE")
            #expect(approved["firstPaidMonth"] as? String == "2026-11")
            let history = try #require(approved["history"] as? [[String: Any]])
            #expect(history.map { $0["action"] as? String } == ["apply", "review", "approve"])
            #expect(history.map { $0["actor"] as? String } == ["clerk-01", "assistance-01", "assistance-01"])

            let run = try await call(stack, "RunPayments", as: "assistance", #"{"month": "2026-11"}"#, extra: ["--idempotency-key", "run-2026-11"])
            #expect(Self.int(run["householdsPaid"]) == 1)
            #expect(Self.int(run["totalFen"]) == 157_000)
            let again = try await call(stack, "RunPayments", as: "assistance", #"{"month": "2026-11"}"#)
            #expect(Self.int(again["totalFen"]) == 157_000 && Self.int(again["householdsPaid"]) == 1)
            let reconciliation = try await call(stack, "GetReconciliation", as: "assistance", #"{"month": "2026-11", "communityCode": "330902001001"}"#)
            #expect(Self.int(reconciliation["totalFen"]) == 157_000 && Self.int(reconciliation["newCases"]) == 1)
            let list = try await call(stack, "ExportPaymentList", as: "assistance", #"{"month": "2026-11", "communityCode": "330902001001"}"#)
            let csv = try #require(list["csv"] as? String)
            #expect(csv.contains("330902********\(head.suffix(4)),陈*,2,157000") && !csv.contains(head))

            // the auditor sees who touched the head of household
            var methods: [String] = []
            try await waitUntil("the audit log to hold the head's accesses", timeout: .seconds(30)) {
                let result = try await stack.window(["--token", Self.token("auditor"), "audit", "resident", head])
                methods = ["RegisterHousehold", "GetHousehold", "ApproveCase", "ListPublicNotice", "ExportPaymentList"].filter { result.stdout.contains($0) }
                return methods.count == 5
            }
            #expect(methods.count == 5)
        }
    }
}

/// Who may call each of the office's methods, as its contract declares, tried through the real
/// broker for every role: the broker grants exactly this table.
@Suite("End to end: the social assistance office's roles × methods", .serialized)
struct AssistanceRoleMatrixTests {
    static let roles = ["clerk", "grid-worker", "employment", "assistance", "health", "security", "auditor", "admin"]
    static let staff: Set<String> = ["assistance"]
    static let desk: Set<String> = ["assistance", "clerk"]
    static let readers: Set<String> = ["assistance", "clerk", "grid-worker"]
    static let field: Set<String> = ["assistance", "grid-worker"]
    static let table: [String: Set<String>] = [
        "RegisterHousehold": desk, "GetHousehold": readers, "ListHouseholds": readers, "AddMember": desk, "RemoveMember": desk, "ReportIncome": desk,
        "SetStandard": staff, "ListStandards": readers, "ApplyForAllowance": desk, "ReviewApplication": staff, "ApproveCase": staff,
        "RejectCase": staff, "RecordPeriodicReview": staff, "StopCase": staff, "GetCase": desk, "ListCases": desk, "ListReviewsDue": staff,
        "FileObjection": readers, "ResolveObjection": staff, "ListPublicNotice": Set(roles), "RunPayments": staff, "GetReconciliation": staff,
        "ExportPaymentList": staff, "ApplyForGrant": desk, "DecideGrant": staff, "ListGrants": desk, "RegisterSpecialCare": desk,
        "ListSpecialCare": readers, "RaiseAlarm": field, "AcknowledgeAlarm": field, "ListAlarms": field, "RegisterVolunteer": desk,
        "PairVolunteer": staff, "LogVisit": field, "GetCommunityFigures": readers,
    ]

    @Test("every role × every method: granted exactly as declared, refused otherwise; no token is UNAUTHENTICATED")
    func matrix() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let entries =
            Self.roles.map { #"{"token": "token-of-\#($0)-0123456789", "id": "\#($0)-01", "roles": ["\#($0)"], "grid_scope": []}"# }
            + [#"{"token": "\#(AssistanceEndToEndTests.credential)", "id": "svc-assistance", "services": ["assistance"]}"#]
        let principals = directory.file("principals.json")
        try ("[" + entries.joined(separator: ",") + "]").write(toFile: principals, atomically: true, encoding: .utf8)
        try await withRunningStack(brokerArguments: ["--principals", principals], token: "token-of-admin-0123456789") { stack in
            _ = try await stack.startService(
                executable: "assistance", service: "assistance", instanceID: "assistance-matrix",
                arguments: ["--db", stack.directory.file("assistance.sqlite"), "--credential", AssistanceEndToEndTests.credential])
            let listed = try #require(try await stack.listing(of: "assistance"))
            #expect(Set(listed.methods.map(\.name)) == Set(Self.table.keys))
            let connection = try await stack.connect()
            var denied = 0
            for method in Self.table.keys.sorted() {
                for role in Self.roles {
                    let error = await Self.call(connection, method, metadata: [MetadataKey.authorization: "Bearer token-of-\(role)-0123456789"])
                    if Self.table[method]!.contains(role) {
                        #expect(error?.code != .permissionDenied && error?.code != .unauthenticated, "\(role) \(method): \(String(describing: error))")
                    } else {
                        #expect(error?.code == .permissionDenied, "\(role) should be refused \(method)")
                        denied += 1
                    }
                }
                #expect(await Self.call(connection, method, metadata: [:])?.code == .unauthenticated, "\(method) without a token")
            }
            #expect(denied > 150)
            await connection.close()
        }
    }

    static func call(_ connection: WireConnection, _ method: String, metadata: [String: String]) async -> RPCError? {
        do {
            _ = try await connection.callRaw(service: "assistance", method: method, payload: [], deadline: .seconds(10), metadata: metadata)
            return nil
        } catch let error as RPCError {
            return error
        } catch {
            return RPCError(.unknown, "\(error)")
        }
    }
}
