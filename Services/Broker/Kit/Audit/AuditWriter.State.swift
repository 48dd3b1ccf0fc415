import Dispatch

extension AuditWriter {
    /// Everything the callers and the committer share, behind the writer's one `Mutex`.
    /// Invariant: `accepted == settled + unsettled`.
    struct State: Sendable {
        /// `stopping`: shutdown began, records are still accepted and written; `stopped`: refused.
        enum Phase { case notStarted, running, stopping, stopped }
        /// What the committer sleeps for.
        enum Sleep {
            /// A batch to write: one closed, a new open batch (its delay starts), a flush, shutdown.
            case work
            /// Between retries of a failed commit: shutdown.
            case stopping
        }

        var phase = Phase.notStarted
        /// The batch calls are appended to, until it is full, has waited ``Configuration/maximumDelay``,
        /// or a flush or shutdown needs it written.
        var open: AuditBatchBuilder
        /// When the open batch's first record arrived; nil while it is empty.
        var openedAt: DispatchTime?
        /// Batches closed and not yet taken by the committer, oldest first.
        var closed: [AuditBatchBuilder] = []
        /// Records in `closed`.
        var closedCount = 0
        /// Records of the batch the committer is writing.
        var committing = 0
        var accepted: UInt64 = 0
        /// Records appended or lost.
        var settled: UInt64 = 0
        var appended: UInt64 = 0
        var lost: UInt64 = 0
        var dropped: UInt64 = 0
        var droppedReported: UInt64 = 0
        /// What the committer sleeps for on its `ThreadWake`; nil while it is awake. A signaller
        /// takes it back under the lock, so the committer is signalled once per sleep.
        var committerSleeps: Sleep?
        /// Flushes waiting until `settled` reaches `upTo`.
        var flushWaiters: [(upTo: UInt64, continuation: CheckedContinuation<Void, Never>)] = []

        init(batchCapacity: Int) {
            open = AuditBatchBuilder(capacity: batchCapacity)
        }

        var unsettled: Int { open.count + closedCount + committing }

        /// Shutdown began (`stopping`), or the committer finished it (`stopped`).
        var isShuttingDown: Bool { phase == .stopping || phase == .stopped }

        /// Closes the open batch (it goes to the committer) and opens an empty one.
        mutating func closeOpen(batchCapacity: Int) {
            guard !open.isEmpty else { return }
            closedCount += open.count
            var full = AuditBatchBuilder(capacity: batchCapacity)
            swap(&full, &open)
            closed.append(full)
            openedAt = nil
        }

        /// Takes the committer's sleep back if `condition` holds and it sleeps for work (or, with
        /// `orWhileRetrying`, between retries too): true when the caller must signal it.
        mutating func takeCommitterWake(if condition: Bool, orWhileRetrying: Bool = false) -> Bool {
            guard condition, let sleep = committerSleeps, sleep == .work || orWhileRetrying else { return false }
            committerSleeps = nil
            return true
        }
    }
}
