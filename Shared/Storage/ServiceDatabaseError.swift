/// Why a ``ServiceDatabase`` could not be opened or used.
///
/// These are start-up and lifecycle failures, kept apart from the
/// per-request errors (idempotency, paging) so that a service can tell
/// "this process is misconfigured" from "this request is bad".
public enum ServiceDatabaseError: StatusCodeNamedError, Equatable {
    /// The file is already open in this process. A second writer connection
    /// to the same WAL file is exactly what ``ServiceDatabase`` must prevent.
    case alreadyOpen(path: String)

    /// The linked SQLite library was compiled single-threaded.
    case sqliteNotThreadSafe(version: String)

    /// A ``ServiceDatabase/Configuration`` value is out of range.
    case invalidConfiguration(reason: String)

    /// The directory that should hold the database could not be created.
    case cannotCreateDirectory(path: String, reason: String)

    /// The writer connection did not accept `PRAGMA synchronous = FULL`.
    case synchronousNotFull(path: String, actual: Int)

    /// The database was closed; no further reads or writes are possible.
    case closed(path: String)

    public var statusCodeName: String {
        switch self {
        case .alreadyOpen, .sqliteNotThreadSafe: "FAILED_PRECONDITION"
        case .invalidConfiguration: "INVALID_ARGUMENT"
        case .cannotCreateDirectory, .synchronousNotFull: "INTERNAL"
        // Closing happens at shutdown: the caller may retry on another instance.
        case .closed: "UNAVAILABLE"
        }
    }

    public var description: String {
        switch self {
        case .alreadyOpen(let path):
            "database \(path) is already open in this process; open it once and share the ServiceDatabase"
        case .sqliteNotThreadSafe(let version):
            "SQLite \(version) was compiled without thread safety (sqlite3_threadsafe() == 0); refusing to open"
        case .invalidConfiguration(let reason):
            "invalid database configuration: \(reason)"
        case .cannotCreateDirectory(let path, let reason):
            "cannot create database directory \(path): \(reason)"
        case .synchronousNotFull(let path, let actual):
            "database \(path): PRAGMA synchronous is \(actual), expected 2 (FULL)"
        case .closed(let path):
            "database \(path) is closed"
        }
    }
}
