extension AuditWriter {
    /// Everything the event loop and the two writer threads share, behind the writer's one `Mutex`.
    /// Invariant: `accepted == settled + unsettled`.
    struct State: Sendable {
        /// `stopping`: shutdown began, records are still accepted and drained; `stopped`: refused.
        enum Phase { case notStarted, running, stopping, stopped }
        /// The two threads: the idle writer (lowered priority), which prepares batches, and the
        /// committer (normal priority), the only one that ever holds a transaction.
        enum Drainer: Sendable { case idle, committer }
        /// What a thread sleeps for.
        enum Wake {
            /// Idle writer: a record to write (or shutdown).
            case anyRecord
            /// Idle writer: a full batch, a rescue that takes the work over, or shutdown.
            case fullBatch
            /// Idle writer: the chunk it handed over was committed (or taken over), or shutdown.
            case handoverDone
            /// Committer: a chunk handed over, the idle writer behind, a flush, or shutdown.
            case work
            /// Committer, between retries of a failed commit: shutdown.
            case stopping
        }
        /// The records a thread took from the queue, written a chunk (one transaction) at a time.
        /// Its owner prepares the chunks; the committer may take it over from the idle writer (a
        /// new `generation`: a chunk prepared for the old one is not handed over).
        struct Batch: Sendable {
            var records: Queue
            /// Records of `records` already settled.
            var done = 0
            var generation: UInt64
            var owner: Drainer
            /// The idle writer's next chunk, prepared, for the committer to commit.
            var handedOver: AuditBatchAppend.Prepared?
            var committing = false
        }
        /// Which threads to signal once the lock is released.
        struct Wakes {
            var idle = false
            var committer = false
        }

        var phase = Phase.notStarted
        /// The idle writer's thread returned (it does at shutdown).
        var idleWriterStopped = false
        /// Accepted records in order of arrival, not yet taken by a thread.
        var pending = Queue()
        var batch: Batch?
        var generation: UInt64 = 0
        var accepted: UInt64 = 0
        /// Records appended or lost.
        var settled: UInt64 = 0
        var appended: UInt64 = 0
        var lost: UInt64 = 0
        var dropped: UInt64 = 0
        var droppedReported: UInt64 = 0
        /// The committer prepares as well (and the idle writer stands aside) until the queue is
        /// short again: the idle writer fell behind, a flush waits, or shutdown.
        var rescuing = false
        /// What each thread sleeps on its `ThreadWake` for; nil while it is awake. A signaller
        /// takes the announcement back under the lock, so a thread is signalled once per sleep.
        var idleWaits: Wake?
        var committerWaits: Wake?
        /// Flushes waiting until `settled` reaches `upTo`.
        var flushWaiters: [(upTo: UInt64, continuation: CheckedContinuation<Void, Never>)] = []
        /// When the oldest record not yet settled ended its call (its `timeMilliseconds`).
        var oldestUnsettledMs: Int64?
        /// The log's tip, once a commit has told: chunks are encoded and hashed for it ahead of
        /// their transaction.
        var tip: AuditBatchAppend.Tip?

        var unsettled: Int { pending.count + (batch.map { $0.records.count - $0.done } ?? 0) }

        /// Whether the idle writer is behind: too many records unwritten, or one waiting too long.
        func isBehind(atMs now: Int64, _ configuration: Configuration) -> Bool {
            if unsettled >= configuration.rescueBacklog { return true }
            guard let oldest = oldestUnsettledMs else { return false }
            return now - oldest >= configuration.rescueAfterMilliseconds
        }

        /// Shutdown began (`stopping`), or the committer finished it (`stopped`).
        var isShuttingDown: Bool { phase == .stopping || phase == .stopped }

        func isSatisfied(_ wake: Wake, batchSize: Int) -> Bool {
            switch wake {
            case .anyRecord: return isShuttingDown || (!rescuing && !pending.isEmpty)
            case .fullBatch: return isShuttingDown || rescuing || pending.count >= batchSize
            case .handoverDone: return isShuttingDown || (batch?.handedOver == nil && !(batch?.committing ?? false))
            case .work: return isShuttingDown || rescuing || batch?.handedOver != nil
            case .stopping: return isShuttingDown
            }
        }

        /// Takes back the sleep of each thread whose wait now holds: the caller signals them.
        mutating func takeWakes(_ configuration: Configuration) -> Wakes {
            var wakes = Wakes()
            if let wake = idleWaits, isSatisfied(wake, batchSize: configuration.maximumBatch) {
                idleWaits = nil
                wakes.idle = true
            }
            if let wake = committerWaits, isSatisfied(wake, batchSize: configuration.maximumBatch) {
                committerWaits = nil
                wakes.committer = true
            }
            return wakes
        }

        /// Announces that `drainer` sleeps for `wake`, unless it holds already (then false).
        mutating func announce(_ wake: Wake, by drainer: Drainer, batchSize: Int) -> Bool {
            guard !isSatisfied(wake, batchSize: batchSize) else { return false }
            switch drainer {
            case .idle: idleWaits = wake
            case .committer: committerWaits = wake
            }
            return true
        }

        mutating func withdraw(_ drainer: Drainer) {
            switch drainer {
            case .idle: idleWaits = nil
            case .committer: committerWaits = nil
            }
        }
    }
}
