import Storage

/// Why the audit store cannot be used: broker.sqlite lacks the audit tables, or holds a damaged row.
///
/// It exists to tell a start-up mistake (the audit steps were not registered) and damaged audit
/// tables apart from SQLite's own errors. Each says which status it becomes.
package enum AuditStoreError: StatusCodeNamedError, Equatable {
    /// The database was opened without ``AuditMigrations``.
    case notMigrated(path: String)
    /// A row of `audit_settings` is missing or not in its format.
    case malformedSetting(name: String)
    /// A row or batch a query read holds a value of the wrong type in `column`, or records that
    /// do not decode: it was tampered with (``AuditStore/verify()`` says more). `seq` is the
    /// record's, or the batch's first.
    case malformedRow(seq: Int64, column: String)

    package var statusCodeName: String {
        switch self {
        case .notMigrated, .malformedSetting: "INTERNAL"
        case .malformedRow: "DATA_LOSS"
        }
    }

    package var description: String {
        switch self {
        case .notMigrated(let path):
            "database \(path) has no audit tables: register AuditMigrations with its migrations before opening it"
        case .malformedSetting(let name):
            "audit_settings '\(name)' is missing or malformed"
        case .malformedRow(let seq, let column):
            "audit record \(seq): column \(column) is malformed"
        }
    }
}
