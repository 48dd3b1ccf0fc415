import Domain
import Foundation
import GRDB
import Logging
import NIOCore
import Storage
import TestSupport
import Testing
import WindowContract

@testable import WindowComposition

/// The life-event runner's own rules, without offices: the retry waits, the bound on events
/// worked on at once, and an intake's receipt and steps as stored.
@Suite("Window: the life-event runner")
struct LifeEventRunnerTests {
    static let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    @Test("waits double from the first, are capped, and jitter by at most a fifth")
    func backoff() {
        let backoff = LifeEventRunner.Backoff(initial: .milliseconds(200), maximum: .seconds(2))
        for (attempt, nominal) in [(1, 200), (2, 400), (3, 800), (4, 1600), (5, 2000), (40, 2000)] {
            let wait = backoff.delay(after: attempt).nanoseconds / 1_000_000
            #expect(wait >= Int64(nominal) * 8 / 10 && wait <= Int64(nominal) * 12 / 10, "attempt \(attempt): \(wait) ms")
        }
    }

    @Test("an intake is stored with its receipt and planned steps (skipped ones marked); a retried key finds it")
    func intakeStored() async throws {
        try await withTemporaryDirectory { directory in
            let database = try AuditStoreTests.openBrokerDatabase(directory.file("broker.sqlite"))
            let request = Window.StartLifeEventRequest(
                kind: .lifeEventNewcomer,
                newcomer: Window.NewcomerForm(
                    person: Window.PersonForm(
                        idNumber: "330902198804120038", name: "陈新", communityCode: "330902001001", gridCode: "330902001001002", address: "海滨路 12 号"),
                    arrivalDate: "2026-11-02", expectedStayDays: 30))
            let procedure = try LifeEventProcedures.make(request)
            let intake = LifeEventStore.Intake(
                request: request, kind: .lifeEventNewcomer, idNumberMasked: procedure.subject.masked, communityCode: procedure.communityCode,
                takenBy: "clerk-01", takenAtMs: 1_800_000_000_000, takenOn: try LocalDate(iso: "2026-11-30"), intakeKey: "k1", steps: procedure.steps)
            let (seq, receipt) = try await database.write { db in try LifeEventStore.insert(db, intake) }
            #expect(receipt == "SL20261130000001")
            let event = try #require(try await database.read { db in try LifeEventStore.message(db, seq: seq) })
            #expect(event.steps.map(\.state) == [.stepPending, .stepPending, .stepPending, .stepSkipped])
            #expect(event.steps.last?.message == "表单未申请求职登记")
            #expect(event.idNumberMasked == "330902********0038" && event.state == .lifeEventInProgress)
            #expect(try await database.read { db in try LifeEventStore.seq(db, takenBy: "clerk-01", intakeKey: "k1") } == seq)
            #expect(try await database.read { db in try LifeEventStore.seq(db, takenBy: "clerk-02", intakeKey: "k1") } == nil)
            #expect(try await database.read { db in try LifeEventStore.unfinished(db) } == [seq])
            #expect(try await database.read { db in try LifeEventStore.unfinishedCount(db) } == 1)
            #expect(try await database.write { db in try LifeEventStore.finish(db, seq: seq) } == .lifeEventCompleted, "no step refused")
            #expect(try await database.read { db in try LifeEventStore.unfinishedCount(db) } == 0)
            // An intake removed (its delegation refused) does not give its receipt to the next one.
            let unkeyed = LifeEventStore.Intake(
                request: request, kind: .lifeEventNewcomer, idNumberMasked: procedure.subject.masked, communityCode: procedure.communityCode,
                takenBy: "clerk-01", takenAtMs: 1_800_000_000_000, takenOn: try LocalDate(iso: "2026-11-30"), intakeKey: nil, steps: procedure.steps)
            let (removed, _) = try await database.write { db in try LifeEventStore.insert(db, unkeyed) }
            try await database.write { db in try LifeEventStore.delete(db, seq: removed) }
            let (_, next) = try await database.write { db in try LifeEventStore.insert(db, unkeyed) }
            #expect(removed == 2 && next == "SL20261130000003")
            try database.close()
        }
    }

    @Test("at most maximumWorking events are worked on at once; the others wait their turn and all get one")
    func bounded() async throws {
        try await withTemporaryDirectory { directory in
            let database = try AuditStoreTests.openBrokerDatabase(directory.file("broker.sqlite"))
            // No runtime attached: each event stops at its first step (and stays in progress).
            let runner = LifeEventRunner(database: database, maximumWorking: 2, logger: Self.quiet)
            for seq in Int64(1)...Int64(5) { runner.start(seq) }
            #expect(runner.load.working <= 2)
            try await waitUntil("every event to have had its turn") { runner.load == (0, 0) }
            try database.close()
        }
    }
}
