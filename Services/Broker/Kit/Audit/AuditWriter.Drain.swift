import Dispatch
import Foundation

extension AuditWriter {
    /// How a thread's writing ended.
    enum WriteEnd { case caughtUp, stopped }

    /// What a thread does next, decided under the lock.
    private enum Step {
        /// Nothing for this thread to write now.
        case nothing(State.Wakes)
        /// Shutdown complete: every record settled, the flushes still waiting to be resumed.
        case stopped([CheckedContinuation<Void, Never>])
        /// The idle writer is committing the batch the rescuer wants: wait for the commit.
        case waitForCommit
        /// Write these records, chunk `range` of the batch of `generation`, as one transaction.
        case chunk(records: [State.Pending], range: Range<Int>, generation: UInt64, firstSeq: Int64?)
    }

    /// The idle writer's loop: a batch when it is full or its first record has waited
    /// ``Configuration/maximumDelay``. Returns at shutdown; the rescuer writes what is left.
    func idleWriterLoop() {
        while true {
            sleep(for: .anyRecord, as: .idle, until: .distantFuture)
            if isStopping { return }
            sleep(for: .fullBatch, as: .idle, until: Self.deadline(after: configuration.maximumDelay))
            if isStopping { return }
            write(as: .idle)
        }
    }

    /// The rescuer's loop: sleeps until the idle writer falls behind, a flush or shutdown (and
    /// looks once every ``Configuration/rescueAfter``, for a starved idle writer while no call
    /// arrives to notice it), then writes until the queue is short again. Returns at shutdown,
    /// once everything accepted is settled.
    func rescuerLoop() {
        let configuration = configuration
        while true {
            if !sleep(for: .rescue, as: .rescuer, until: Self.deadline(after: configuration.rescueAfter)) {
                let behind = state.withLock { state -> Bool in
                    guard !state.rescuing, state.phase == .running, state.isBehind(atMs: Self.nowMilliseconds(), configuration) else {
                        return false
                    }
                    state.rescuing = true
                    return true
                }
                guard behind else { continue }
            }
            rescueCounter.increment()
            logger.debug("audit writer behind or flushed: the rescuer writes at normal priority", metadata: ["audit.pending": "\(statistics.pending)"])
            if write(as: .rescuer) == .stopped { return }
        }
    }

    /// Writes chunks until this thread has nothing more to write (see ``Step``). The idle
    /// writer takes one batch from the queue a call, and goes back to waiting for the next to
    /// fill: records that arrived while it wrote are not worth a transaction of their own yet.
    @discardableResult
    func write(as drainer: State.Drainer) -> WriteEnd {
        var took = false
        while true {
            switch nextStep(for: drainer, mayTake: drainer == .rescuer || !took) {
            case .nothing(let wakes):
                signal(wakes)
                return .caughtUp
            case .stopped(let waiters):
                for waiter in waiters { waiter.resume() }
                return .stopped
            case .waitForCommit:
                sleep(for: .commitDone, as: drainer, until: .distantFuture)
            case .chunk(let records, let range, let generation, let firstSeq):
                took = true
                let prepared = AuditBatchAppend.prepare(records[range].map(resolved), firstSeq: firstSeq)
                if drainer == .idle { idleWriterPause?() }
                let claimed = state.withLock { state -> Bool in
                    guard state.batch?.generation == generation else { return false }
                    state.batch!.committing = true
                    return true
                }
                // Not claimed: the rescuer took the batch over while it was being prepared.
                guard claimed else { continue }
                settle(range.count, count: commit(prepared, as: drainer))
            }
        }
    }

    private func nextStep(for drainer: State.Drainer, mayTake: Bool) -> Step {
        let configuration = configuration
        return state.withLock { state -> Step in
            if var batch = state.batch, batch.owner != drainer {
                // Only the rescuer takes work over, and never a commit in progress.
                guard drainer == .rescuer else { return .nothing(State.Wakes()) }
                guard !batch.committing else { return .waitForCommit }
                state.generation &+= 1
                batch.generation = state.generation
                batch.owner = .rescuer
                state.batch = batch
            }
            if state.batch == nil {
                switch drainer {
                case .idle:
                    guard mayTake, !state.rescuing, state.phase == .running, !state.pending.isEmpty else { return .nothing(State.Wakes()) }
                case .rescuer:
                    if state.phase != .running, state.pending.isEmpty {
                        state.phase = .stopped
                        defer { state.flushWaiters = [] }
                        return .stopped(state.flushWaiters.map(\.continuation))
                    }
                    let caughtUp =
                        state.phase == .running && state.flushWaiters.isEmpty && state.pending.count < configuration.maximumBatch
                        && !state.isBehind(atMs: Self.nowMilliseconds(), configuration)
                    if caughtUp || state.pending.isEmpty {
                        // The queue is short again: back to the idle writer.
                        state.rescuing = false
                        return .nothing(state.takeWakes(configuration))
                    }
                }
                var taken: [State.Pending] = []
                swap(&taken, &state.pending)
                state.generation &+= 1
                state.batch = State.Batch(records: taken, generation: state.generation, owner: drainer)
            }
            let batch = state.batch!
            let range = batch.done..<min(batch.done + configuration.maximumBatch, batch.records.count)
            return .chunk(records: batch.records, range: range, generation: batch.generation, firstSeq: state.nextSeq)
        }
    }

    /// The record with its reported residents turned into keys (the first 1,000, each once).
    private func resolved(_ pending: State.Pending) -> AuditRecord {
        guard !pending.residents.isEmpty else { return pending.record }
        var record = pending.record
        record.residentKeys = AuditRecord.distinct(pending.residents.split(separator: ",").prefix(1000).map { store.residentKey(for: String($0)) })
        return record
    }

    /// Commits `batch`, retrying with backoff while running; after shutdown began, one attempt
    /// more. Returns the number of records in the log after it, or nil if it was not written.
    private func commit(_ batch: AuditBatchAppend.Prepared, as drainer: State.Drainer) -> Int64? {
        var delay = configuration.retryDelay
        while true {
            do {
                return try store.commitOnThisThread(batch)
            } catch {
                let stopping = isStopping
                logger.error(
                    stopping ? "audit records lost: the store failed during shutdown" : "audit records not written yet; retrying",
                    metadata: ["audit.records": "\(batch.records.count)", "error": "\(error)"])
                if stopping { return nil }
                sleep(for: .stopping, as: drainer, until: Self.deadline(after: delay))
                delay = min(delay * 2, configuration.maximumRetryDelay)
            }
        }
    }

    /// Counts the `count` records of the chunk just committed as settled (appended if `count` of
    /// the log is known, lost if nil), wakes the flushes they complete, reports drops.
    private func settle(_ settledCount: Int, count: Int64?) {
        let configuration = configuration
        let appended = count != nil
        let (ready, newlyDropped, wakes) = state.withLock { state -> ([CheckedContinuation<Void, Never>], UInt64, State.Wakes) in
            state.batch!.committing = false
            state.batch!.done += settledCount
            if state.batch!.done == state.batch!.records.count { state.batch = nil }
            state.settled += UInt64(settledCount)
            if appended { state.appended += UInt64(settledCount) } else { state.lost += UInt64(settledCount) }
            state.nextSeq = count.map { $0 + 1 }
            state.oldestUnsettledMs =
                state.batch.map { $0.records[$0.done].record.timeMilliseconds } ?? state.pending.first?.record.timeMilliseconds
            let settled = state.settled
            var ready: [CheckedContinuation<Void, Never>] = []
            state.flushWaiters.removeAll { waiter in
                guard waiter.upTo <= settled else { return false }
                ready.append(waiter.continuation)
                return true
            }
            defer { state.droppedReported = state.dropped }
            return (ready, state.dropped - state.droppedReported, state.takeWakes(configuration))
        }
        signal(wakes)
        if appended { appendedCounter.increment(by: Int64(settledCount)) } else { lostCounter.increment(by: Int64(settledCount)) }
        if newlyDropped > 0 {
            droppedCounter.increment(by: Int64(newlyDropped))
            logger.warning(
                "audit queue full: records dropped", metadata: ["audit.dropped": "\(newlyDropped)", "audit.capacity": "\(configuration.capacity)"])
        }
        for waiter in ready { waiter.resume() }
    }

    /// Blocks the calling writer thread until `wake` holds (true) or `deadline` passed (false).
    @discardableResult
    func sleep(for wake: State.Wake, as drainer: State.Drainer, until deadline: DispatchTime) -> Bool {
        let batchSize = configuration.maximumBatch
        let semaphore = drainer == .idle ? wakeIdle : wakeRescuer
        while true {
            guard state.withLock({ $0.announce(wake, by: drainer, batchSize: batchSize) }) else { return true }
            if !semaphore.wait(until: deadline) {
                // Take the announcement back. A signaller that took it first has signalled or is
                // about to: that signal only makes a later sleep look once more.
                state.withLock { $0.withdraw(drainer) }
                return false
            }
        }
    }

    private var isStopping: Bool { state.withLock { $0.phase != .running } }

    /// Now plus `duration` (beyond about 292 years: forever).
    static func deadline(after duration: Duration) -> DispatchTime {
        let (seconds, attoseconds) = duration.components
        guard seconds < Int64.max / 1_000_000_000 - 1 else { return .distantFuture }
        return .now() + .nanoseconds(Int(max(0, seconds * 1_000_000_000 + attoseconds / 1_000_000_000)))
    }

    /// The wall clock in milliseconds, as ``AuditRecord/timeMilliseconds``.
    static func nowMilliseconds() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded())
    }
}
