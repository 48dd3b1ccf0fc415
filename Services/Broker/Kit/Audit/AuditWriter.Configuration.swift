extension AuditWriter {
    /// The writer's bounds and timing.
    ///
    /// The defaults suit the broker: a batch is one SQLite transaction (one fsync), so batching is
    /// what lets the log keep up with tens of thousands of calls a second, while no record waits
    /// more than `maximumDelay` for its batch. Batches are large (16,000 records, closed after
    /// 200 ms) because in format 4 a batch's bytes are few and what costs the routing threads is
    /// each transaction — its wake-ups and its fsync: at 100,000 calls a second that is about 6
    /// commits a second, not 25 as with batches of 4,000. An auditor never sees the delay: the
    /// broker's audit queries ``AuditWriter/flush()`` first. At most 200,000 records wait
    /// unwritten (encoded, a few MB).
    package struct Configuration: Sendable, Equatable {
        /// The most records accepted and not yet written; beyond it ``AuditWriter/record(_:)`` drops
        /// and counts them rather than block the event loop or grow without bound.
        package var capacity: Int
        /// The most records appended in one transaction; a full batch is written at once.
        package var maximumBatch: Int
        /// The longest a record waits for its batch to fill before it is written anyway.
        package var maximumDelay: Duration
        /// The wait before the first retry of a failed append; it doubles up to `maximumRetryDelay`.
        package var retryDelay: Duration
        package var maximumRetryDelay: Duration

        package init(
            capacity: Int = 200_000, maximumBatch: Int = 16_000, maximumDelay: Duration = .milliseconds(200),
            retryDelay: Duration = .milliseconds(100), maximumRetryDelay: Duration = .seconds(5)
        ) {
            self.capacity = capacity
            self.maximumBatch = maximumBatch
            self.maximumDelay = maximumDelay
            self.retryDelay = retryDelay
            self.maximumRetryDelay = maximumRetryDelay
        }

        /// `duration` in whole milliseconds (`Int64.max` if it does not fit).
        static func milliseconds(_ duration: Duration) -> Int64 {
            let (seconds, attoseconds) = duration.components
            return seconds.multipliedReportingOverflow(by: 1000).overflow ? .max : seconds * 1000 + attoseconds / 1_000_000_000_000_000
        }
    }
}
