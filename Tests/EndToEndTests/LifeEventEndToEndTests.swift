import AssistanceContract
import EmploymentContract
import Foundation
import GRDB
import HealthContract
import NIOCore
import SecurityContract
import TestSupport
import Testing
import WindowContract
import WireClient
import WireProtocol

/// Life events handled once (一件事一次办): one intake at the window, one receipt, the offices'
/// steps sent on the clerk's behalf — retried while an office is down, resumed after the broker is
/// killed, each done exactly once.
@Suite("End to end: life events taken in once at the window", .serialized)
struct LifeEventEndToEndTests {
    typealias Roles = TrustBoundaryTests

    static func metadata(_ role: String, key: String? = nil) -> [String: String] {
        var metadata = [MetadataKey.authorization: "Bearer \(Roles.token(role))"]
        if let key { metadata[MetadataKey.idempotencyKey] = key }
        return metadata
    }

    static let (community, grid) = ("330902001001", "330902001001002")
    /// Life events retry quickly here: an office that comes back is asked again within half a second.
    static let brokerArguments = ["--step-retry-max-ms", "500"]

    /// The stack with principals and all four offices; `body` gets a connection and the offices'
    /// processes by name (to stop and start them again).
    func withOffices(_ body: (RunningStack, WireConnection, [String: ManagedProcess]) async throws -> Void) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let principals = try Roles.principalsFile(in: directory)
        try await withRunningStack(brokerArguments: ["--principals", principals] + Self.brokerArguments, token: Roles.token("admin")) { stack in
            try await ResidentOverviewTests.waitForComposition(stack)
            var processes: [String: ManagedProcess] = [:]
            for office in ResidentOverviewTests.offices {
                processes[office] = try await startOffice(office, on: stack)
            }
            let connection = try await stack.connect()
            try await body(stack, connection, processes)
            await connection.close()
        }
    }

    func startOffice(_ office: String, on stack: RunningStack) async throws -> ManagedProcess {
        try await stack.startService(
            executable: office, service: office, instanceID: "\(office)-events",
            arguments: ["--db", stack.directory.file("\(office).sqlite"), "--credential", Roles.credential(office)])
    }

    static func person(_ idNumber: String, name: String) -> Window.PersonForm {
        Window.PersonForm(idNumber: idNumber, name: name, communityCode: community, gridCode: grid, address: "海滨路 8 号 2 单元", phone: "13800138000")
    }

    static func newcomer(_ idNumber: String, job: Bool = true) -> Window.StartLifeEventRequest {
        Window.StartLifeEventRequest(
            kind: .lifeEventNewcomer,
            newcomer: Window.NewcomerForm(
                person: person(idNumber, name: "陈新"), arrivalDate: "2026-03-02", expectedStayDays: 365, landlord: "王五", contraceptiveMethod: "IUD",
                registerJobSeeker: job, skills: ["cooking"], wishes: "白班", acceptsPromise: true))
    }

    func start(_ connection: WireConnection, _ request: Window.StartLifeEventRequest, key: String? = nil) async throws -> Window.LifeEvent {
        try await Window.WindowCompositionClient(connection).startLifeEvent(request, metadata: Self.metadata("clerk", key: key))
    }

    func event(_ connection: WireConnection, _ receipt: String) async throws -> Window.LifeEvent {
        try await Window.WindowCompositionClient(connection).getLifeEvent(Window.GetLifeEventRequest(receipt: receipt), metadata: Self.metadata("clerk"))
    }

    /// Polls the event until `condition` holds for it; returns it then.
    func waitFor(
        _ stack: RunningStack, _ receipt: String, _ what: String, timeout: Duration = .seconds(60), _ condition: @escaping (Window.LifeEvent) -> Bool
    ) async throws -> Window.LifeEvent {
        var last: Window.LifeEvent?
        try await waitUntil("life event \(receipt): \(what)", timeout: timeout) {
            let connection = try await stack.connect()
            defer { Task { await connection.close() } }
            guard let event = try? await self.event(connection, receipt) else { return false }
            last = event
            return condition(event)
        }
        return last!
    }

    func finished(_ stack: RunningStack, _ receipt: String) async throws -> Window.LifeEvent {
        try await waitFor(stack, receipt, "to finish") { $0.state != .lifeEventInProgress }
    }

    func step(_ event: Window.LifeEvent, _ name: String) -> Window.LifeEventStep? {
        event.steps.first { $0.step == name }
    }

    @Test("a newcomer, a release and a 低保 application each complete end to end; the intake is the clerk's, retried intakes are one event")
    func eachEvent() async throws {
        try await withOffices { stack, connection, _ in
            // Newcomer: security, health (record + family planning), employment.
            let newcomerID = EmploymentEndToEndTests.idNumber(day: 3, sequence: 41)
            let taken = try await start(connection, Self.newcomer(newcomerID), key: "intake-1")
            #expect(taken.receipt.hasPrefix("SL") && taken.receipt.count == 16, "\(taken.receipt)")
            #expect(taken.idNumberMasked == String(newcomerID.prefix(6)) + "********" + String(newcomerID.suffix(4)))
            #expect(taken.takenBy == "clerk-01")
            #expect(taken.steps.map(\.step) == ["security.arrival", "health.record", "health.family-planning", "employment.seeker"])
            let again = try await start(connection, Self.newcomer(newcomerID), key: "intake-1")
            #expect(again.receipt == taken.receipt, "a retried intake is the same event")

            let newcomer = try await finished(stack, taken.receipt)
            #expect(newcomer.state == .lifeEventCompleted, "\(newcomer.steps)")
            #expect(newcomer.steps.allSatisfy { $0.state == .stepDone && $0.attempts == 1 }, "\(newcomer.steps)")
            let security = Security.SecurityClient(connection)
            let registration = try await security.getFloatingResident(
                Security.GetFloatingResidentRequest(idNumber: newcomerID), metadata: ResidentOverviewTests.metadata("security"))
            #expect(step(newcomer, "security.arrival")?.result == registration.registrationId)
            let record = try await Health.HealthClient(connection).getHealthRecord(
                Health.GetHealthRecordRequest(idNumber: newcomerID), metadata: ResidentOverviewTests.metadata("health"))
            #expect(step(newcomer, "health.record")?.result == record.recordId && record.residence == .floating)
            let seeker = try await Employment.EmploymentClient(connection).getJobSeeker(
                Employment.GetJobSeekerRequest(idNumber: newcomerID), metadata: ResidentOverviewTests.metadata("employment"))
            #expect(step(newcomer, "employment.seeker")?.result == seeker.seekerId && seeker.category == .migrantWorker)

            // Release from prison: resettlement case, job seeker as released prisoner, household check.
            let releasedID = EmploymentEndToEndTests.idNumber(day: 4, sequence: 51)
            let release = try await start(
                connection,
                Window.StartLifeEventRequest(
                    kind: .lifeEventRelease, release: Window.ReleaseForm(person: Self.person(releasedID, name: "赵归"), releaseDate: "2026-11-02")))
            let released = try await finished(stack, release.receipt)
            #expect(released.state == .lifeEventCompleted, "\(released.steps)")
            let caseID = try #require(step(released, "security.resettlement")?.result)
            let opened = try await security.getCase(Security.GetCaseRequest(caseId: caseID), metadata: ResidentOverviewTests.metadata("security"))
            #expect(opened.kind == .resettlement && opened.termStart == "2026-11-02" && opened.termEnd == "2031-11-01")
            let releasedSeeker = try await Employment.EmploymentClient(connection).getJobSeeker(
                Employment.GetJobSeekerRequest(idNumber: releasedID), metadata: ResidentOverviewTests.metadata("employment"))
            #expect(releasedSeeker.category == .releasedPrisoner)
            #expect(released.evidence.map(\.finding) == ["社会救助无家庭登记: 如生活困难可申请低保"])

            // 低保: the checks first (kept as evidence), then the household and the application.
            let head = EmploymentEndToEndTests.idNumber(day: 5, sequence: 61)
            let spouse = EmploymentEndToEndTests.idNumber(day: 6, sequence: 72)
            _ = try await Health.HealthClient(connection).createHealthRecord(
                Health.CreateHealthRecordRequest(
                    idNumber: spouse, name: "钱芳", communityCode: Self.community, gridCode: Self.grid, residence: .registered, disabled: true),
                metadata: ResidentOverviewTests.metadata("health"))
            let dibao = try await start(
                connection,
                Window.StartLifeEventRequest(
                    kind: .lifeEventDibao,
                    dibao: Window.DibaoForm(
                        communityCode: Self.community, gridCode: Self.grid, address: "海滨路 9 号",
                        members: [
                            Window.DibaoMember(idNumber: head, name: "钱强", relation: "户主", monthlyIncomeFen: 40_000, workCapacity: "full", head: true),
                            Window.DibaoMember(idNumber: spouse, name: "钱芳", relation: "配偶", monthlyIncomeFen: 0, workCapacity: "none"),
                        ])))
            #expect(dibao.steps.map(\.step) == ["employment.check.0", "health.check.0", "health.check.1", "assistance.household", "assistance.application"])
            let applied = try await finished(stack, dibao.receipt)
            #expect(applied.state == .lifeEventCompleted, "\(applied.steps)")
            #expect(
                applied.evidence.map(\.finding).sorted()
                    == ["无健康档案", "未做求职登记", "健康档案 \(step(applied, "health.check.1")?.result ?? "?"): 残疾 是, 慢性病 否"].sorted())
            #expect(applied.evidence.allSatisfy { $0.subjectMasked.contains("********") && $0.checkedAtMs > 0 })
            let allowance = try await Assistance.AssistanceClient(connection).getCase(
                Assistance.GetCaseRequest(caseId: step(applied, "assistance.application")?.result ?? ""), metadata: ResidentOverviewTests.metadata("assistance")
            )
            #expect(allowance.householdId == step(applied, "assistance.household")?.result && allowance.members == 2)
            // The checks are kept with the case, as they stood when applied, for the staff who decide.
            #expect(allowance.evidence.map(\.finding) == applied.evidence.map(\.finding))
            #expect(allowance.evidence.allSatisfy { $0.source == dibao.receipt })
            let asClerk = try await Assistance.AssistanceClient(connection).getCase(
                Assistance.GetCaseRequest(caseId: allowance.caseId), metadata: Self.metadata("clerk"))
            #expect(asClerk.evidence.isEmpty && asClerk.meansHidden)

            // Every office call was made for the clerk, through the window, and is in the audit log.
            try await waitUntil("the steps' calls to be in the audit log", timeout: .seconds(30)) {
                let actions = try await Window.WindowClient(connection).listPrincipalActions(
                    Window.ListPrincipalActionsRequest(principal: "clerk-01", pageSize: 200), metadata: ResidentOverviewTests.metadata("auditor"))
                return actions.entries.contains { $0.service == "assistance" && $0.method == "ApplyForAllowance" && $0.principal == "service:window" }
            }
            let accesses = try await Window.WindowClient(connection).listResidentAccesses(
                Window.ListResidentAccessesRequest(idNumber: newcomerID), metadata: ResidentOverviewTests.metadata("auditor"))
            #expect(accesses.entries.contains { $0.method == "RegisterArrival" && $0.onBehalfOf == "clerk-01" })
            #expect(accesses.entries.contains { $0.method == "StartLifeEvent" && $0.principal == "clerk-01" })
        }
    }

    @Test("a bad form is refused at intake with the field named; nothing is stored; a grid worker may not take events in")
    func badForms() async throws {
        try await withOffices { stack, connection, _ in
            var request = Self.newcomer(EmploymentEndToEndTests.withWrongCheckCharacter(EmploymentEndToEndTests.idNumber(day: 7)))
            request.newcomer?.expectedStayDays = 0
            let refused = await refusal { _ = try await start(connection, request) }
            #expect(refused?.code == .invalidArgument)
            #expect(Set(refused?.violations.map(\.field) ?? []) == ["newcomer.person.id_number", "newcomer.expected_stay_days"])
            let noForm = await refusal { _ = try await start(connection, Window.StartLifeEventRequest(kind: .lifeEventDibao)) }
            #expect(noForm?.code == .invalidArgument)
            let gridWorker = await refusal {
                _ = try await Window.WindowCompositionClient(connection).startLifeEvent(
                    Self.newcomer(EmploymentEndToEndTests.idNumber(day: 8)), metadata: Self.metadata("grid-worker"))
            }
            #expect(gridWorker?.code == .permissionDenied)
            let unknown = await refusal { _ = try await event(connection, "SL20260101999999") }
            #expect(unknown?.code == .notFound)
        }
    }

    @Test("an office refusing a step for good: the step shows its reason, the event what the clerk must do; the other steps are still done")
    func refusedStep() async throws {
        try await withOffices { stack, connection, _ in
            let idNumber = EmploymentEndToEndTests.idNumber(day: 9, sequence: 33)
            // The resident already has an open resettlement case: security refuses a second one.
            let first = try await start(
                connection,
                Window.StartLifeEventRequest(
                    kind: .lifeEventRelease, release: Window.ReleaseForm(person: Self.person(idNumber, name: "孙回"), releaseDate: "2026-10-01")))
            _ = try await finished(stack, first.receipt)
            let second = try await start(
                connection,
                Window.StartLifeEventRequest(
                    kind: .lifeEventRelease, release: Window.ReleaseForm(person: Self.person(idNumber, name: "孙回"), releaseDate: "2026-10-01")))
            let event = try await finished(stack, second.receipt)
            #expect(event.state == .lifeEventNeedsAction)
            let refused = try #require(step(event, "security.resettlement"))
            #expect(refused.state == .stepRejected && refused.message.contains("already has an active") && !refused.nextAction.isEmpty)
            #expect(event.nextAction.hasPrefix("安置帮教建档: "), "\(event.nextAction)")
            #expect(step(event, "employment.seeker")?.state == .stepDone, "already registered: the seeker found is the step's result")

            // The clerks' worklist: what needs action, newest first, a page at a time.
            let composition = Window.WindowCompositionClient(connection)
            let needing = try await composition.listLifeEvents(
                Window.ListLifeEventsRequest(state: .lifeEventNeedsAction), metadata: Self.metadata("clerk"))
            #expect(needing.events.map(\.receipt) == [second.receipt])
            #expect(needing.events.first?.stepsEnded == 3 && needing.events.first?.steps == 3 && needing.events.first?.nextAction == event.nextAction)
            let all = try await composition.listLifeEvents(Window.ListLifeEventsRequest(pageSize: 1), metadata: Self.metadata("auditor"))
            #expect(all.events.map(\.receipt) == [second.receipt] && !all.nextPageToken.isEmpty)
            let next = try await composition.listLifeEvents(
                Window.ListLifeEventsRequest(pageSize: 1, pageToken: all.nextPageToken), metadata: Self.metadata("auditor"))
            #expect(next.events.map(\.receipt) == [first.receipt] && next.nextPageToken.isEmpty)
            let elsewhere = try await composition.listLifeEvents(
                Window.ListLifeEventsRequest(communityCode: "330902001002"), metadata: Self.metadata("clerk"))
            #expect(elsewhere.events.isEmpty)
            let badCommunity = await refusal {
                _ = try await composition.listLifeEvents(Window.ListLifeEventsRequest(communityCode: "12"), metadata: Self.metadata("clerk"))
            }
            #expect(badCommunity?.code == .invalidArgument)
            // The resident rates the event, per office that took part in it, once it has ended.
            func rate(_ office: String, _ receipt: String) async throws -> Window.Evaluation {
                try await composition.rateService(
                    Window.RateServiceRequest(office: office, subject: receipt, communityCode: Self.community, level: .dissatisfied, comment: "跑了两次"),
                    metadata: Self.metadata("clerk"))
            }
            #expect(try await !rate("security", second.receipt).rectificationId.isEmpty)
            #expect(await refusal { _ = try await rate("health", second.receipt) }?.code == .failedPrecondition, "health took no part in a release")
            #expect(await refusal { _ = try await rate("security", "SL20260101999999") }?.code == .notFound)
            let cli = try await stack.window(["--token", Roles.token("clerk"), "event", "list", "--state", "needs-action"])
            #expect(cli.status == 0 && cli.stdout.contains(second.receipt) && cli.stdout.contains("需窗口处理"), "\(cli.stdout)\(cli.stderr)")
        }
    }

    @Test("an event started while an office is down completes once it is back, with one record in it")
    func officeDown() async throws {
        try await withOffices { stack, connection, processes in
            await processes["health"]!.stop()
            try await stack.waitUntilGone("health-events", of: "health")
            let idNumber = EmploymentEndToEndTests.idNumber(day: 10, sequence: 21)
            let taken = try await start(connection, Self.newcomer(idNumber, job: false))
            let waiting = try await waitFor(stack, taken.receipt, "the health step to be retried") {
                ($0.steps.first { $0.step == "health.record" }?.attempts ?? 0) >= 2
            }
            #expect(waiting.state == .lifeEventInProgress)
            #expect(step(waiting, "health.record")?.state == .stepRetrying && step(waiting, "health.record")?.message.hasPrefix("UNAVAILABLE") == true)
            #expect(step(waiting, "security.arrival")?.state == .stepDone)
            #expect(step(waiting, "employment.seeker")?.state == .stepSkipped)
            let early = await refusal {
                _ = try await Window.WindowCompositionClient(connection).rateService(
                    Window.RateServiceRequest(office: "security", subject: taken.receipt, communityCode: Self.community, level: .satisfied),
                    metadata: Self.metadata("clerk"))
            }
            #expect(early?.code == .failedPrecondition, "an event in progress is not rated yet")

            _ = try await startOffice("health", on: stack)
            let done = try await finished(stack, taken.receipt)
            #expect(done.state == .lifeEventCompleted, "\(done.steps)")
            #expect(step(done, "security.arrival")?.attempts == 1)
            let records = try await Health.HealthClient(connection).listHealthRecords(
                Health.ListHealthRecordsRequest(communityCode: Self.community, pageSize: 100), metadata: ResidentOverviewTests.metadata("health"))
            #expect(records.records.filter { $0.idNumber == idNumber }.count == 1)
        }
    }

    @Test("the broker killed with kill -9 in the middle of an event resumes it after restart and finishes it once")
    func brokerKilled() async throws {
        try await withOffices { stack, connection, processes in
            await processes["employment"]!.stop()
            try await stack.waitUntilGone("employment-events", of: "employment")
            let idNumber = EmploymentEndToEndTests.idNumber(day: 11, sequence: 13)
            let taken = try await start(connection, Self.newcomer(idNumber))
            let before = try await waitFor(stack, taken.receipt, "the first three steps done, employment retried") {
                $0.steps.prefix(3).allSatisfy { $0.state == .stepDone } && ($0.steps.last?.attempts ?? 0) >= 1
            }
            stack.broker.kill9()
            _ = await stack.broker.waitForExit()
            try await stack.restartBroker(arguments: Self.brokerArguments)  // principals are in broker.sqlite already
            try await ResidentOverviewTests.waitForComposition(stack)
            _ = try await startOffice("employment", on: stack)
            let after = try await finished(stack, taken.receipt)
            #expect(after.state == .lifeEventCompleted, "\(after.steps)")
            for (old, new) in zip(before.steps.prefix(3), after.steps.prefix(3)) {
                #expect(old.result == new.result && new.attempts == 1, "\(new.step) was done once")
            }
            let connection = try await stack.connect()
            let seekers = try await Employment.EmploymentClient(connection).listJobSeekers(
                Employment.ListJobSeekersRequest(communityCode: Self.community, pageSize: 100), metadata: ResidentOverviewTests.metadata("employment"))
            #expect(seekers.seekers.filter { $0.idNumber == idNumber }.count == 1)
            await connection.close()
        }
    }

    @Test(
        "a clerk's delegation serves only the window's link: a person or another service presenting it is refused, and no service obtains one without a call in flight"
    )
    func delegationBoundary() async throws {
        try await withOffices { stack, connection, processes in
            await processes["employment"]!.stop()
            try await stack.waitUntilGone("employment-events", of: "employment")
            let idNumber = EmploymentEndToEndTests.idNumber(day: 12, sequence: 15)
            let taken = try await start(connection, Self.newcomer(idNumber))
            _ = try await waitFor(stack, taken.receipt, "employment to be retried") { ($0.steps.last?.attempts ?? 0) >= 1 }
            let database = try DatabaseQueue(
                path: stack.directory.file("broker.sqlite"),
                configuration: {
                    var c = Configuration(); c.readonly = true; return c
                }())
            let token = try await database.read { db in
                try String.fetchOne(db, sql: "SELECT delegation FROM life_events WHERE receipt = ?", arguments: [taken.receipt])
            }
            try database.close()
            let delegation = try #require(token)
            #expect(delegation.hasPrefix("dlg_") && delegation.count == 68)
            let lookup = try Security.GetFloatingResidentRequest(idNumber: idNumber).serializedBytes()

            // A person presenting it.
            let asClerk = await refusal {
                _ = try await connection.callRaw(
                    service: "security", method: "GetFloatingResident", payload: lookup,
                    metadata: [MetadataKey.authorization: "Bearer \(Roles.token("clerk"))", MetadataKey.onBehalfOf: delegation])
            }
            #expect(asClerk?.code == .permissionDenied, "\(String(describing: asClerk))")

            // Another service's link presenting it, or asking for a delegation of its own.
            let impostor = try await stack.connect()
            let registration = try Wire.RegisterRequest(
                service: "echo", instanceId: "echo-impostor",
                methods: [Wire.MethodDescriptor(name: "Echo", requestType: "echo.EchoRequest", responseType: "echo.EchoResponse", allowedRoles: ["any"])]
            ).serializedBytes()
            let registered = try await impostor.call(
                Wire.Frame(
                    kind: .register, service: "echo", metadata: [MetadataKey.authorization: "Bearer \(Roles.credential("echo"))"], payload: registration),
                timeout: .seconds(10))
            #expect(registered.status?.code == .ok)
            let borrowed = await refusal {
                _ = try await impostor.callRaw(
                    service: "security", method: "GetFloatingResident", payload: lookup, metadata: [MetadataKey.onBehalfOf: delegation])
            }
            #expect(borrowed?.code == .permissionDenied, "\(String(describing: borrowed))")
            let granted = await refusal {
                _ = try await Window.WindowClient(impostor).grantDelegation(
                    Window.GrantDelegationRequest(reference: "mine", methods: ["security.GetFloatingResident"], validHours: 1))
            }
            #expect(granted?.code == .permissionDenied, "\(String(describing: granted))")
            let ended = await refusal {
                _ = try await Window.WindowClient(connection).endDelegation(
                    Window.EndDelegationRequest(token: delegation), metadata: Self.metadata("clerk"))
            }
            #expect(ended?.code == .permissionDenied)
            await impostor.close()

            // The event still finishes with it, once employment is back.
            _ = try await startOffice("employment", on: stack)
            #expect(try await finished(stack, taken.receipt).state == .lifeEventCompleted)
        }
    }

    static func form(_ name: String) -> String {
        URL(fileURLWithPath: RunningStack.demoCommunities).deletingLastPathComponent().appendingPathComponent("forms/\(name).json").path
    }

    @Test("window event newcomer | dibao | status: the deploy/forms examples taken in, a progress line while the steps complete, the event as readable text")
    func clerkCommands() async throws {
        try await withOffices { stack, _, processes in
            let clerk = ["--token", Roles.token("clerk")]
            // Employment is down for a moment: the progress line shows the step waiting for it.
            await processes["employment"]!.stop()
            try await stack.waitUntilGone("employment-events", of: "employment")
            let pending = try await stack.window(clerk + ["event", "newcomer", "--file", Self.form("newcomer"), "--wait", "0", "--idempotency-key", "cli-1"])
            #expect(pending.status == 0, "\(pending.stderr)")
            let receipt = try #require(pending.stdout.split(separator: " ").dropFirst().first.map(String.init))
            #expect(receipt.hasPrefix("SL"), "\(pending.stdout)")
            #expect(pending.stdout.contains("新市民落脚") && pending.stdout.contains("流动人口登记") && pending.stdout.contains("330902********0038"))
            #expect(!pending.stdout.contains("330902198804120038"), "the clerk's screen shows the ID number masked")
            _ = try await waitFor(stack, receipt, "employment retried") { ($0.steps.last?.attempts ?? 0) >= 1 }
            _ = try await startOffice("employment", on: stack)
            let followed = try await stack.window(clerk + ["event", "status", receipt, "--wait", "60"])
            #expect(followed.status == 0, "\(followed.stderr)")
            #expect(followed.stdout.contains("已办结") && followed.stdout.contains("求职登记"), "\(followed.stdout)")

            let dibao = try await stack.window(clerk + ["event", "dibao", "--file", Self.form("dibao"), "--wait", "60"])
            #expect(dibao.status == 0, "\(dibao.stderr)")
            #expect(dibao.stdout.contains("低保申请  已办结") && dibao.stdout.contains("核查证据(办理时)") && dibao.stdout.contains("未做求职登记"), "\(dibao.stdout)")
            #expect(dibao.stderr.contains("项已办理"), "a progress line while the steps complete: \(dibao.stderr)")

            let json = try await stack.window(clerk + ["event", "status", receipt, "--json"])
            #expect(json.stdout.contains("\"state\": \"LIFE_EVENT_COMPLETED\""), "\(json.stdout)")
            let bad = try await stack.window(clerk + ["event", "release", "--file", "/nonexistent/form.json"])
            #expect(bad.status != 0 && bad.stderr.contains("cannot be read"))
        }
    }
}
