import Dispatch
import Foundation
import ServiceLifecycle
import Synchronization
import TestSupport
import Testing

@testable import BrokerKit

/// The audit writer's committer: it closes the batch being built when it is full or its first
/// record has waited the delay, prepares and commits it, while calls keep being appended to the
/// next one.
@Suite("Broker: the audit writer builds batches as calls arrive and its committer writes them")
struct AuditWriterCommitterTests {
    @Test("a batch is written once its first record has waited maximumDelay, though no other call arrives and nobody flushes")
    func batchClosedByItsDelay() async throws {
        try await AuditStoreTests.withStore { store in
            let writer = AuditWriter(store: store, configuration: .init(maximumBatch: 1_000, maximumDelay: .milliseconds(20)), logger: AuditStoreTests.quiet)
            try await AuditStoreTests.withRunningWriter(writer) {
                writer.record(AuditStoreTests.record(1))
                try await waitUntil("the committer wrote the record") { writer.statistics.appended == 1 }
                writer.record(AuditStoreTests.record(2))
                try await waitUntil("the committer wrote the second record") { writer.statistics.appended == 2 }
            }
            #expect(try await AuditLogFixture.records(store, batch: 1).map(\.requestID) == ["req-1"])
            #expect(try await AuditLogFixture.records(store, batch: 2).map(\.requestID) == ["req-2"])
        }
    }

    @Test("records accepted while a batch is being committed go to the batches after it: order, batch sizes and chain kept, nothing twice")
    func recordsDuringACommit() async throws {
        try await AuditStoreTests.withStore { store in
            let (writer, gate) = Self.gatedWriter(store)
            try await AuditStoreTests.withRunningWriter(writer) {
                for number in 1...20 { writer.record(AuditStoreTests.record(number)) }
                try await waitUntil("the committer holds the first full batch") { gate.isHolding }
                // One more full batch and five records in the open one, while the first is held.
                for number in 21...45 { writer.record(AuditStoreTests.record(number)) }
                #expect(writer.statistics == .init(accepted: 45, appended: 0, lost: 0, dropped: 0, pending: 45))
                gate.release()
                await writer.flush()
                #expect(writer.statistics == .init(accepted: 45, appended: 45, lost: 0, dropped: 0, pending: 0))
            }
            let stored = try await AuditLogFixture.allRecords(store).map(\.requestID)
            #expect(stored == (1...45).map { "req-\($0)" })
            for (batch, size) in [(1, 20), (2, 20), (3, 5)] {
                #expect(try await AuditLogFixture.records(store, batch: Int64(batch)).count == size)
            }
            #expect(try await store.verify() == .intact(rowCount: 45, tipHash: try await AuditStoreTests.tip(store)))
        }
    }

    @Test("a batch built elsewhere (the event loop's) is queued whole after the records before it, or dropped whole when it does not fit")
    func batchesBuiltElsewhere() async throws {
        try await AuditStoreTests.withStore { store in
            let writer = AuditWriter(store: store, configuration: .init(capacity: 10, maximumDelay: .seconds(3600)), logger: AuditStoreTests.quiet)
            func batch(_ numbers: ClosedRange<Int>) -> AuditBatchBuilder {
                var builder = AuditBatchBuilder(capacity: numbers.count)
                for number in numbers { builder.append(AuditWriter.Entry(AuditStoreTests.record(number), residents: "")) }
                return builder
            }
            // Not running yet: nothing is written, so the room is what the capacity leaves.
            #expect(writer.record(contentsOf: (1...4).map { AuditWriter.Entry(AuditStoreTests.record($0), residents: "") }) == 4)
            #expect(writer.record(batch: batch(5...11)) == 0)
            #expect(writer.record(batch: batch(5...10)) == 6)
            #expect(writer.statistics == .init(accepted: 10, appended: 0, lost: 0, dropped: 7, pending: 10))
            try await AuditStoreTests.withRunningWriter(writer) {
                await writer.flush()
            }
            #expect(writer.statistics == .init(accepted: 10, appended: 10, lost: 0, dropped: 7, pending: 0))
            #expect(try await AuditLogFixture.allRecords(store).map(\.requestID) == (1...10).map { "req-\($0)" })
            #expect(try await store.verify() == .intact(rowCount: 10, tipHash: try await AuditStoreTests.tip(store)))
        }
    }

    @Test(
        "reported residents are keyed by the committer: each once (a check character written x or X is one resident), the first 1,000, found by the resident's access log"
    )
    func residentsKeyedByTheWriter() async throws {
        try await AuditStoreTests.withStore { store in
            let writer = AuditWriter(store: store, configuration: .init(), logger: AuditStoreTests.quiet)
            let many = (0..<1_005).map { String(format: "3309021990%08d", $0) }.joined(separator: ",")
            try await AuditStoreTests.withRunningWriter(writer) {
                writer.record(AuditStoreTests.record(1), residents: "\(AuditStoreTests.residentA),\(AuditStoreTests.residentB),\(AuditStoreTests.residentA)")
                writer.record(AuditStoreTests.record(2), residents: many)
                writer.record(AuditStoreTests.record(3))
                writer.record(AuditStoreTests.record(4), residents: "33090219900101123x,\(AuditStoreTests.residentB),33090219900101123X")
                await writer.flush()
            }
            let records = try await AuditLogFixture.allRecords(store)
            #expect(records.map(\.residentKeys.count) == [2, 1_000, 0, 2])
            #expect(records[3].residentKeys == [store.residentKey(for: "33090219900101123X"), store.residentKey(for: AuditStoreTests.residentB)])
            #expect(records.map(\.requestID) == (1...4).map { "req-\($0)" })
            #expect(try await store.verify() == .intact(rowCount: 4, tipHash: try await AuditStoreTests.tip(store)))
            #expect(records[0].residentKeys == [store.residentKey(for: AuditStoreTests.residentA), store.residentKey(for: AuditStoreTests.residentB)])
            #expect(try await store.accesses(resident: AuditStoreTests.residentB).entries.map(\.record.requestID) == ["req-4", "req-1"])
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

extension AuditWriterCommitterTests {
    /// A writer whose committer the returned gate holds before its first commit; batches of 20,
    /// and a delay far beyond the test: only full batches, flush() and shutdown write.
    fileprivate static func gatedWriter(_ store: AuditStore) -> (AuditWriter, ThreadGate) {
        let gate = ThreadGate()
        let writer = AuditWriter(
            store: store, configuration: .init(maximumBatch: 20, maximumDelay: .seconds(3600)), logger: AuditStoreTests.quiet,
            committerPause: gate.pause)
        return (writer, gate)
    }

    @Test("shutdown while a commit is held: the records accepted before and during it are all written, once, in order")
    func shutdownDuringCommit() async throws {
        try await AuditStoreTests.withStore { store in
            let (writer, gate) = Self.gatedWriter(store)
            let group = ServiceGroup(services: [writer], logger: AuditStoreTests.quiet)
            async let running: Void = group.run()
            for number in 1...20 { writer.record(AuditStoreTests.record(number)) }
            try await waitUntil("the committer holds the full batch") { gate.isHolding }
            for number in 21...30 { writer.record(AuditStoreTests.record(number)) }
            await group.triggerGracefulShutdown()
            gate.release()
            try await running
            #expect(writer.statistics == .init(accepted: 30, appended: 30, lost: 0, dropped: 0, pending: 0))
            let stored = try await AuditLogFixture.allRecords(store).map(\.requestID)
            #expect(stored == (1...30).map { "req-\($0)" })
            #expect(try await store.verify() == .intact(rowCount: 30, tipHash: try await AuditStoreTests.tip(store)))
        }
    }
}
