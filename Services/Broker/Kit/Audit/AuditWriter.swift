import Logging
import Metrics
import ServiceLifecycle
import Synchronization

/// Takes audit records from the broker's event loop without blocking it and appends them to the
/// ``AuditStore`` in batches, from a task of its own.
///
/// It exists because the log is written with `synchronous = FULL` (an fsync a transaction), which
/// no event loop may wait for: ``record(_:)`` only appends to a bounded queue under a `Mutex`, and
/// ``run()`` drains the queue — up to ``Configuration/maximumBatch`` records a transaction, a
/// batch at the latest ``Configuration/maximumDelay`` after its first record. An idle writer does
/// nothing at all: it waits on a continuation that the first ``record(_:)`` into an empty queue
/// resumes (one wake-up a batch, not one a record), and only while records wait does a timer run.
///
/// When the queue is full, ``record(_:)`` drops the record, counts it (``statistics``, the
/// `broker_audit_dropped_total` counter) and the drainer logs how many; a failed append is retried
/// with backoff while running. On graceful shutdown (or cancellation) ``run()`` writes everything
/// accepted before it returns; records that still cannot be written are counted as lost. Put the
/// writer before the broker in the `ServiceGroup`: services stop in reverse order, so it keeps
/// writing while the broker drains its calls.
package final class AuditWriter: Service, Sendable {
    /// Counts since the writer was made.
    package struct Statistics: Sendable, Equatable {
        /// Records ``AuditWriter/record(_:)`` queued.
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
    private let store: AuditStore
    private let logger: Logger
    private let state = Mutex(State())
    private let appendedCounter = Counter(label: "broker_audit_appended_total")
    private let droppedCounter = Counter(label: "broker_audit_dropped_total")
    private let lostCounter = Counter(label: "broker_audit_lost_total")

    package init(store: AuditStore, configuration: Configuration = .init(), logger: Logger) {
        precondition(configuration.capacity > 0 && configuration.maximumBatch > 0, "AuditWriter: capacity and maximumBatch must be positive")
        self.store = store
        self.configuration = configuration
        self.logger = logger
    }

    /// Queues `record` for the log; returns false if it was dropped (queue full, writer stopped).
    /// Never blocks and never suspends: safe to call on an event loop for every call.
    @discardableResult
    package func record(_ record: AuditRecord) -> Bool {
        let (capacity, batch) = (configuration.capacity, configuration.maximumBatch)
        let (accepted, drainer) = state.withLock { state -> (Bool, CheckedContinuation<Void, Never>?) in
            guard state.phase != .stopped, state.pending.count + state.taken < capacity else {
                state.dropped += 1
                return (false, nil)
            }
            state.pending.append(record)
            state.accepted += 1
            return (true, state.takeDrainer(ifSatisfiedWithBatch: batch))
        }
        drainer?.resume()
        return accepted
    }

    /// Returns once every record accepted before the call has been appended (or counted lost),
    /// without waiting for a batch to fill. Needs ``run()`` to be running, or to have returned.
    package func flush() async {
        let batch = configuration.maximumBatch
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let (done, drainer) = state.withLock { state -> (Bool, CheckedContinuation<Void, Never>?) in
                guard state.settled < state.accepted else { return (true, nil) }
                state.flushWaiters.append((state.accepted, continuation))
                return (false, state.takeDrainer(ifSatisfiedWithBatch: batch))
            }
            if done { continuation.resume() }
            drainer?.resume()
        }
    }

    package var statistics: Statistics {
        state.withLock { state in
            Statistics(
                accepted: state.accepted, appended: state.appended, lost: state.lost, dropped: state.dropped,
                pending: state.pending.count + state.taken)
        }
    }

    /// Drains the queue until graceful shutdown or cancellation, then writes what is left and
    /// returns. Run it once (a second call returns at once).
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
                await self.drain()
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

    // MARK: The drainer

    private func drain() async {
        while true {
            // Idle: no timer, nothing runs until a record (or shutdown) arrives.
            await wait(for: .anyRecord, timeout: nil)
            // Let the batch fill, up to the delay, unless it is full, flushed or shutting down.
            await wait(for: .fullBatch, timeout: configuration.maximumDelay)
            // The event loop takes this lock for every call: hold it for a swap only. The next
            // queue's storage is allocated here, outside it (an allocation inside, with its page
            // faults, let the drainer be preempted holding the lock and stalled the event loop
            // for a scheduler tick).
            var records: [AuditRecord] = []
            records.reserveCapacity(configuration.maximumBatch)
            let stoppedWaiters = state.withLock { state -> [CheckedContinuation<Void, Never>]? in
                guard !state.pending.isEmpty else {
                    guard state.phase == .stopping else { return nil }
                    // Nothing left, and records arriving from now on are dropped: done.
                    state.phase = .stopped
                    defer { state.flushWaiters = [] }
                    return state.flushWaiters.map(\.continuation)
                }
                swap(&records, &state.pending)
                state.taken = records.count
                return nil
            }
            let batch = configuration.maximumBatch
            if let stoppedWaiters {
                for waiter in stoppedWaiters { waiter.resume() }
                return
            }
            var start = 0
            while start < records.count {
                let chunk = Array(records[start..<min(start + batch, records.count)])
                start += chunk.count
                settle(chunk.count, appended: await append(chunk))
            }
        }
    }

    /// Appends `records` in one transaction, retrying with backoff while running; after shutdown
    /// began, one attempt more. Returns whether they were written.
    private func append(_ records: [AuditRecord]) async -> Bool {
        var delay = configuration.retryDelay
        while true {
            do {
                // A task of its own: cancelling run() must not cancel writing records it accepted.
                try await Task.detached { [store] in try await store.append(records) }.value
                return true
            } catch {
                let stopping = state.withLock { $0.phase == .stopping }
                logger.error(
                    stopping ? "audit records lost: the store failed during shutdown" : "audit records not written yet; retrying",
                    metadata: ["audit.records": "\(records.count)", "error": "\(error)"])
                if stopping { return false }
                await wait(for: .stopping, timeout: delay)
                delay = min(delay * 2, configuration.maximumRetryDelay)
            }
        }
    }

    /// Counts `count` taken records as done, wakes the flushes they complete, reports drops.
    private func settle(_ count: Int, appended: Bool) {
        let (ready, newlyDropped) = state.withLock { state -> ([CheckedContinuation<Void, Never>], UInt64) in
            state.taken -= count
            state.settled += UInt64(count)
            if appended { state.appended += UInt64(count) } else { state.lost += UInt64(count) }
            let settled = state.settled
            var ready: [CheckedContinuation<Void, Never>] = []
            state.flushWaiters.removeAll { waiter in
                guard waiter.upTo <= settled else { return false }
                ready.append(waiter.continuation)
                return true
            }
            defer { state.droppedReported = state.dropped }
            return (ready, state.dropped - state.droppedReported)
        }
        if appended { appendedCounter.increment(by: Int64(count)) } else { lostCounter.increment(by: Int64(count)) }
        if newlyDropped > 0 {
            droppedCounter.increment(by: Int64(newlyDropped))
            logger.warning(
                "audit queue full: records dropped", metadata: ["audit.dropped": "\(newlyDropped)", "audit.capacity": "\(configuration.capacity)"])
        }
        for waiter in ready { waiter.resume() }
    }

    /// Suspends until `wake` holds, or `timeout` passed (a timer task that runs only then).
    private func wait(for wake: State.Wake, timeout: Duration?) async {
        let batch = configuration.maximumBatch
        var timer: Task<Void, Never>?
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let generation = state.withLock { state -> UInt64? in
                guard !state.isSatisfied(wake, batch: batch) else { return nil }
                state.generation += 1
                state.drainer = State.Drainer(generation: state.generation, wake: wake, continuation: continuation)
                return state.generation
            }
            guard let generation else {
                continuation.resume()
                return
            }
            if let timeout {
                timer = Task {
                    guard (try? await Task.sleep(for: timeout)) != nil else { return }
                    self.wakeDrainer(generation: generation)
                }
            }
        }
        timer?.cancel()
    }

    /// Resumes the drainer if it is still in the wait numbered `generation`.
    private func wakeDrainer(generation: UInt64) {
        let drainer = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard let drainer = state.drainer, drainer.generation == generation else { return nil }
            state.drainer = nil
            return drainer.continuation
        }
        drainer?.resume()
    }

    private func beginStopping() {
        let drainer = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if state.phase == .running { state.phase = .stopping }
            defer { state.drainer = nil }
            return state.drainer?.continuation
        }
        drainer?.resume()
    }
}

extension AuditWriter {
    /// Everything the event loop and the drainer share, behind the writer's one `Mutex`.
    /// Invariant: `accepted == settled + taken + pending.count`.
    private struct State: Sendable {
        /// `stopping`: shutdown began, records are still accepted and drained; `stopped`: refused.
        enum Phase { case notStarted, running, stopping, stopped }
        /// What the drainer waits for (shutdown ends every wait).
        enum Wake { case anyRecord, fullBatch, stopping }
        /// The drainer suspended in `wait(for:timeout:)`; `generation` tells a stale timer apart.
        struct Drainer {
            let generation: UInt64
            let wake: Wake
            let continuation: CheckedContinuation<Void, Never>
        }

        var phase = Phase.notStarted
        /// Accepted records in order of arrival, not yet taken by the drainer.
        var pending: [AuditRecord] = []
        /// Records the drainer took and has not settled.
        var taken = 0
        var accepted: UInt64 = 0
        /// Records appended or lost.
        var settled: UInt64 = 0
        var appended: UInt64 = 0
        var lost: UInt64 = 0
        var dropped: UInt64 = 0
        var droppedReported: UInt64 = 0
        var drainer: Drainer?
        var generation: UInt64 = 0
        /// Flushes waiting until `settled` reaches `upTo`.
        var flushWaiters: [(upTo: UInt64, continuation: CheckedContinuation<Void, Never>)] = []

        func isSatisfied(_ wake: Wake, batch: Int) -> Bool {
            if phase == .stopping { return true }
            switch wake {
            case .anyRecord: return !pending.isEmpty
            case .fullBatch: return pending.count >= batch || !flushWaiters.isEmpty
            case .stopping: return false
            }
        }

        /// Takes the drainer's continuation if what it waits for now holds.
        mutating func takeDrainer(ifSatisfiedWithBatch batch: Int) -> CheckedContinuation<Void, Never>? {
            guard let drainer, isSatisfied(drainer.wake, batch: batch) else { return nil }
            self.drainer = nil
            return drainer.continuation
        }
    }
}
