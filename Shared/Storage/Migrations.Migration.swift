import GRDB

extension Migrations {
    /// One named schema step.
    ///
    /// A step runs inside a transaction with foreign-key checks deferred to
    /// its end (GRDB's default), so it may rebuild tables freely.
    public struct Migration: Sendable {
        /// The name recorded in `grdb_migrations` once the step has run.
        public let identifier: String
        let migrate: @Sendable (Database) throws -> Void

        public init(_ identifier: String, _ migrate: @escaping @Sendable (Database) throws -> Void) {
            self.identifier = identifier
            self.migrate = migrate
        }
    }
}
