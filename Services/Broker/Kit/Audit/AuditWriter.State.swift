extension AuditWriter {
    /// Everything the event loop and the two writer threads share, behind the writer's one `Mutex`.
    /// Invariant: `accepted == settled + unsettled`.
    struct State: Sendable {
        /// `stopping`: shutdown began, records are still accepted and drained; `stopped`: refused.
        enum Phase { case notStarted, running, stopping, stopped }
        /// The two threads: the idle writer (lowered priority) and the rescuer (normal priority).
        enum Drainer: Sendable { case idle, rescuer }
        /// What a thread sleeps for.
        enum Wake {
            /// Idle writer: a record to write (or shutdown).
            case anyRecord
            /// Idle writer: a full batch, a rescue that takes the work over, or shutdown.
            case fullBatch
            /// Rescuer: the idle writer fell behind, a flush, or shutdown.
            case rescue
            /// Rescuer: the idle writer's commit in progress ended.
            case commitDone
            /// Either, between retries of a failed append: shutdown.
            case stopping
        }
        /// A record as the loop queued it, its residents still as the service reported them.
        struct Pending: Sendable {
            var record: AuditRecord
            var residents: String
        }
        /// The records a thread took from the queue, written a chunk (one transaction) at a time.
        /// Whoever owns it writes it; the rescuer may take it over (a new `generation`) unless a
        /// commit is in progress.
        struct Batch: Sendable {
            var records: [Pending]
            /// Records of `records` already settled.
            var done = 0
            var generation: UInt64
            var owner: Drainer
            var committing = false
        }
        /// Which threads to signal once the lock is released.
        struct Wakes {
            var idle = false
            var rescuer = false
        }

        var phase = Phase.notStarted
        /// Accepted records in order of arrival, not yet taken by a thread.
        var pending: [Pending] = []
        var batch: Batch?
        var generation: UInt64 = 0
        var accepted: UInt64 = 0
        /// Records appended or lost.
        var settled: UInt64 = 0
        var appended: UInt64 = 0
        var lost: UInt64 = 0
        var dropped: UInt64 = 0
        var droppedReported: UInt64 = 0
        /// The rescuer writes (and the idle writer stands aside) until the queue is short again.
        var rescuing = false
        /// What each thread sleeps on its `ThreadWake` for; nil while it is awake. A signaller
        /// takes the announcement back under the lock, so a thread is signalled once per sleep.
        var idleWaits: Wake?
        var rescuerWaits: Wake?
        /// Flushes waiting until `settled` reaches `upTo`.
        var flushWaiters: [(upTo: UInt64, continuation: CheckedContinuation<Void, Never>)] = []
        /// When the oldest record not yet settled ended its call (its `timeMilliseconds`).
        var oldestUnsettledMs: Int64?
        /// The `seq` the next record will get, once a commit has told; batches are encoded for it
        /// ahead of their transaction.
        var nextSeq: Int64?

        var unsettled: Int { pending.count + (batch.map { $0.records.count - $0.done } ?? 0) }

        /// Whether the idle writer is behind: too many records unwritten, or one waiting too long.
        func isBehind(atMs now: Int64, _ configuration: Configuration) -> Bool {
            if unsettled >= configuration.rescueBacklog { return true }
            guard let oldest = oldestUnsettledMs else { return false }
            return now - oldest >= Int64(configuration.rescueAfter / .milliseconds(1))
        }

        /// Shutdown began (`stopping`), or the rescuer finished it (`stopped`).
        var isShuttingDown: Bool { phase == .stopping || phase == .stopped }

        func isSatisfied(_ wake: Wake, batchSize: Int) -> Bool {
            switch wake {
            case .anyRecord: return isShuttingDown || (!rescuing && !pending.isEmpty)
            case .fullBatch: return isShuttingDown || rescuing || pending.count >= batchSize
            case .rescue: return isShuttingDown || rescuing
            case .commitDone: return !(batch?.committing ?? false)
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
            if let wake = rescuerWaits, isSatisfied(wake, batchSize: configuration.maximumBatch) {
                rescuerWaits = nil
                wakes.rescuer = true
            }
            return wakes
        }

        /// Announces that `drainer` sleeps for `wake`, unless it holds already (then false).
        mutating func announce(_ wake: Wake, by drainer: Drainer, batchSize: Int) -> Bool {
            guard !isSatisfied(wake, batchSize: batchSize) else { return false }
            switch drainer {
            case .idle: idleWaits = wake
            case .rescuer: rescuerWaits = wake
            }
            return true
        }

        mutating func withdraw(_ drainer: Drainer) {
            switch drainer {
            case .idle: idleWaits = nil
            case .rescuer: rescuerWaits = nil
            }
        }
    }
}
