extension ServiceDatabase {
    /// Tunables for a ``ServiceDatabase``.
    ///
    /// Only the knobs a deployment may reasonably change are here; the
    /// durability settings (WAL, `synchronous = FULL`, foreign keys) are not
    /// configurable on purpose.
    public struct Configuration: Sendable, Equatable {
        /// How long a connection waits for a lock held by another connection
        /// (another process, or a checkpoint) before failing with SQLITE_BUSY.
        public var busyTimeout: Duration

        /// The most reader connections open at once. Reads beyond this wait
        /// for a free reader (on GRDB's queues, not on Swift's thread pool).
        public var maximumReaderCount: Int

        /// Bytes of the database file SQLite may memory-map for reading (0 turns it off).
        public var mmapSizeBytes: Int

        /// How long an idempotency key is kept (and a retry with it replayed) before
        /// ``ServiceDatabase/purgeExpiredIdempotencyKeys(now:)`` deletes it: 7 days unless changed.
        /// Longer than any client retries one write; a retry after it runs the write again.
        public var idempotencyRetention: Duration

        public init(
            busyTimeout: Duration = .seconds(5), maximumReaderCount: Int = 4, mmapSizeBytes: Int = 1 << 30,
            idempotencyRetention: Duration = IdempotencyStore.defaultRetention
        ) {
            self.busyTimeout = busyTimeout
            self.maximumReaderCount = maximumReaderCount
            self.mmapSizeBytes = mmapSizeBytes
            self.idempotencyRetention = idempotencyRetention
        }

        /// The busy timeout in seconds, as GRDB and SQLite expect it.
        var busyTimeoutSeconds: Double {
            let parts = busyTimeout.components
            return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
        }

        func validate() throws(ServiceDatabaseError) {
            guard maximumReaderCount >= 1 else {
                throw .invalidConfiguration(reason: "maximumReaderCount must be at least 1, got \(maximumReaderCount)")
            }
            guard mmapSizeBytes >= 0 else {
                throw .invalidConfiguration(reason: "mmapSizeBytes must not be negative, got \(mmapSizeBytes)")
            }
            guard busyTimeout >= .zero else {
                throw .invalidConfiguration(reason: "busyTimeout must not be negative, got \(busyTimeout)")
            }
            guard idempotencyRetention > .zero else {
                throw .invalidConfiguration(reason: "idempotencyRetention must be positive, got \(idempotencyRetention)")
            }
        }
    }
}
