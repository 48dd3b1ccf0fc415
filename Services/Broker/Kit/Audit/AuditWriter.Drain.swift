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
        /// The committer: commit the chunk the idle writer prepared and handed over.
        case commit(AuditBatchAppend.Prepared)
        /// Prepare these records, chunk `range` of the batch of `generation`, as one transaction.
        case chunk(records: Queue, range: Range<Int>, generation: UInt64, tip: AuditBatchAppend.Tip?)
    }

    /// The idle writer's loop: a batch when it is full or its first record has waited
    /// ``Configuration/maximumDelay``. Returns at shutdown; the committer writes what is left.
    func idleWriterLoop() {
        defer { state.withLock { $0.idleWriterStopped = true } }
        while true {
            sleep(for: .anyRecord, as: .idle, until: .distantFuture)
            if isStopping { return }
            sleep(for: .fullBatch, as: .idle, until: Self.deadline(after: configuration.maximumDelay))
            if isStopping { return }
            write(as: .idle)
        }
    }

    /// The committer's loop: commits each chunk the idle writer hands over; when the idle writer
    /// falls behind, a flush waits or shutdown begins (it looks once every
    /// ``Configuration/rescueAfter`` for a starved idle writer while no call arrives to notice
    /// it), it prepares and commits itself until the queue is short again. Returns at shutdown,
    /// once everything accepted is settled.
    func committerLoop() {
        let configuration = configuration
        while true {
            if !sleep(for: .work, as: .committer, until: Self.deadline(after: configuration.rescueAfter)) {
                let behind = state.withLock { state -> Bool in
                    guard !state.rescuing, state.phase == .running, state.isBehind(atMs: Self.nowMilliseconds(), configuration) else {
                        return false
                    }
                    state.rescuing = true
                    return true
                }
                guard behind else { continue }
            }
            let rescuing = state.withLock { $0.rescuing || $0.isShuttingDown }
            if rescuing {
                rescueCounter.increment()
                logger.debug("audit writer behind or flushed: the committer prepares at normal priority", metadata: ["audit.pending": "\(statistics.pending)"])
            }
            if write(as: .committer) == .stopped { return }
        }
    }

    /// Works until this thread has nothing more to do (see ``Step``). The idle writer takes one
    /// batch from the queue a call and goes back to waiting for the next to fill (records that
    /// arrived meanwhile are not worth a transaction of their own yet); it prepares each chunk
    /// and hands it to the committer. The committer commits what is handed over and, while
    /// rescuing, takes the batch over and prepares its chunks itself.
    @discardableResult
    func write(as drainer: State.Drainer) -> WriteEnd {
        var took = false
        while true {
            switch nextStep(for: drainer, mayTake: drainer == .committer || !took) {
            case .nothing(let wakes):
                signal(wakes)
                return .caughtUp
            case .stopped(let waiters):
                for waiter in waiters { waiter.resume() }
                return .stopped
            case .commit(let prepared):
                committerPause?()
                settle(prepared.count, tip: commit(prepared))
            case .chunk(let records, let range, let generation, let tip):
                took = true
                let prepared = AuditBatchAppend.prepare(records.records(at: range).lazy.map { $0.record(key: self.store.residentKey(for:)) }, at: tip)
                switch drainer {
                case .idle:
                    idleWriterPause?()
                    let (handedOver, wakes) = state.withLock { state -> (Bool, State.Wakes) in
                        // Taken over by the committer while it was being prepared: its work now.
                        guard state.batch?.generation == generation else { return (false, State.Wakes()) }
                        state.batch!.handedOver = prepared
                        return (true, state.takeWakes(configuration))
                    }
                    signal(wakes)
                    if handedOver { sleep(for: .handoverDone, as: .idle, until: .distantFuture) }
                case .committer:
                    state.withLock { $0.batch!.committing = true }
                    settle(range.count, tip: commit(prepared))
                }
            }
        }
    }

    private func nextStep(for drainer: State.Drainer, mayTake: Bool) -> Step {
        let configuration = configuration
        return state.withLock { state -> Step in
            if drainer == .committer, let prepared = state.batch?.handedOver {
                state.batch!.handedOver = nil
                state.batch!.committing = true
                return .commit(prepared)
            }
            // While the committer rescues, the idle writer stands aside; and it prepares no
            // chunk while the one it handed over is not committed yet (after shutdown woke it from
            // that wait, the same chunk would be handed over twice).
            if drainer == .idle, state.rescuing || state.batch?.handedOver != nil || state.batch?.committing == true {
                return .nothing(State.Wakes())
            }
            if var batch = state.batch, batch.owner != drainer {
                // Only the committer takes work over: the idle writer never holds a transaction,
                // so there is nothing to wait for.
                guard drainer == .committer, state.rescuing || state.isShuttingDown else { return .nothing(State.Wakes()) }
                state.generation &+= 1
                batch.generation = state.generation
                batch.owner = .committer
                state.batch = batch
            }
            if state.batch == nil {
                switch drainer {
                case .idle:
                    guard mayTake, !state.rescuing, state.phase == .running, !state.pending.isEmpty else { return .nothing(State.Wakes()) }
                case .committer:
                    if state.isShuttingDown, state.pending.isEmpty {
                        state.phase = .stopped
                        defer { state.flushWaiters = [] }
                        return .stopped(state.flushWaiters.map(\.continuation))
                    }
                    let caughtUp =
                        !state.isShuttingDown
                        && (!state.rescuing
                            || (state.flushWaiters.isEmpty && state.pending.count < configuration.maximumBatch
                                && !state.isBehind(atMs: Self.nowMilliseconds(), configuration)))
                    if caughtUp || state.pending.isEmpty {
                        // The queue is short again (or there was no rescue): back to the idle writer.
                        state.rescuing = false
                        return .nothing(state.takeWakes(configuration))
                    }
                }
                var taken = Queue()
                swap(&taken, &state.pending)
                state.generation &+= 1
                state.batch = State.Batch(records: taken, generation: state.generation, owner: drainer)
            }
            let batch = state.batch!
            // The committer, not rescuing, only commits what is handed over.
            guard batch.owner == drainer else { return .nothing(State.Wakes()) }
            let range = batch.done..<min(batch.done + configuration.maximumBatch, batch.records.count)
            return .chunk(records: batch.records, range: range, generation: batch.generation, tip: state.tip)
        }
    }

    /// Commits `batch`, retrying with backoff while running; after shutdown began, one attempt
    /// more. Returns the log's tip after it, or nil if it was not written.
    private func commit(_ batch: AuditBatchAppend.Prepared) -> AuditBatchAppend.Tip? {
        var delay = configuration.retryDelay
        while true {
            do {
                return try store.commitOnThisThread(batch)
            } catch {
                let stopping = isStopping
                logger.error(
                    stopping ? "audit records lost: the store failed during shutdown" : "audit records not written yet; retrying",
                    metadata: ["audit.records": "\(batch.count)", "error": "\(error)"])
                if stopping { return nil }
                sleep(for: .stopping, as: .committer, until: Self.deadline(after: delay))
                delay = min(delay * 2, configuration.maximumRetryDelay)
            }
        }
    }

    /// Counts the records of the chunk just committed as settled (appended if the log's `tip`
    /// after it is known, lost if nil), wakes the flushes they complete, reports drops. The
    /// finished batch is released after the lock, not under it.
    private func settle(_ settledCount: Int, tip: AuditBatchAppend.Tip?) {
        let configuration = configuration
        let appended = tip != nil
        var finished: State.Batch?
        let (ready, newlyDropped, wakes) = state.withLock { state -> ([CheckedContinuation<Void, Never>], UInt64, State.Wakes) in
            state.batch!.committing = false
            state.batch!.done += settledCount
            if state.batch!.done == state.batch!.records.count { swap(&finished, &state.batch) }
            state.settled += UInt64(settledCount)
            if appended { state.appended += UInt64(settledCount) } else { state.lost += UInt64(settledCount) }
            state.tip = tip
            state.oldestUnsettledMs =
                state.batch.map { $0.records.timeMilliseconds(at: $0.done) } ?? state.pending.firstTimeMilliseconds
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
        finished = nil
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
        let semaphore = drainer == .idle ? wakeIdle : wakeCommitter
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

    private var isStopping: Bool { state.withLock { $0.isShuttingDown } }

    /// Now plus `duration`, to the millisecond (beyond about 24 days: forever).
    static func deadline(after duration: Duration) -> DispatchTime {
        let milliseconds = Configuration.milliseconds(duration)
        guard milliseconds < Int64(Int32.max) else { return .distantFuture }
        return .now() + .milliseconds(Int(max(0, milliseconds)))
    }

    /// The wall clock in milliseconds, as ``AuditRecord/timeMilliseconds``.
    static func nowMilliseconds() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded())
    }
}
