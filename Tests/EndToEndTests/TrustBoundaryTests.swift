import EchoContract
import EmploymentContract
import Foundation
import TestSupport
import Testing
import WindowContract
import WireClient
import WireProtocol

/// Who may do what, tried against the real executables: roles declared by the providing office
/// and enforced by the broker, metadata that only the broker sets, limits on what a caller sends.
@Suite("End to end: the trust boundary", .serialized)
struct TrustBoundaryTests {
    static let roles = ["clerk", "grid-worker", "employment", "assistance", "health", "security", "auditor", "admin"]
    static func token(_ role: String) -> String { "token-of-\(role)-0123456789" }

    /// Who may call each method, written out here from the offices' contracts: the broker must
    /// grant exactly this, nothing more. A method missing here fails the test.
    static let everyone = Set(roles)
    static let desk: Set<String> = ["employment", "clerk"]
    static let readers: Set<String> = ["employment", "clerk", "grid-worker"]
    static let office: Set<String> = ["employment"]
    static let auditors: Set<String> = ["auditor", "admin"]
    static let table: [String: Set<String>] = [
        "echo.Echo": everyone, "echo.Sleep": everyone, "echo.Fail": everyone, "echo.Validate": everyone,
        "echo.Relay": everyone, "echo.WhoAmI": everyone,
        "window.Health": everyone, "window.ListServices": everyone, "window.ListCommunities": everyone, "window.GetCommunity": everyone,
        "window.VerifyAudit": auditors, "window.ListResidentAccesses": auditors, "window.ListPrincipalActions": auditors,
        "window.ListAccessesForReview": auditors, "window.GetResidentOverview": ["clerk", "grid-worker", "employment", "assistance", "health", "security"],
        "window.RateService": ["clerk", "grid-worker"], "window.CloseRectification": ["employment", "assistance", "health", "security"],
        "window.ListRectifications": ["clerk", "employment", "assistance", "health", "security", "auditor", "admin"],
        "window.GetSatisfaction": ["clerk", "employment", "assistance", "health", "security", "auditor", "admin"],
        "window.GetCommunityDashboard": ["clerk", "grid-worker", "employment", "assistance", "health", "security", "auditor", "admin"],
        "window.GetCityView": ["clerk", "employment", "assistance", "health", "security", "auditor", "admin"],
        "window.IssueToken": ["admin"], "window.RevokePrincipal": ["admin"], "window.ListPrincipals": auditors,
        // For service links only (the composition obtains a clerk's delegation within a call it handles).
        "window.GrantDelegation": [], "window.EndDelegation": [],
        "window.StartLifeEvent": ["clerk"], "window.GetLifeEvent": ["clerk", "auditor", "admin"],
        "window.ListLifeEvents": ["clerk", "auditor", "admin"],
        "employment.RegisterJobSeeker": desk, "employment.UpdateJobSeeker": desk, "employment.WithdrawJobSeeker": desk,
        "employment.GetJobSeeker": readers, "employment.ListJobSeekers": readers,
        "employment.PostVacancy": office, "employment.UpdateVacancy": office, "employment.CloseVacancy": office,
        "employment.GetVacancy": readers, "employment.ListVacancies": readers, "employment.MatchVacancies": desk,
        "employment.MatchSeekers": office, "employment.RecordPlacement": office, "employment.ListPromises": office,
        "employment.CreateCourse": office, "employment.ListCourses": readers, "employment.Enroll": desk,
        "employment.CompleteEnrollment": office, "employment.ReferStartUpLoan": office, "employment.UpdateLoanReferral": office,
        "employment.ListLoanReferrals": office, "employment.GetCommunityStatus": readers,
        "employment.RecognizeHardship": office, "employment.RevokeHardship": office, "employment.RecordOffer": office,
        "employment.ListOffers": office, "employment.GetAreaStatus": readers, "employment.RecordService": desk,
        "employment.GetServicesDelivered": readers, "employment.ListZeroEmploymentHouseholds": desk,
        // The other three offices, method by method as their contracts declare.
        "assistance.RegisterHousehold": ["assistance", "clerk"],
        "assistance.GetHousehold": ["assistance", "clerk", "grid-worker"],
        "assistance.ListHouseholds": ["assistance", "clerk", "grid-worker"],
        "assistance.AddMember": ["assistance", "clerk"],
        "assistance.RemoveMember": ["assistance", "clerk"],
        "assistance.ReportIncome": ["assistance", "clerk"],
        "assistance.SetStandard": ["assistance"],
        "assistance.ListStandards": ["assistance", "clerk", "grid-worker"],
        "assistance.ApplyForAllowance": ["assistance", "clerk"],
        "assistance.ReviewApplication": ["assistance"],
        "assistance.ApproveCase": ["assistance"],
        "assistance.RejectCase": ["assistance"],
        "assistance.RecordPeriodicReview": ["assistance"],
        "assistance.StopCase": ["assistance"],
        "assistance.GetCase": ["assistance", "clerk"],
        "assistance.ListCases": ["assistance", "clerk"],
        "assistance.ListReviewsDue": ["assistance"],
        "assistance.FileObjection": ["assistance", "clerk", "grid-worker"],
        "assistance.ResolveObjection": ["assistance"],
        "assistance.ListPublicNotice": everyone,
        "assistance.RunPayments": ["assistance"],
        "assistance.GetReconciliation": ["assistance"],
        "assistance.ExportPaymentList": ["assistance"],
        "assistance.ApplyForGrant": ["assistance", "clerk"],
        "assistance.DecideGrant": ["assistance"],
        "assistance.ListGrants": ["assistance", "clerk"],
        "assistance.RegisterSpecialCare": ["assistance", "clerk"],
        "assistance.ListSpecialCare": ["assistance", "clerk", "grid-worker"],
        "assistance.RaiseAlarm": ["assistance", "grid-worker"],
        "assistance.AcknowledgeAlarm": ["assistance", "grid-worker"],
        "assistance.ListAlarms": ["assistance", "grid-worker"],
        "assistance.RegisterVolunteer": ["assistance", "clerk"],
        "assistance.PairVolunteer": ["assistance"],
        "assistance.LogVisit": ["assistance", "grid-worker"],
        "assistance.GetCommunityFigures": ["assistance", "clerk", "grid-worker"],
        "health.CreateHealthRecord": ["health", "clerk"],
        "health.UpdateHealthRecord": ["health"],
        "health.GetHealthRecord": ["health", "clerk", "grid-worker"],
        "health.ListHealthRecords": ["health", "clerk", "grid-worker"],
        "health.DefineProgramme": ["health"],
        "health.EnrollInProgramme": ["health"],
        "health.RecordFollowUp": ["health"],
        "health.ListOverdueFollowUps": ["health"],
        "health.GetProgrammeControlRate": ["health"],
        "health.OpenSickbed": ["health"],
        "health.RecordSickbedVisit": ["health"],
        "health.CloseSickbed": ["health"],
        "health.ListActiveSickbeds": ["health", "grid-worker"],
        "health.RegisterFamilyPlanning": ["health", "clerk"],
        "health.RecordBirth": ["health"],
        "health.RecordContraceptiveDistribution": ["health"],
        "health.RecordFamilyPlanningVisit": ["health"],
        "health.ListOverdueFamilyPlanningVisits": ["health"],
        "health.RecordServiceEvent": ["health"],
        "health.CountServices": ["health", "clerk", "grid-worker"],
        "health.RegisterFacility": ["health"],
        "health.GetCoverageReport": ["health", "clerk", "grid-worker"],
        "security.OpenCase": ["security", "clerk"],
        "security.AssignHelper": ["security"],
        "security.RecordCheckIn": ["security"],
        "security.GetCase": ["security"],
        "security.ListCheckIns": ["security"],
        "security.ListCases": ["security"],
        "security.ListMissedCheckIns": ["security"],
        "security.CloseCase": ["security"],
        "security.RegisterArrival": ["security", "clerk", "grid-worker"],
        "security.UpdateFloatingResident": ["security", "clerk", "grid-worker"],
        "security.RecordDeparture": ["security", "clerk", "grid-worker"],
        "security.GetFloatingResident": ["security", "clerk", "grid-worker"],
        "security.ListFloatingResidents": ["security", "clerk", "grid-worker"],
        "security.CountFloatingResidents": ["security", "clerk", "grid-worker"],
        "security.CheckResidencePermit": ["security", "clerk"],
        "security.RegisterRental": ["security", "clerk", "grid-worker"],
        "security.GetRental": ["security", "clerk", "grid-worker"],
        "security.ListRentals": ["security", "clerk", "grid-worker"],
        "security.OpenPoliceOffice": ["security"],
        "security.AssignOfficer": ["security"],
        "security.RemoveOfficer": ["security"],
        "security.GetPoliceOffice": ["security", "clerk", "grid-worker"],
        "security.ListUnstaffedCommunities": ["security", "clerk", "auditor"],
        "security.ReportDispute": ["security", "clerk", "grid-worker"],
        "security.RecordMediation": ["security", "grid-worker"],
        "security.RecordDisputeOutcome": ["security", "grid-worker"],
        "security.GetDispute": ["security", "clerk", "grid-worker"],
        "security.ListOpenDisputes": ["security", "clerk", "grid-worker"],
        "security.RecordPatrol": ["security", "grid-worker"],
        "security.ListPatrols": ["security", "clerk", "grid-worker"],
        "security.RecordIncident": ["security", "grid-worker"],
        "security.HandleIncident": ["security"],
        "security.ListIncidents": ["security", "clerk", "grid-worker"],
        "security.RecordEmergencyPlan": ["security"],
        "security.RecordDrill": ["security"],
        "security.ListStalePreparedness": ["security", "clerk", "auditor"],
        "security.GetSafeCommunityStatus": ["security", "clerk", "grid-worker", "auditor"],
        "security.GetSafeCommunityShare": ["security", "clerk", "auditor"],
    ]

    /// Service credentials (work admission): each admits one service.
    static func credential(_ service: String) -> String { "credential-of-\(service)-0123456789" }

    /// A principals file with one principal per role and a credential for echo and every office.
    static func principalsFile(in directory: TemporaryDirectory) throws -> String {
        let entries =
            roles.map { #"{"token": "\#(token($0))", "id": "\#($0)-01", "roles": ["\#($0)"], "grid_scope": []}"# }
            + ["echo", "employment", "assistance", "health", "security"].map { #"{"token": "\#(credential($0))", "id": "svc-\#($0)", "services": ["\#($0)"]}"# }
            + [#"{"token": "token-of-grid-0101-0123456789", "id": "grid-0101", "roles": ["grid-worker"], "grid_scope": ["330902001001001"]}"#]
        let path = directory.file("principals.json")
        try ("[" + entries.joined(separator: ",") + "]").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func call(_ connection: WireConnection, _ fullName: String, as role: String?, payload: [UInt8] = [], metadata: [String: String] = [:]) async -> RPCError? {
        let parts = fullName.split(separator: ".", maxSplits: 1).map(String.init)
        var metadata = metadata
        if let role { metadata[MetadataKey.authorization] = "Bearer \(Self.token(role))" }
        do {
            _ = try await connection.callRaw(service: parts[0], method: parts[1], payload: payload, deadline: .seconds(10), metadata: metadata)
            return nil
        } catch let error as RPCError {
            return error
        } catch {
            return RPCError(.unknown, "\(error)")
        }
    }

    @Test("every role × every method of every registered service: the broker grants exactly the table")
    func matrix() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let principals = try Self.principalsFile(in: directory)
        try await withRunningStack(brokerArguments: ["--principals", principals], token: Self.token("admin")) { stack in
            _ = try await stack.startEcho(instanceID: "echo-matrix", arguments: ["--credential", Self.credential("echo")])
            for office in ["employment", "assistance", "health", "security"] {
                _ = try await stack.startService(
                    executable: office, service: office, instanceID: "\(office)-matrix",
                    arguments: ["--db", stack.directory.file("\(office).sqlite"), "--credential", Self.credential(office)])
            }
            try await stack.waitForInstance("window-composition", of: "window", "the composition module to register") { _ in true }
            let connection = try await stack.connect()
            let listing = try await Window.WindowClient(connection).listServices(
                Window.ListServicesRequest(), metadata: [MetadataKey.authorization: "Bearer \(Self.token("admin"))"])
            let methods = listing.services.flatMap { service in service.methods.map { "\(service.name).\($0.name)" } }
            #expect(Set(methods) == Set(Self.table.keys), "methods registered but not in the table, or the reverse")
            var granted = 0
            var denied = 0
            for method in methods.sorted() {
                let allowed = try #require(Self.table[method])
                for role in Self.roles {
                    let error = await call(connection, method, as: role)
                    if allowed.contains(role) {
                        #expect(error?.code != .permissionDenied, "\(role) should be allowed \(method)")
                        #expect(error?.code != .unauthenticated, "\(role) \(method): \(String(describing: error))")
                        granted += 1
                    } else {
                        #expect(error?.code == .permissionDenied, "\(role) should be refused \(method), got \(String(describing: error))")
                        denied += 1
                    }
                }
                // No token at all: UNAUTHENTICATED (window.Health excepted: liveness probes).
                let anonymous = await call(connection, method, as: nil)
                if method != "window.Health" { #expect(anonymous?.code == .unauthenticated, "\(method) without a token") }
            }
            #expect(granted + denied == methods.count * Self.roles.count)
            #expect(denied > 100)
            await connection.close()
        }
    }

    @Test("work admission: without a credential, with an unknown one or with another service's, nothing registers")
    func serviceCredentials() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let principals = try Self.principalsFile(in: directory)
        try await withRunningStack(brokerArguments: ["--principals", principals], token: Self.token("admin")) { stack in
            let registration = try Wire.RegisterRequest(
                service: "employment", instanceId: "impostor",
                methods: [
                    Wire.MethodDescriptor(
                        name: "GetJobSeeker", requestType: "employment.GetJobSeekerRequest", responseType: "employment.JobSeeker", allowedRoles: ["any"])
                ]
            ).serializedBytes()
            let cases: [(String?, Wire.StatusCode)] = [
                (nil, .unauthenticated), ("not-a-credential-0123456789", .unauthenticated), (Self.token("employment"), .unauthenticated),
                (Self.credential("echo"), .permissionDenied),
            ]
            for (credential, expected) in cases {
                let connection = try await stack.connect()
                let metadata = credential.map { [MetadataKey.authorization: "Bearer \($0)"] } ?? [:]
                let reply = try await connection.call(
                    Wire.Frame(kind: .register, service: "employment", metadata: metadata, payload: registration), timeout: .seconds(10))
                #expect(reply.status?.code == expected, "credential \(credential ?? "none"): \(String(describing: reply.status))")
                await connection.close()
            }
            #expect(try await stack.listing(of: "employment") == nil)
            // The real credential admits it.
            let connection = try await stack.connect()
            let admitted = try await connection.call(
                Wire.Frame(
                    kind: .register, service: "employment", metadata: [MetadataKey.authorization: "Bearer \(Self.credential("employment"))"],
                    payload: registration),
                timeout: .seconds(10))
            #expect(admitted.status?.code == .ok, "\(String(describing: admitted.status))")
            #expect(try await stack.instances(of: "employment") == ["impostor"])
            await connection.close()
        }
    }

    @Test("tokens issued, rotated and revoked with `broker principals` on the running broker's database take effect")
    func principalsCommand() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let principals = try Self.principalsFile(in: directory)
        try await withRunningStack(brokerArguments: ["--principals", principals, "--principals-reload-ms", "100"], token: Self.token("admin")) { stack in
            _ = try await stack.startEcho(instanceID: "echo-tokens", arguments: ["--credential", Self.credential("echo")])
            let db = stack.directory.file("broker.sqlite")
            let issued = try await runTool("broker", ["principals", "issue", "--db", db, "--id", "clerk-99", "--role", "clerk"])
            #expect(issued.status == 0, "\(issued.stderr)")
            let token = issued.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(token.count == 47 && token.hasPrefix("cst_"))
            let connection = try await stack.connect()
            func whoAmI(_ token: String) async -> RPCError? {
                do {
                    _ = try await Echo.EchoClient(connection).whoAmI(Echo.WhoAmIRequest(), metadata: [MetadataKey.authorization: "Bearer \(token)"])
                    return nil
                } catch let error as RPCError {
                    return error
                } catch {
                    return RPCError(.unknown, "\(error)")
                }
            }
            // The running broker picks the new token up (waiting on the outcome, not a clock).
            try await waitUntil("the new token to be accepted", timeout: .seconds(30)) { await whoAmI(token) == nil }
            let listed = try await runTool("broker", ["principals", "list", "--db", db])
            #expect(listed.stdout.contains("clerk-99\troles=clerk") && !listed.stdout.contains(token))
            let rotated = try await runTool("broker", ["principals", "rotate", "--db", db, "--id", "clerk-99"])
            let fresh = rotated.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            try await waitUntil("the rotated token to replace the old one", timeout: .seconds(30)) {
                let old = await whoAmI(token)
                let new = await whoAmI(fresh)
                return old?.code == .unauthenticated && new == nil
            }
            #expect(try await runTool("broker", ["principals", "revoke", "--db", db, "--id", "clerk-99"]).status == 0)
            try await waitUntil("the revoked token to be refused", timeout: .seconds(30)) { await whoAmI(fresh)?.code == .unauthenticated }
            await connection.close()
        }
    }

    @Test("the audit log: a resident's access log lists exactly the calls that touched them; the chain verifies")
    func residentAccessLog() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let principals = try Self.principalsFile(in: directory)
        try await withRunningStack(brokerArguments: ["--principals", principals], token: Self.token("admin")) { stack in
            _ = try await stack.startService(
                executable: "employment", service: "employment", instanceID: "employment-audit",
                arguments: ["--db", stack.directory.file("employment.sqlite"), "--credential", Self.credential("employment")])
            let connection = try await stack.connect()
            let employment = Employment.EmploymentClient(connection)
            func auth(_ role: String, purpose: String = "") -> [String: String] {
                var metadata = [MetadataKey.authorization: "Bearer \(Self.token(role))"]
                if !purpose.isEmpty { metadata[MetadataKey.purpose] = purpose }
                return metadata
            }
            let zhang = "110105197512310024", li = "110105197512310032"
            let first = try await employment.registerJobSeeker(
                Employment.RegisterJobSeekerRequest(
                    idNumber: zhang, name: "张三", communityCode: "330902001001", gridCode: "330902001001002", category: .unemployed),
                metadata: auth("clerk", purpose: "registration"))
            _ = try await employment.registerJobSeeker(
                Employment.RegisterJobSeekerRequest(
                    idNumber: li, name: "李四", communityCode: "330902001001", gridCode: "330902001001002", category: .unemployed),
                metadata: auth("clerk"))
            _ = try await employment.getJobSeeker(
                Employment.GetJobSeekerRequest(seekerId: first.seekerId), metadata: auth("employment", purpose: "placement interview"))
            _ = try await employment.listJobSeekers(Employment.ListJobSeekersRequest(communityCode: "330902001001"), metadata: auth("clerk", purpose: "list"))
            // A refused call touches nobody's data; a vacancy read touches no resident.
            _ = try? await employment.recordPlacement(Employment.RecordPlacementRequest(seekerId: first.seekerId), metadata: auth("clerk"))
            _ = try await employment.listVacancies(Employment.ListVacanciesRequest(), metadata: auth("clerk"))

            let window = Window.WindowClient(connection)
            // No waiting: the broker writes every call it answered before an auditor's query
            // (its batches would otherwise wait up to 200 ms).
            let entries = try await window.listResidentAccesses(Window.ListResidentAccessesRequest(idNumber: zhang), metadata: auth("auditor")).entries
            #expect(entries.map(\.method) == ["ListJobSeekers", "GetJobSeeker", "RegisterJobSeeker"])
            #expect(entries.map(\.principal) == ["clerk-01", "employment-01", "clerk-01"])
            #expect(entries.map(\.purpose) == ["list", "placement interview", "registration"])
            #expect(entries.allSatisfy { $0.status == 0 })
            let liEntries = try await window.listResidentAccesses(Window.ListResidentAccessesRequest(idNumber: li), metadata: auth("auditor")).entries
            #expect(liEntries.map(\.method) == ["ListJobSeekers", "RegisterJobSeeker"])
            let clerk = try await window.listPrincipalActions(Window.ListPrincipalActionsRequest(principal: "clerk-01"), metadata: auth("auditor")).entries
            #expect(clerk.map(\.method).contains("RecordPlacement") && clerk.first { $0.method == "RecordPlacement" }?.status == 7)
            let verified = try await window.verifyAudit(Window.VerifyAuditRequest(), metadata: auth("auditor"))
            #expect(verified.intact && verified.rows >= 7, "\(verified)")
            let cli = try await stack.window(["--token", Self.token("auditor"), "audit", "verify"])
            #expect(cli.status == 0 && cli.stdout.hasPrefix("intact:"), "\(cli.stdout) \(cli.stderr)")
            let cliResident = try await stack.window(["--token", Self.token("auditor"), "audit", "resident", zhang])
            #expect(cliResident.status == 0 && cliResident.stdout.contains("GetJobSeeker"), "\(cliResident.stderr)")
            do {
                _ = try await window.listResidentAccesses(Window.ListResidentAccessesRequest(idNumber: zhang), metadata: auth("clerk"))
                Issue.record("a clerk read the audit log")
            } catch let error as RPCError {
                #expect(error.code == .permissionDenied)
            }
            await connection.close()
        }
    }

    @Test("a grid worker reads the residents of their own grid only")
    func gridScope() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let principals = try Self.principalsFile(in: directory)
        try await withRunningStack(brokerArguments: ["--principals", principals], token: Self.token("admin")) { stack in
            _ = try await stack.startService(
                executable: "employment", service: "employment", instanceID: "employment-grid",
                arguments: ["--db", stack.directory.file("employment.sqlite"), "--credential", Self.credential("employment")])
            let connection = try await stack.connect()
            let employment = Employment.EmploymentClient(connection)
            let clerk = [MetadataKey.authorization: "Bearer \(Self.token("clerk"))"]
            let gridWorker = [MetadataKey.authorization: "Bearer token-of-grid-0101-0123456789"]
            let mine = try await employment.registerJobSeeker(
                Employment.RegisterJobSeekerRequest(
                    idNumber: "110105197512310024", name: "张三", communityCode: "330902001001", gridCode: "330902001001001", category: .unemployed),
                metadata: clerk)
            let other = try await employment.registerJobSeeker(
                Employment.RegisterJobSeekerRequest(
                    idNumber: "110105197512310032", name: "李四", communityCode: "330902001001", gridCode: "330902001001002", category: .unemployed),
                metadata: clerk)
            func refusal(_ body: () async throws -> Void) async -> RPCError? {
                do {
                    try await body()
                    return nil
                } catch let error as RPCError {
                    return error
                } catch {
                    return RPCError(.unknown, "\(error)")
                }
            }
            #expect(try await employment.getJobSeeker(Employment.GetJobSeekerRequest(seekerId: mine.seekerId), metadata: gridWorker).seekerId == mine.seekerId)
            let outside = await refusal {
                _ = try await employment.getJobSeeker(Employment.GetJobSeekerRequest(seekerId: other.seekerId), metadata: gridWorker)
            }
            #expect(outside?.code == .permissionDenied && outside?.violations.first?.field == "seeker_id", "\(String(describing: outside))")
            let own = try await employment.listJobSeekers(
                Employment.ListJobSeekersRequest(communityCode: "330902001001", gridCode: "330902001001001"), metadata: gridWorker)
            #expect(own.seekers.map(\.seekerId) == [mine.seekerId])
            let otherGrid = await refusal {
                _ = try await employment.listJobSeekers(
                    Employment.ListJobSeekersRequest(communityCode: "330902001001", gridCode: "330902001001002"), metadata: gridWorker)
            }
            #expect(otherGrid?.code == .permissionDenied, "\(String(describing: otherGrid))")
            let whole = await refusal {
                _ = try await employment.listJobSeekers(Employment.ListJobSeekersRequest(communityCode: "330902001001"), metadata: gridWorker)
            }
            #expect(whole?.code == .invalidArgument && whole?.violations.first?.field == "grid_code", "\(String(describing: whole))")
            // The clerk is not limited to a grid.
            #expect(try await employment.listJobSeekers(Employment.ListJobSeekersRequest(communityCode: "330902001001"), metadata: clerk).seekers.count == 2)
            await connection.close()
        }
    }

    @Test("a composed call carries the person's rights, not the service's, and is recorded with both")
    func composedCalls() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let principals = try Self.principalsFile(in: directory)
        try await withRunningStack(brokerArguments: ["--principals", principals], token: Self.token("admin")) { stack in
            _ = try await stack.startEcho(instanceID: "echo-relay", arguments: ["--credential", Self.credential("echo")])
            _ = try await stack.startService(
                executable: "employment", service: "employment", instanceID: "employment-relay",
                arguments: ["--db", stack.directory.file("employment.sqlite"), "--credential", Self.credential("employment")])
            let connection = try await stack.connect()
            let echo = Echo.EchoClient(connection)
            func relay(as role: String) async -> RPCError? {
                do {
                    _ = try await echo.relay(
                        Echo.RelayRequest(service: "employment", method: "RecordPlacement", text: "S1"),
                        metadata: [MetadataKey.authorization: "Bearer \(Self.token(role))", MetadataKey.purpose: "relay test"])
                    return nil
                } catch let error as RPCError {
                    return error
                } catch {
                    return RPCError(.unknown, "\(error)")
                }
            }
            // Echo may call anything as a service, but a clerk may not place: the relay is refused.
            #expect(await relay(as: "clerk")?.code == .permissionDenied)
            // Employment staff may: the nested call reaches the office (which finds no such seeker).
            let staff = await relay(as: "employment")
            #expect(staff?.code != .permissionDenied && staff != nil, "\(String(describing: staff))")
            // A caller cannot borrow rights with a made-up handle.
            let forged = try? await connection.callRaw(
                service: "echo", method: "Echo", payload: [],
                metadata: [MetadataKey.authorization: "Bearer \(Self.token("clerk"))", MetadataKey.onBehalfOf: "1.2"])
            #expect(forged == nil)

            let auditor = [MetadataKey.authorization: "Bearer \(Self.token("auditor"))"]
            var nested: [Window.AuditEntry] = []
            try await waitUntil("the nested calls to be in the audit log", timeout: .seconds(30)) {
                let actions = try await Window.WindowClient(connection).listPrincipalActions(
                    Window.ListPrincipalActionsRequest(principal: "employment-01"), metadata: auditor)
                nested = actions.entries.filter { $0.service == "employment" && $0.method == "RecordPlacement" }
                return !nested.isEmpty
            }
            #expect(nested.first?.principal == "service:echo" && nested.first?.onBehalfOf == "employment-01")
            #expect(nested.first?.purpose == "relay test")
            await connection.close()
        }
    }

    @Test("window admin: an administrator issues and revokes tokens over the wire, in effect at once; nobody else may")
    func adminOverTheWire() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let principals = try Self.principalsFile(in: directory)
        try await withRunningStack(brokerArguments: ["--principals", principals], token: Self.token("admin")) { stack in
            _ = try await stack.startEcho(instanceID: "echo-admin", arguments: ["--credential", Self.credential("echo")])
            let issued = try await stack.window(["--token", Self.token("admin"), "admin", "issue", "clerk-55", "--role", "clerk"])
            #expect(issued.status == 0, "\(issued.stderr)")
            let token = issued.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let who = try await stack.window(["--token", token, "call", "echo.WhoAmI"])
            #expect(who.status == 0 && who.stdout.contains("clerk-55"), "\(who.stderr)")
            let listed = try await stack.window(["--token", Self.token("auditor"), "admin", "list"])
            #expect(listed.stdout.contains("clerk-55\troles=clerk") && !listed.stdout.contains(token))
            let byClerk = try await stack.window(["--token", Self.token("clerk"), "admin", "issue", "clerk-56", "--role", "admin"])
            #expect(byClerk.status == 17, "a clerk issued a token: \(byClerk.stdout)")
            let revoked = try await stack.window(["--token", Self.token("admin"), "admin", "revoke", "clerk-55"])
            #expect(revoked.status == 0 && revoked.stdout.contains("revoked 1"), "\(revoked.stderr)")
            let after = try await stack.window(["--token", token, "call", "echo.WhoAmI"])
            #expect(after.status == 26, "the revoked token still works: \(after.stdout)")
        }
    }

    @Test("authorization never reaches a service; x-… keys a caller sends are replaced by the broker's")
    func metadataIsTheBrokers() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let principals = try Self.principalsFile(in: directory)
        try await withRunningStack(brokerArguments: ["--principals", principals], token: Self.token("admin")) { stack in
            _ = try await stack.startEcho(instanceID: "echo-metadata", arguments: ["--credential", Self.credential("echo")])
            let connection = try await stack.connect()
            let reply = try await Echo.EchoClient(connection).whoAmI(
                Echo.WhoAmIRequest(),
                metadata: [
                    MetadataKey.authorization: "Bearer \(Self.token("clerk"))", "x-principal-roles": "employment,admin", "x-anything": "forged",
                    "purpose": "family visit",
                ])
            #expect(reply.principalId == "clerk-01")
            #expect(reply.roles == ["clerk"])
            #expect(!reply.metadataKeys.contains(MetadataKey.authorization))
            #expect(!reply.metadataKeys.contains("x-anything"))
            #expect(reply.metadataKeys.contains("x-principal-id") && reply.metadataKeys.contains("purpose"))
            await connection.close()
        }
    }

    @Test("metadata limits: too many entries or too many bytes is RESOURCE_EXHAUSTED naming the limit")
    func metadataLimits() async throws {
        try await withRunningStack { stack in
            _ = try await stack.startEcho(instanceID: "echo-limits")
            let connection = try await stack.connect()
            var many: [String: String] = [:]
            for i in 0..<65 { many["k\(i)"] = "v" }
            let tooMany = await call(connection, "echo.Echo", as: nil, metadata: many)
            #expect(tooMany?.code == .resourceExhausted && tooMany?.message.contains("limit of 64") == true, "\(String(describing: tooMany))")
            let big = await call(connection, "echo.Echo", as: nil, metadata: ["purpose": String(repeating: "长", count: 3000)])
            #expect(big?.code == .resourceExhausted && big?.message.contains("8192") == true, "\(String(describing: big))")
            #expect(await call(connection, "echo.Echo", as: nil, metadata: ["purpose": "review"]) == nil)
            await connection.close()
        }
    }

    @Test("a request too large for the service once forwarded is refused stating both sizes; the service link stays up")
    func forwardedSize() async throws {
        try await withRunningStack { stack in
            _ = try await stack.startEcho(instanceID: "echo-small", arguments: ["--max-frame-bytes", "65536"])
            let connection = try await stack.connect()
            let big = try Echo.EchoRequest(blob: Array(repeating: 7, count: 65_500)).serializedBytes()
            let refused = await call(connection, "echo.Echo", as: nil, payload: big)
            #expect(refused?.code == .resourceExhausted, "\(String(describing: refused))")
            #expect(refused?.message.contains("65536") == true, "\(String(describing: refused))")
            let fits = try Echo.EchoRequest(blob: Array(repeating: 7, count: 60_000)).serializedBytes()
            #expect(await call(connection, "echo.Echo", as: nil, payload: fits) == nil)
            #expect(try await stack.instances(of: "echo") == ["echo-small"])
            await connection.close()
        }
    }

    @Test("an instance id re-registered while the first link lives: no crash, the new link replaces it and the old process stops")
    func reRegistration() async throws {
        try await withRunningStack { stack in
            let first = try await stack.startEcho(instanceID: "echo-same")
            let second = try await stack.start("echo-service", ["--broker", stack.brokerAddress.description, "--instance-id", "echo-same"])
            // The broker drops the first link for the second (a restarted container keeps its
            // host name, and so its id) and tells the first ALREADY_EXISTS: a first process still
            // alive stops instead of reconnecting and taking the id back (two live holders would
            // flap for ever).
            try await waitUntil("the second registration to replace the first", timeout: .seconds(30)) {
                second.log.contains("registered with broker")
            }
            let status = await first.waitForExit(timeout: 60)
            #expect(status != nil && status != 0, "the replaced process exits with an error")
            #expect(first.log.contains("another process registered with this instance id"))
            #expect(try await stack.isHealthy())
            #expect(try await stack.instances(of: "echo") == ["echo-same"])
            for _ in 0..<20 {
                let connection = try await stack.connect()
                #expect(await call(connection, "echo.Echo", as: nil) == nil)
                await connection.close()
            }
            #expect(second.isRunning)
        }
    }

    @Test("a service's direct listener serves anonymous callers: principal metadata they send is ignored")
    func directListenerIsAnonymous() async throws {
        try await withRunningStack { stack in
            let echo = try await stack.startEcho(instanceID: "echo-direct", arguments: ["--listen", "127.0.0.1:0"])
            let address = try await echo.announcedAddress("serving direct clients on ")
            let connection = try await WireConnection.connect(to: address)
            let reply = try await Echo.EchoClient(connection).whoAmI(
                Echo.WhoAmIRequest(), metadata: ["x-principal-id": "forged", "x-principal-roles": "employment", MetadataKey.authorization: "Bearer x"])
            #expect(reply.principalId == "anonymous")
            #expect(reply.roles.isEmpty)
            #expect(!reply.metadataKeys.contains { $0.hasPrefix("x-") || $0 == MetadataKey.authorization })
            await connection.close()
        }
    }
}
