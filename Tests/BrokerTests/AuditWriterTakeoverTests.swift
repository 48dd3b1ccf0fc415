import Dispatch
import Foundation
import ServiceLifecycle
import Synchronization
import TestSupport
import Testing

@testable import BrokerKit

/// The audit writer's two threads: an idle writer that a busy machine may starve, and the
/// committer that then prepares as well, at normal priority, so the log keeps up whatever the idle
/// writer gets.
@Suite("Broker: the audit writer's committer takes over from a starved idle writer")
struct AuditWriterTakeoverTests {
    @Test("past the backlog the committer takes over the batch a starved idle writer was preparing; order and chain kept, nothing twice")
    func rescueTakesOverABatch() async throws {
        try await AuditStoreTests.withStore { store in
            let gate = ThreadGate()
            // A delay far beyond the test: only a full batch, the backlog or a flush writes.
            let writer = AuditWriter(
                store: store, configuration: .init(maximumBatch: 20, maximumDelay: .seconds(3600), rescueBacklog: 50, rescueAfter: .seconds(3600)),
                logger: AuditStoreTests.quiet, idleWriterPause: gate.pause)
            try await AuditStoreTests.withRunningWriter(writer) {
                // A full batch wakes the idle writer, which takes it and is held before its commit.
                for number in 1...20 { writer.record(AuditStoreTests.record(number)) }
                try await waitUntil("the idle writer holds its first batch") { gate.isHolding }
                #expect(writer.statistics.appended == 0)
                // 60 unwritten reach the backlog of 50: the committer writes all of them, the held batch first.
                for number in 21...60 { writer.record(AuditStoreTests.record(number)) }
                try await waitUntil("the committer wrote the backlog") { writer.statistics.appended == 60 }
                // The idle writer is still held; a flush does not wait for it either.
                for number in 61...65 { writer.record(AuditStoreTests.record(number)) }
                await writer.flush()
                #expect(writer.statistics == .init(accepted: 65, appended: 65, lost: 0, dropped: 0, pending: 0))
                // Let the idle writer go: its batch is no longer its own, and it writes nothing.
                gate.release()
                for number in 66...70 { writer.record(AuditStoreTests.record(number)) }
                await writer.flush()
            }
            #expect(writer.statistics == .init(accepted: 70, appended: 70, lost: 0, dropped: 0, pending: 0))
            let stored = try await AuditLogFixture.allRecords(store).map(\.requestID)
            #expect(stored == (1...70).map { "req-\($0)" })
            #expect(try await store.verify() == .intact(rowCount: 70, tipHash: try await AuditStoreTests.tip(store)))
        }
    }

    @Test("a record left waiting by a starved idle writer is written after rescueAfter, though no other call arrives")
    func rescueAfterWaiting() async throws {
        try await AuditStoreTests.withStore { store in
            let gate = ThreadGate()
            let writer = AuditWriter(
                store: store,
                configuration: .init(maximumBatch: 1, maximumDelay: .seconds(3600), rescueBacklog: 1_000, rescueAfter: .milliseconds(100)),
                logger: AuditStoreTests.quiet, idleWriterPause: gate.pause)
            try await AuditStoreTests.withRunningWriter(writer) {
                // The record is stamped now, as the broker stamps every call.
                var record = AuditStoreTests.record(1)
                record.timeMilliseconds = Int64((Date().timeIntervalSince1970 * 1000).rounded())
                writer.record(record)
                // Starved one way or the other: held at the gate, or (on a loaded machine) not
                // scheduled at all before the record was 100 ms old.
                try await waitUntil("the idle writer holds the record, or the committer wrote it") {
                    gate.isHolding || writer.statistics.appended == 1
                }
                try await waitUntil("the committer wrote the record") { writer.statistics.appended == 1 }
                gate.release()
            }
            #expect(writer.statistics == .init(accepted: 1, appended: 1, lost: 0, dropped: 0, pending: 0))
            #expect(try await store.verify() == .intact(rowCount: 1, tipHash: try await AuditStoreTests.tip(store)))
        }
    }

    @Test("reported residents are keyed by the writer: each once, the first 1,000, found by the resident's access log")
    func residentsKeyedByTheWriter() async throws {
        try await AuditStoreTests.withStore { store in
            let writer = AuditWriter(store: store, configuration: .init(), logger: AuditStoreTests.quiet)
            let many = (0..<1_005).map { String(format: "3309021990%08d", $0) }.joined(separator: ",")
            try await AuditStoreTests.withRunningWriter(writer) {
                writer.record(AuditStoreTests.record(1), residents: "\(AuditStoreTests.residentA),\(AuditStoreTests.residentB),\(AuditStoreTests.residentA)")
                writer.record(AuditStoreTests.record(2), residents: many)
                writer.record(AuditStoreTests.record(3))
                await writer.flush()
            }
            let records = try await AuditLogFixture.allRecords(store)
            #expect(records.map(\.residentKeys.count) == [2, 1_000, 0])
            #expect(records[0].residentKeys == [store.residentKey(for: AuditStoreTests.residentA), store.residentKey(for: AuditStoreTests.residentB)])
            #expect(try await store.accesses(resident: AuditStoreTests.residentB).entries.map(\.record.requestID) == ["req-1"])
        }
    }
}

/// Holds a writer thread at one of its test hooks (the first time it gets there) until the test
/// releases it — as a thread the scheduler never runs, or a slow commit, would hold it.
private final class ThreadGate: Sendable {
    private let state = Mutex((holding: false, released: false))
    private let semaphore = DispatchSemaphore(value: 0)

    var isHolding: Bool { state.withLock { $0.holding } }

    /// The hook: blocks the first call until ``release()``.
    var pause: @Sendable () -> Void {
        { [self] in
            let hold = state.withLock { state -> Bool in
                guard !state.holding, !state.released else { return false }
                state.holding = true
                return true
            }
            if hold { semaphore.wait() }
        }
    }

    func release() {
        state.withLock { $0.released = true }
        semaphore.signal()
    }
}

extension AuditWriterTakeoverTests {
    @Test("shutdown while a handed-over chunk is being committed: the idle writer stops without handing it over again; nothing twice")
    func shutdownDuringCommit() async throws {
        try await AuditStoreTests.withStore { store in
            let commitGate = ThreadGate()
            let writer = AuditWriter(
                store: store,
                configuration: .init(maximumBatch: 20, maximumDelay: .seconds(3600), rescueBacklog: 1_000, rescueAfter: .seconds(3600)),
                logger: AuditStoreTests.quiet, idleWriterPause: nil, committerPause: commitGate.pause)
            let group = ServiceGroup(services: [writer], logger: AuditStoreTests.quiet)
            async let running: Void = group.run()
            // A full batch: the idle writer prepares it and hands it over; its commit is held.
            for number in 1...20 { writer.record(AuditStoreTests.record(number)) }
            try await waitUntil("the committer holds the handed-over chunk") { commitGate.isHolding }
            for number in 21...40 { writer.record(AuditStoreTests.record(number)) }
            // Shutdown wakes the idle writer from its wait for that commit: it must stop as it is.
            await group.triggerGracefulShutdown()
            try await waitUntil("the idle writer stopped") { writer.idleWriterStopped }
            commitGate.release()
            try await running
            #expect(writer.statistics == .init(accepted: 40, appended: 40, lost: 0, dropped: 0, pending: 0))
            let stored = try await AuditLogFixture.allRecords(store).map(\.requestID)
            #expect(stored == (1...40).map { "req-\($0)" })
            #expect(try await store.verify() == .intact(rowCount: 40, tipHash: try await AuditStoreTests.tip(store)))
        }
    }
}
