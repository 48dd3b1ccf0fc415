import Logging
import Metrics
import ServiceLifecycle
import Synchronization

/// Takes audit records from the broker's event loop without blocking it and appends them to the
/// ``AuditStore`` in batches, from a thread of its own.
///
/// It exists because the log is written with `synchronous = FULL` (an fsync a transaction), which
/// no event loop may wait for. The broker's event loop builds its batches itself (`AuditStage`)
/// and queues each whole (``record(batch:)``); other callers' records are appended to the
/// writer's own batch (``record(contentsOf:)``, under the writer's `Mutex`, on the caller's
/// thread). The *committer* thread takes each batch when it holds ``Configuration/maximumBatch``
/// records, or ``Configuration/maximumDelay`` after its first, prepares it (resident keys, chain
/// hash, index entries) and commits it in one transaction. It is the only thread that holds a transaction on broker.sqlite for the log.
///
/// **Why the calls are encoded where they are answered.** On a machine of two cores a writer
/// thread that has work much of the time costs the routing more than its CPU time: every moment it
/// runs, a thread woken for a call must interrupt it (the broker lost about 10% of its calls a
/// second to a low-priority writer that used 5% of a core). Encoding a call is a few appends of
/// bytes, cheaper on the event loop than handing a copy of the call to another thread; what is
/// left for the committer is work per batch, a few milliseconds several times a second.
///
/// When ``Configuration/capacity`` records wait unwritten, ``record(contentsOf:)`` drops the
/// records it has no room for (``record(batch:)`` a batch that does not fit whole), counts them (``statistics``, the `broker_audit_dropped_total`
/// counter) and the writer logs how many; a failed commit is retried with backoff while running.
/// ``flush()`` has the batch being built written now. On graceful shutdown (or cancellation)
/// ``run()`` writes everything accepted before it returns; records that still cannot be written
/// are counted as lost. Put the writer before the broker in the `ServiceGroup`: services stop in
/// reverse order, so it keeps writing while the broker drains its calls.
package final class AuditWriter: Service, Sendable {
    /// Counts since the writer was made.
    package struct Statistics: Sendable, Equatable {
        /// Records ``AuditWriter/record(contentsOf:)`` queued.
        package var accepted: UInt64
        /// Records appended to the log.
        package var appended: UInt64
        /// Records queued but never written: the store kept failing through shutdown.
        package var lost: UInt64
        /// Records refused because the queue was full or the writer had stopped.
        package var dropped: UInt64
        /// Records queued and not yet appended or lost.
        package var pending: Int
    }

    package let configuration: Configuration
    let store: AuditStore
    let logger: Logger
    let state: Mutex<State>
    /// Where the committer sleeps (see ``State/committerSleeps``).
    let wakeCommitter = ThreadWake()
    /// Called by the committer before it commits a batch: lets a test hold a commit in progress.
    let committerPause: (@Sendable () -> Void)?
    let appendedCounter = Counter(label: "broker_audit_appended_total")
    let droppedCounter = Counter(label: "broker_audit_dropped_total")
    let lostCounter = Counter(label: "broker_audit_lost_total")

    package convenience init(store: AuditStore, configuration: Configuration = .init(), logger: Logger) {
        self.init(store: store, configuration: configuration, logger: logger, committerPause: nil)
    }

    init(store: AuditStore, configuration: Configuration, logger: Logger, committerPause: (@Sendable () -> Void)?) {
        precondition(configuration.capacity > 0 && configuration.maximumBatch > 0, "AuditWriter: capacity and maximumBatch must be positive")
        self.store = store
        self.configuration = configuration
        self.logger = logger
        self.committerPause = committerPause
        state = Mutex(State(batchCapacity: configuration.maximumBatch))
    }

    /// Queues `record` for the log, with `residents` as the service reported them (ID numbers
    /// separated by ","; the writer turns them into ``AuditRecord/residentKeys``, the first 1,000).
    /// Returns false if it was dropped (queue full, writer stopped). Never blocks and never
    /// suspends.
    @discardableResult
    package func record(_ record: AuditRecord, residents: String = "") -> Bool {
        self.record(contentsOf: [Entry(record, residents: residents)]) == 1
    }

    /// Appends `entries`, in order, to the writer's batch being built: one lock, and each call
    /// encoded (``AuditBatchBuilder``). Returns how many were accepted — all of them unless
    /// ``Configuration/capacity`` records wait unwritten (the rest are dropped and counted) or the
    /// writer stopped. Never blocks on the store and
    /// never suspends: safe to call on an event loop.
    @discardableResult
    package func record(contentsOf entries: [Entry]) -> Int {
        guard !entries.isEmpty else { return 0 }
        let configuration = configuration
        let (accepted, wake) = state.withLock { state -> (Int, Bool) in
            let room = state.phase == .stopped ? 0 : max(0, configuration.capacity - state.unsettled)
            let accepted = min(room, entries.count)
            state.dropped += UInt64(entries.count - accepted)
            guard accepted > 0 else { return (0, false) }
            let closedBefore = state.closedCount
            let wasEmpty = state.open.isEmpty
            for entry in entries[..<accepted] {
                if state.open.isEmpty { state.openedAt = .now() }
                state.open.append(entry)
                if state.open.count >= configuration.maximumBatch { state.closeOpen(batchCapacity: configuration.maximumBatch) }
            }
            state.accepted += UInt64(accepted)
            // The committer sleeps until the open batch is due: tell it of a new one, or a full one.
            return (accepted, state.takeCommitterWake(if: wasEmpty || state.closedCount != closedBefore))
        }
        if wake { wakeCommitter.signal() }
        return accepted
    }

    /// Queues a batch built elsewhere — the broker's event loop builds its own (`AuditStage`), so
    /// that a call costs it no lock — to be written after everything queued before it, whole:
    /// if the records waiting unwritten leave no room for all of it, it is dropped and counted.
    /// Returns how many records were accepted. Never blocks and never suspends.
    @discardableResult
    package func record(batch: AuditBatchBuilder) -> Int {
        let count = batch.count
        guard count > 0 else { return 0 }
        let configuration = configuration
        let (accepted, wake) = state.withLock { state -> (Int, Bool) in
            guard state.phase != .stopped, configuration.capacity - state.unsettled >= count else {
                state.dropped += UInt64(count)
                return (0, false)
            }
            // Records queued one by one before it are written before it.
            state.closeOpen(batchCapacity: configuration.maximumBatch)
            state.closed.append(batch)
            state.closedCount += count
            state.accepted += UInt64(count)
            return (count, state.takeCommitterWake(if: true))
        }
        if wake { wakeCommitter.signal() }
        return accepted
    }

    /// Returns once every record accepted before the call has been appended (or counted lost),
    /// without waiting for a batch to fill. Needs ``run()`` to be running, or to have returned.
    package func flush() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let (done, wake) = state.withLock { state -> (Bool, Bool) in
                guard state.settled < state.accepted else { return (true, false) }
                state.flushWaiters.append((state.accepted, continuation))
                return (false, state.takeCommitterWake(if: true))
            }
            if done { continuation.resume() }
            if wake { wakeCommitter.signal() }
        }
    }

    package var statistics: Statistics {
        state.withLock { state in
            Statistics(
                accepted: state.accepted, appended: state.appended, lost: state.lost, dropped: state.dropped, pending: state.unsettled)
        }
    }

    /// Writes batches on the committer's thread until graceful shutdown or cancellation, then
    /// writes what is left and returns. Run it once (a second call returns at once).
    package func run() async {
        let starting = state.withLock { state in
            guard state.phase == .notStarted else { return false }
            state.phase = .running
            return true
        }
        guard starting else {
            logger.error("AuditWriter.run() called again; the first run drains the queue")
            return
        }
        await withTaskCancellationHandler {
            await withGracefulShutdownHandler {
                await withCheckedContinuation { (finished: CheckedContinuation<Void, Never>) in
                    WriterThread.start(named: "audit-commit") {
                        self.committerLoop()
                        finished.resume()
                    }
                }
            } onGracefulShutdown: {
                self.beginStopping()
            }
        } onCancel: {
            self.beginStopping()
        }
        let final = statistics
        logger.info(
            "audit writer stopped",
            metadata: ["audit.appended": "\(final.appended)", "audit.lost": "\(final.lost)", "audit.dropped": "\(final.dropped)"])
    }

    private func beginStopping() {
        let wake = state.withLock { state -> Bool in
            if state.phase == .running { state.phase = .stopping }
            return state.takeCommitterWake(if: true, orWhileRetrying: true)
        }
        if wake { wakeCommitter.signal() }
    }
}
