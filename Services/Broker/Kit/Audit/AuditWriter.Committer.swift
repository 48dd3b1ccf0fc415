import Dispatch
import Foundation

extension AuditWriter {
    /// What the committer does next, decided under the lock.
    private enum Step {
        /// Nothing to write before `deadline` (when the open batch is due, or never).
        case sleep(until: DispatchTime)
        /// Prepare and commit this batch.
        case write(AuditBatchBuilder)
        /// Shutdown complete: every record settled, the flushes still waiting to be resumed.
        case stopped([CheckedContinuation<Void, Never>])
    }

    /// The committer's loop: writes each closed batch, and closes the open one when it is due —
    /// ``Configuration/maximumDelay`` after its first record — or a flush or shutdown needs it.
    /// Returns at shutdown, once everything accepted is settled.
    func committerLoop() {
        var tip: AuditBatchAppend.Tip?
        while true {
            switch nextStep() {
            case .sleep(let deadline):
                if !wakeCommitter.wait(until: deadline) {
                    // Take the sleep back. A signaller that took it first has signalled or is about
                    // to: that signal only makes a later sleep look once more.
                    state.withLock { $0.committerSleeps = nil }
                }
            case .write(let batch):
                let count = batch.count
                let prepared = batch.prepare(at: tip, key: store.residentKey(for:))
                committerPause?()
                tip = commit(prepared)
                settle(count, appended: tip != nil)
            case .stopped(let waiters):
                for waiter in waiters { waiter.resume() }
                return
            }
        }
    }

    private func nextStep() -> Step {
        let configuration = configuration
        return state.withLock { state -> Step in
            if state.closed.isEmpty, let openedAt = state.openedAt {
                let due =
                    state.isShuttingDown || !state.flushWaiters.isEmpty || DispatchTime.now() >= Self.deadline(configuration.maximumDelay, after: openedAt)
                if due { state.closeOpen(batchCapacity: configuration.maximumBatch) }
            }
            if !state.closed.isEmpty {
                let batch = state.closed.removeFirst()
                state.closedCount -= batch.count
                state.committing = batch.count
                return .write(batch)
            }
            if state.isShuttingDown {
                // Nothing open or closed: every record accepted is settled.
                state.phase = .stopped
                defer { state.flushWaiters = [] }
                return .stopped(state.flushWaiters.map(\.continuation))
            }
            state.committerSleeps = .work
            return .sleep(until: state.openedAt.map { Self.deadline(configuration.maximumDelay, after: $0) } ?? .distantFuture)
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
                sleepUntilStopping(orUntil: Self.deadline(delay, after: .now()))
                delay = min(delay * 2, configuration.maximumRetryDelay)
            }
        }
    }

    /// Counts the records of the batch just committed as settled (appended, or lost), wakes the
    /// flushes they complete, reports drops.
    private func settle(_ settledCount: Int, appended: Bool) {
        let configuration = configuration
        let (ready, newlyDropped) = state.withLock { state -> ([CheckedContinuation<Void, Never>], UInt64) in
            state.committing = 0
            state.settled += UInt64(settledCount)
            if appended { state.appended += UInt64(settledCount) } else { state.lost += UInt64(settledCount) }
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
        if appended { appendedCounter.increment(by: Int64(settledCount)) } else { lostCounter.increment(by: Int64(settledCount)) }
        if newlyDropped > 0 {
            droppedCounter.increment(by: Int64(newlyDropped))
            logger.warning(
                "audit queue full: records dropped", metadata: ["audit.dropped": "\(newlyDropped)", "audit.capacity": "\(configuration.capacity)"])
        }
        for waiter in ready { waiter.resume() }
    }

    /// Blocks the committer until shutdown begins or `deadline` passes.
    private func sleepUntilStopping(orUntil deadline: DispatchTime) {
        guard
            state.withLock({ state -> Bool in
                guard !state.isShuttingDown else { return false }
                state.committerSleeps = .stopping
                return true
            })
        else { return }
        if !wakeCommitter.wait(until: deadline) { state.withLock { $0.committerSleeps = nil } }
    }

    private var isStopping: Bool { state.withLock { $0.isShuttingDown } }

    /// `start` plus `duration`, to the millisecond (beyond about 24 days: forever).
    static func deadline(_ duration: Duration, after start: DispatchTime) -> DispatchTime {
        let milliseconds = Configuration.milliseconds(duration)
        guard milliseconds < Int64(Int32.max) else { return .distantFuture }
        return start + .milliseconds(Int(max(0, milliseconds)))
    }

    /// The wall clock in milliseconds, as ``AuditRecord/timeMilliseconds``.
    static func nowMilliseconds() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded())
    }
}
