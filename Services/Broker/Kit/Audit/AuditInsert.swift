import CSQLite
import GRDB

/// The two prepared `INSERT`s one audit batch runs, bound through SQLite's C interface.
///
/// It exists because the audit log writes one row for every call through the broker, and binding
/// through GRDB's `StatementArguments` boxed each of a row's fifteen values in an existential — the
/// largest single cost of the append once hashing was fast (perf: a quarter of the writer's time).
/// The statements are prepared on the transaction's connection for one batch and finalized when it
/// ends; every text is bound `SQLITE_TRANSIENT` (copied by SQLite), so nothing outlives a call.
final class AuditInsert {
    private let connection: OpaquePointer
    private let row: OpaquePointer
    private let resident: OpaquePointer

    init(_ db: Database) throws {
        guard let connection = db.sqliteConnection else { throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "closed connection") }
        self.connection = connection
        let columns = "\(AuditRow.columns), previous_hash, hash"
        let row = try Self.prepare(connection, "INSERT INTO audit_log(\(columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        let resident: OpaquePointer
        do {
            resident = try Self.prepare(connection, "INSERT OR IGNORE INTO audit_residents(resident_key, seq) VALUES (?, ?)")
        } catch {
            sqlite3_finalize(row)
            throw error
        }
        self.row = row
        self.resident = resident
    }

    deinit {
        sqlite3_finalize(row)
        sqlite3_finalize(resident)
    }

    /// Inserts `row` with its chain hashes (hex), and its resident keys into the index.
    func insert(_ row: AuditRow, previousHash: String, hash: String, residentKeys: [ResidentKey]) throws {
        let statement = self.row
        sqlite3_reset(statement)
        bind(statement, 1, row.seq)
        bind(statement, 2, row.timeMilliseconds)
        bind(statement, 3, row.principal)
        bind(statement, 4, row.onBehalfOf)
        bind(statement, 5, row.roles)
        bind(statement, 6, row.service)
        bind(statement, 7, row.method)
        bind(statement, 8, row.purpose)
        bind(statement, 9, row.residents)
        bind(statement, 10, row.status)
        bind(statement, 11, row.durationMicroseconds)
        bind(statement, 12, row.requestID)
        bind(statement, 13, row.breakTheGlass)
        bind(statement, 14, previousHash)
        bind(statement, 15, hash)
        try step(statement)
        for key in residentKeys {
            sqlite3_reset(resident)
            bind(resident, 1, key.hex)
            bind(resident, 2, row.seq)
            try step(resident)
        }
    }

    private func bind(_ statement: OpaquePointer, _ index: Int32, _ value: Int64) {
        sqlite3_bind_int64(statement, index, value)
    }

    private func bind(_ statement: OpaquePointer, _ index: Int32, _ value: String) {
        var value = value
        value.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { text in
                if let start = text.baseAddress {
                    _ = sqlite3_bind_text(statement, index, start, Int32(text.count), Self.transient)
                } else {
                    _ = sqlite3_bind_text(statement, index, "", 0, Self.transient)
                }
            }
        }
    }

    private func step(_ statement: OpaquePointer) throws {
        let code = sqlite3_step(statement)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)))
        }
    }

    private static func prepare(_ connection: OpaquePointer, _ sql: String) throws -> OpaquePointer {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(connection, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)))
        }
        return statement
    }

    /// `SQLITE_TRANSIENT`, a C macro Swift does not import: SQLite copies the bytes at once.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
