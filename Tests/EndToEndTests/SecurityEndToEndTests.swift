import Foundation
import SecurityContract
import TestSupport
import Testing
import WindowContract
import WireClient
import WireProtocol

/// The community police office through the real `broker`, `security` and `window` executables:
/// supervision cases read by security staff only, another grid's case only on a stated purpose.
/// The office runs with its debug log on: the stack fails a test whose processes print a full ID number.
@Suite("End to end: the community police office (社区警务) through the broker", .serialized)
struct SecurityEndToEndTests {
    static func token(_ who: String) -> String { "token-of-\(who)-0123456789" }
    static let credential = "credential-of-security-0123456789"

    /// Security staff without a grid limit, an officer limited to grid 001 of Haibin, a clerk, an
    /// auditor, a grid worker of grid 001, and the security service's credential.
    static func principalsFile(in directory: TemporaryDirectory) throws -> String {
        let entries = [
            #"{"token": "\#(token("officer"))", "id": "officer-01", "roles": ["security"], "grid_scope": []}"#,
            #"{"token": "\#(token("grid-officer"))", "id": "officer-0101", "roles": ["security"], "grid_scope": ["330902001001001"]}"#,
            #"{"token": "\#(token("clerk"))", "id": "clerk-01", "roles": ["clerk"], "grid_scope": []}"#,
            #"{"token": "\#(token("auditor"))", "id": "auditor-01", "roles": ["auditor"], "grid_scope": []}"#,
            #"{"token": "\#(token("grid-worker"))", "id": "grid-0101", "roles": ["grid-worker"], "grid_scope": ["330902001001001"]}"#,
            #"{"token": "\#(credential)", "id": "svc-security", "services": ["security"]}"#,
        ]
        let path = directory.file("principals.json")
        try ("[" + entries.joined(separator: ",") + "]").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A valid resident ID number of district 330902, born 1979-08-`day`, check character computed.
    static func idNumber(day: Int) -> String {
        let first17 = "330902197908" + String(String(100 + day).dropFirst()) + "035"
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(first17, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        return first17 + String(Array("10X98765432")[sum % 11])
    }

    /// A `window call` reply as a JSON object.
    static func object(_ stdout: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any], "\(stdout)")
    }

    static func auth(_ who: String, purpose: String = "") -> [String: String] {
        var metadata = [MetadataKey.authorization: "Bearer \(token(who))"]
        if !purpose.isEmpty { metadata[MetadataKey.purpose] = purpose }
        return metadata
    }

    @Test("a correction case: opened and checked by security staff; a clerk is refused; another grid's officer reads it only with a purpose")
    func correctionCase() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let principals = try Self.principalsFile(in: directory)
        try await withRunningStack(brokerArguments: ["--principals", principals], token: Self.token("officer")) { stack in
            _ = try await stack.startService(
                executable: "security", service: "security", instanceID: "security-e2e",
                arguments: ["--db", stack.directory.file("security.sqlite"), "--credential", Self.credential, "--log-level", "debug"])
            let connection = try await stack.connect()
            let security = Security.SecurityClient(connection)
            let person = Self.idNumber(day: 14)
            let today = ISO8601DateFormatter.string(from: Date(), timeZone: TimeZone(identifier: "Asia/Shanghai")!, formatOptions: [.withFullDate])
            let opened = try await security.openCase(
                Security.OpenCaseRequest(
                    kind: .communityCorrection, idNumber: person, name: "王五", communityCode: "330902001001", gridCode: "330902001001002",
                    termStart: "2026-01-05", termEnd: "2027-01-04"),
                metadata: Self.auth("officer"))
            #expect(opened.caseId == "K1" && opened.status == .active && opened.idNumber == person)
            let checkIn = try await security.recordCheckIn(
                Security.RecordCheckInRequest(caseId: opened.caseId, date: today, outcome: .present), metadata: Self.auth("officer"))
            #expect(checkIn.caseId == opened.caseId)

            // The clerk is refused by the broker (the contract declares security only).
            let clerk = await refusal { _ = try await security.getCase(Security.GetCaseRequest(caseId: opened.caseId), metadata: Self.auth("clerk")) }
            #expect(clerk?.code == .permissionDenied, "\(String(describing: clerk))")
            let cli = try await stack.window(["--token", Self.token("clerk"), "call", "security.GetCase", "--data", #"{"caseId": "K1"}"#])
            #expect(cli.status == 17, "\(cli.stdout) \(cli.stderr)")  // 10 + PERMISSION_DENIED (7)
            #expect(!cli.stdout.contains(person))

            // The officer of grid 001 is refused without a purpose, served with one.
            let noPurpose = await refusal {
                _ = try await security.getCase(Security.GetCaseRequest(caseId: opened.caseId), metadata: Self.auth("grid-officer"))
            }
            #expect(noPurpose?.code == .permissionDenied && noPurpose?.message.contains("purpose") == true, "\(String(describing: noPurpose))")
            let glass = try await security.getCase(
                Security.GetCaseRequest(caseId: opened.caseId), metadata: Self.auth("grid-officer", purpose: "协查 case review"))
            #expect(glass.caseId == opened.caseId && glass.lastCheckIn == today)
            let viaWindow = try await stack.window([
                "--token", Self.token("officer"), "call", "security.ListCases", "--data", #"{"communityCode": "330902001001"}"#,
            ])
            #expect(viaWindow.status == 0 && viaWindow.stdout.contains("\"K1\""), "\(viaWindow.stderr)")

            // The audit log holds the reads of the resident's case, with the purpose given.
            let window = Window.WindowClient(connection)
            var entries: [Window.AuditEntry] = []
            try await waitUntil("the audit log to hold the case's accesses", timeout: .seconds(30)) {
                entries = try await window.listResidentAccesses(Window.ListResidentAccessesRequest(idNumber: person), metadata: Self.auth("auditor")).entries
                return entries.count >= 4
            }
            #expect(entries.map(\.method) == ["ListCases", "GetCase", "RecordCheckIn", "OpenCase"])
            #expect(entries.first { $0.principal == "officer-0101" }?.purpose == "协查 case review")
            #expect(!entries.contains { $0.principal == "clerk-01" })
            // Only the read outside the officer's grids is marked break-the-glass, and it is listed for review.
            #expect(entries.filter(\.breakTheGlass).map(\.principal) == ["officer-0101"])
            let review = try await window.listAccessesForReview(Window.ListAccessesForReviewRequest(), metadata: Self.auth("auditor"))
            #expect(review.entries.map(\.method) == ["GetCase"] && review.entries.first?.purpose == "协查 case review", "\(review.entries)")
            let reviewed = try await stack.window(["--token", Self.token("auditor"), "audit", "review"])
            #expect(reviewed.status == 0 && reviewed.stdout.contains("security.GetCase") && reviewed.stdout.contains("[REVIEW]"), "\(reviewed.stdout)")
            await connection.close()
        }
    }

    @Test("an opened case survives kill -9 of the office; the restarted office lists it among missed check-ins")
    func durableAfterKill() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let principals = try Self.principalsFile(in: directory)
        try await withRunningStack(brokerArguments: ["--principals", principals], token: Self.token("officer")) { stack in
            let database = stack.directory.file("security.sqlite")
            let first = try await stack.startService(
                executable: "security", service: "security", instanceID: "security-crash-1", arguments: ["--db", database, "--credential", Self.credential])
            let connection = try await stack.connect()
            let security = Security.SecurityClient(connection)
            let opened = try await security.openCase(
                Security.OpenCaseRequest(
                    kind: .resettlement, idNumber: Self.idNumber(day: 20), name: "赵六", communityCode: "330902001001", gridCode: "330902001001001",
                    termStart: "2025-01-01", termEnd: "2029-12-31", checkInIntervalDays: 30),
                metadata: Self.auth("officer"))
            first.kill9()
            #expect(await first.waitForExit() != nil)
            try await stack.waitUntilGone("security-crash-1", of: "security")
            _ = try await stack.startService(
                executable: "security", service: "security", instanceID: "security-crash-2", arguments: ["--db", database, "--credential", Self.credential])
            let missed = try await security.listMissedCheckIns(
                Security.ListMissedCheckInsRequest(communityCode: "330902001001", gridCode: "330902001001001"), metadata: Self.auth("grid-officer"))
            #expect(missed.cases.compactMap(\.supervisionCase?.caseId) == [opened.caseId])
            #expect((missed.cases.first?.missed ?? 0) >= 12)
            await connection.close()
        }
    }

    @Test("the window lists the office's 38 methods; a grid worker registers an arrival in their grid and sees it masked; a clerk checks the residence permit")
    func floatingPopulationThroughTheWindow() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let principals = try Self.principalsFile(in: directory)
        try await withRunningStack(brokerArguments: ["--principals", principals], token: Self.token("officer")) { stack in
            _ = try await stack.startService(
                executable: "security", service: "security", instanceID: "security-window",
                arguments: [
                    "--db", stack.directory.file("security.sqlite"), "--credential", Self.credential, "--log-level", "debug", "--dispute-max-open-days", "45",
                ])
            let services = try await stack.window(["--token", Self.token("officer"), "services", "security"])
            let methods = services.stdout.split(separator: "\n").filter { $0.hasPrefix("  security.") && $0.contains(" returns ") }
            #expect(methods.count == 38, "\(services.stdout)")
            let person = Self.idNumber(day: 22)
            let arrival = #"""
                {"idNumber": "\#(person)", "name": "刘小明", "communityCode": "330902001001", "gridCode": "330902001001001",
                 "address": "海滨路 3 号", "arrivalDate": "2026-01-10", "expectedStayDays": 365}
                """#
            let registered = try await stack.window(["--token", Self.token("grid-worker"), "call", "security.RegisterArrival", "--data", arrival])
            #expect(registered.status == 0, "\(registered.stderr)")
            let reply = try Self.object(registered.stdout)
            #expect(reply["idNumber"] as? String == "330902********" + person.suffix(4) && !registered.stdout.contains(person))
            #expect(reply["originDivisionCode"] as? String == "330902" && reply["status"] as? String == "RESIDING", "\(registered.stdout)")
            let otherGrid = try await stack.window([
                "--token", Self.token("grid-worker"), "call", "security.RegisterArrival", "--data",
                arrival.replacingOccurrences(of: "330902001001001", with: "330902001001002").replacingOccurrences(of: person, with: Self.idNumber(day: 23)),
            ])
            #expect(otherGrid.status == 17, "\(otherGrid.stdout) \(otherGrid.stderr)")
            let permit = try await stack.window([
                "--token", Self.token("clerk"), "call", "security.CheckResidencePermit", "--data", #"{"idNumber": "\#(person)"}"#,
            ])
            #expect(permit.status == 0, "\(permit.stderr)")
            let eligibility = try Self.object(permit.stdout)
            #expect(eligibility["eligible"] as? Bool == true, "\(permit.stdout)")
            let share = try await stack.window(["--token", Self.token("auditor"), "call", "security.GetSafeCommunityShare"])
            let figures = try Self.object(share.stdout)
            #expect((figures["communities"] as? NSNumber)?.intValue == 2 && figures["meetsTarget"] as? Bool == true, "\(share.stdout)")
            // The rule's figures come from the flags the office was started with.
            let statuses = try #require(figures["statuses"] as? [[String: Any]])
            #expect(statuses.map { ($0["disputeMaxOpenDays"] as? NSNumber)?.intValue } == [45, 45], "\(share.stdout)")
        }
    }
}
