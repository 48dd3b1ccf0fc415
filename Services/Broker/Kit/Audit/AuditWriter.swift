import Logging
import Metrics
import ServiceLifecycle
import Synchronization

/// Takes audit records from the broker's event loop without blocking it and appends them to the
/// ``AuditStore`` in batches, from two threads of its own.
///
/// It exists because the log is written with `synchronous = FULL` (an fsync a transaction), which
/// no event loop may wait for: ``record(contentsOf:)`` only appends to a bounded queue under a
/// `Mutex` (the broker hands over the calls of a read cycle together, see `AuditStage`), and the
/// writer threads drain it — up to ``Configuration/maximumBatch`` records a
/// transaction, a batch at the latest ``Configuration/maximumDelay`` after its first record.
///
/// **Two threads, so that the log takes spare cycles rather than the calls'.** On a machine of
/// two cores every moment the writer runs it takes a core from the event loop, the offices and
/// their callers, and its bursts cost the broker more throughput than their CPU time. So the work
/// is split:
/// - the *idle writer* (`SCHED_IDLE` unless ``Configuration/priority`` says `normal`) does the
///   computation — reported residents turned into keyed hashes, the batch encoded and hashed, its
///   index entries gathered (``AuditBatchAppend/prepare(_:at:)``) — on a core nothing else wants,
///   never preempting a routing thread, and hands each prepared chunk over;
/// - the *committer*, at normal priority, is the only thread that ever holds a transaction on
///   broker.sqlite (``AuditBatchAppend/commit(_:_:)``). A thread the kernel may starve must not
///   hold the database's one writer: principals, delegations and life events write there too.
///
/// When the idle writer falls behind — ``Configuration/rescueBacklog`` records unwritten, or the
/// oldest waiting longer than ``Configuration/rescueAfter`` — or a ``flush()`` or shutdown needs
/// the records written now, the committer *rescues*: it takes the batch over (a chunk the idle
/// writer was still preparing is simply prepared again) and prepares and commits itself until the
/// queue is short again. On a saturated machine the log therefore keeps up as a normal-priority
/// writer would; only when there are spare cycles does it use them instead.
///
/// When the queue is full, ``record(contentsOf:)`` drops the records it has no room for, counts them (``statistics``,
/// the `broker_audit_dropped_total` counter) and the writer logs how many; a failed commit is
/// retried with backoff while running. On graceful shutdown (or cancellation) ``run()`` writes
/// everything accepted before it returns; records that still cannot be written are counted as
/// lost. Put the writer before the broker in the `ServiceGroup`: services stop in reverse order,
/// so it keeps writing while the broker drains its calls.
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
    let state = Mutex(State())
    /// Where each thread sleeps (see ``State/waiting``).
    let wakeIdle = ThreadWake()
    let wakeCommitter = ThreadWake()
    /// Called by the idle writer between preparing a chunk and handing it over: lets a test hold
    /// it there, as a starved thread would be held.
    let idleWriterPause: (@Sendable () -> Void)?
    /// Called by the committer before it commits a chunk the idle writer handed over: lets a test
    /// hold a commit in progress.
    let committerPause: (@Sendable () -> Void)?
    let appendedCounter = Counter(label: "broker_audit_appended_total")
    let droppedCounter = Counter(label: "broker_audit_dropped_total")
    let lostCounter = Counter(label: "broker_audit_lost_total")
    let rescueCounter = Counter(label: "broker_audit_rescues_total")

    package convenience init(store: AuditStore, configuration: Configuration = .init(), logger: Logger) {
        self.init(store: store, configuration: configuration, logger: logger, idleWriterPause: nil, committerPause: nil)
    }

    init(
        store: AuditStore, configuration: Configuration, logger: Logger, idleWriterPause: (@Sendable () -> Void)?,
        committerPause: (@Sendable () -> Void)? = nil
    ) {
        precondition(
            configuration.capacity > 0 && configuration.maximumBatch > 0 && configuration.rescueBacklog > 0,
            "AuditWriter: capacity, maximumBatch and rescueBacklog must be positive")
        self.store = store
        self.configuration = configuration
        self.logger = logger
        self.idleWriterPause = idleWriterPause
        self.committerPause = committerPause
    }

    /// Queues `record` for the log, with `residents` as the service reported them (ID numbers
    /// separated by ","; the writer turns them into ``AuditRecord/residentKeys``, the first 1,000).
    /// Returns false if it was dropped (queue full, writer stopped). Never blocks and never
    /// suspends.
    @discardableResult
    package func record(_ record: AuditRecord, residents: String = "") -> Bool {
        self.record(contentsOf: [Entry(record, residents: residents)]) == 1
    }

    /// Queues `entries`, in order, as the broker hands over the calls of one read cycle: one lock,
    /// one look at the writer threads, and the array kept whole (``Queue``), so no record is
    /// copied here. Returns how many were accepted — all of them unless the queue filled (the
    /// rest are dropped and counted) or the writer stopped. Never blocks and never suspends: safe
    /// to call on an event loop.
    @discardableResult
    package func record(contentsOf entries: [Entry]) -> Int {
        guard let last = entries.last else { return 0 }
        let configuration = configuration
        let (accepted, wakes) = state.withLock { state -> (Int, State.Wakes) in
            let room = state.phase == .stopped ? 0 : max(0, configuration.capacity - state.unsettled)
            let accepted = min(room, entries.count)
            state.dropped += UInt64(entries.count - accepted)
            guard accepted > 0 else { return (0, State.Wakes()) }
            if state.unsettled == 0 { state.oldestUnsettledMs = entries[0].timeMilliseconds }
            state.pending.append(accepted == entries.count ? entries : Array(entries.prefix(accepted)))
            state.accepted += UInt64(accepted)
            if !state.rescuing, state.isBehind(atMs: last.timeMilliseconds, configuration) { state.rescuing = true }
            return (accepted, state.takeWakes(configuration))
        }
        signal(wakes)
        return accepted
    }

    /// Returns once every record accepted before the call has been appended (or counted lost),
    /// without waiting for a batch to fill. Needs ``run()`` to be running, or to have returned.
    package func flush() async {
        let configuration = configuration
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let (done, wakes) = state.withLock { state -> (Bool, State.Wakes) in
                guard state.settled < state.accepted else { return (true, State.Wakes()) }
                state.flushWaiters.append((state.accepted, continuation))
                state.rescuing = true  // written now, at normal priority
                return (false, state.takeWakes(configuration))
            }
            if done { continuation.resume() }
            signal(wakes)
        }
    }

    /// Whether the idle writer's thread has returned (at shutdown).
    var idleWriterStopped: Bool { state.withLock { $0.idleWriterStopped } }

    package var statistics: Statistics {
        state.withLock { state in
            Statistics(
                accepted: state.accepted, appended: state.appended, lost: state.lost, dropped: state.dropped, pending: state.unsettled)
        }
    }

    /// Drains the queue on the writer threads until graceful shutdown or cancellation, then
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
                await withTaskGroup(of: Void.self) { group in
                    group.addTask { await self.runThread(named: "audit-writer", lowered: true) { self.idleWriterLoop() } }
                    group.addTask { await self.runThread(named: "audit-commit", lowered: false) { self.committerLoop() } }
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

    /// Runs `body` on a new thread named `name` (at ``Configuration/priority`` if `lowered`) and
    /// returns when it has returned.
    private func runThread(named name: String, lowered: Bool, _ body: @escaping @Sendable () -> Void) async {
        let priority = lowered ? configuration.priority : .normal
        let logger = logger
        await withCheckedContinuation { (finished: CheckedContinuation<Void, Never>) in
            WriterThread.start(named: name) {
                if priority == .idle, !WriterThread.lowerToIdlePriority() {
                    logger.notice("audit writer runs at normal priority: the system refused SCHED_IDLE")
                }
                body()
                finished.resume()
            }
        }
    }

    func signal(_ wakes: State.Wakes) {
        if wakes.idle { wakeIdle.signal() }
        if wakes.committer { wakeCommitter.signal() }
    }

    private func beginStopping() {
        let wakes = state.withLock { state -> State.Wakes in
            if state.phase == .running { state.phase = .stopping }
            return state.takeWakes(configuration)
        }
        signal(wakes)
    }
}
