extension AuditWriter {
    /// The writer's bounds and timing.
    ///
    /// The defaults suit the broker: a batch is one SQLite transaction (one fsync), so batching is
    /// what lets the log keep up with tens of thousands of calls a second, while no record waits
    /// more than `maximumDelay` for its batch.
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
            capacity: Int = 100_000, maximumBatch: Int = 1_000, maximumDelay: Duration = .milliseconds(50),
            retryDelay: Duration = .milliseconds(100), maximumRetryDelay: Duration = .seconds(5)
        ) {
            self.capacity = capacity
            self.maximumBatch = maximumBatch
            self.maximumDelay = maximumDelay
            self.retryDelay = retryDelay
            self.maximumRetryDelay = maximumRetryDelay
        }
    }
}
