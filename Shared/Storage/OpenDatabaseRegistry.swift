import Foundation
import GRDB
import Synchronization

/// The process-wide list of database files a ``ServiceDatabase`` has open.
///
/// Why it exists: the system SQLite (3.40 on Debian 12) has a WAL-reset race
/// between concurrent writers and checkpointers on the same file. A
/// `DatabasePool` owns exactly one writer connection, so within a process the
/// race can only happen if the same file is opened twice; this registry makes
/// a second open in the same process fail instead.
///
/// An entry stays claimed while its pool is alive: it is released by
/// ``ServiceDatabase/close()``, or automatically once the `DatabasePool` is
/// deallocated (the weak reference then reads nil). Holding the pool weakly,
/// rather than releasing in `ServiceDatabase.deinit`, keeps the file claimed
/// while somebody still retains ``ServiceDatabase/pool`` and its writer.
enum OpenDatabaseRegistry {
    private struct Entry: Sendable {
        let token: UInt64
        weak var pool: DatabasePool?
        /// True between reservation and the pool being attached, so that two
        /// concurrent opens of the same path cannot both get past `reserve`.
        var isOpening: Bool

        var isLive: Bool { isOpening || pool != nil }
    }

    private struct State: Sendable {
        var nextToken: UInt64 = 1
        var entries: [String: Entry] = [:]
    }

    private static let state = Mutex(State())

    /// Claims `path` (already canonical); returns a token to attach or
    /// release with, or nil if the path is open.
    static func reserve(_ path: String) -> UInt64? {
        state.withLock { state in
            if let entry = state.entries[path], entry.isLive {
                return nil
            }
            let token = state.nextToken
            state.nextToken += 1
            state.entries[path] = Entry(token: token, pool: nil, isOpening: true)
            return token
        }
    }

    /// Records the opened pool for a reservation.
    static func attach(_ pool: DatabasePool, path: String, token: UInt64) {
        state.withLock { state in
            guard state.entries[path]?.token == token else { return }
            state.entries[path] = Entry(token: token, pool: pool, isOpening: false)
        }
    }

    /// Releases a reservation; a stale token (the path was since reopened by
    /// someone else) is ignored.
    static func release(path: String, token: UInt64) {
        state.withLock { state in
            if state.entries[path]?.token == token {
                state.entries[path] = nil
            }
        }
    }

    /// The form of `path` used as the registry key: absolute, with `.`/`..`
    /// and symbolic links resolved, so two spellings of one file collide.
    /// The parent directory must exist (the file itself need not).
    static func canonicalPath(_ path: String) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        if let resolved = realPath(url.path) {
            return resolved
        }
        let directory = url.deletingLastPathComponent().path
        let resolvedDirectory = realPath(directory) ?? directory
        return URL(fileURLWithPath: resolvedDirectory, isDirectory: true)
            .appendingPathComponent(url.lastPathComponent).path
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
