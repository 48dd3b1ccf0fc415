// This is the ONLY file in the Storage module that imports CSQLite, and it must
// never import GRDB: both modules expose the sqlite3 C API, and seeing the two
// in one file makes every sqlite3_* symbol ambiguous.
import CSQLite

/// Facts about the SQLite C library this process actually linked.
///
/// It exists so that start-up can log which SQLite is really in use (the
/// system library, not one we ship) and refuse to run on a build that was
/// compiled without mutexes: GRDB moves connections between its dispatch
/// queues, which is only safe when SQLite is thread-safe.
public enum SQLiteLibrary {
    /// The library's version string, for example "3.40.1".
    public static var version: String {
        String(cString: sqlite3_libversion())
    }

    /// The library's version as a number, for example 3040001.
    public static var versionNumber: Int {
        Int(sqlite3_libversion_number())
    }

    /// The compile-time threading mode reported by `sqlite3_threadsafe()`:
    /// 0 single-thread (no mutexes), 1 serialized, 2 multi-thread.
    public static var threadSafetyMode: Int {
        Int(sqlite3_threadsafe())
    }

    /// Whether the library may be used from more than one thread.
    ///
    /// Mode 2 (multi-thread) is enough: GRDB never uses one connection from
    /// two threads at once, it only hands connections between threads.
    public static var isThreadSafe: Bool {
        threadSafetyMode != 0
    }
}
