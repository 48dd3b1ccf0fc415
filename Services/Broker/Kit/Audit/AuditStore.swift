import Domain
import GRDB
import Storage

/// The broker's tamper-evident audit log in broker.sqlite: appends records in hash-chained batches,
/// checks the chain, and answers "who accessed this resident" and "what did this principal do".
///
/// It exists because every access through the window must be answerable afterwards — who, on whose
/// behalf, what, which residents, why (the model: X-Road's chained message log, OpenCRVS's audited
/// views, Estonia's Data Tracker) — and the answer is worth little if rows can be edited or removed
/// unnoticed. The chain is defined in ``AuditChain``; the tables in ``AuditMigrations``.
///
/// Writes go through the single writer of the `ServiceDatabase` (SQLite work on GRDB's queues,
/// never on the cooperative pool). On the call path use ``AuditWriter``, which batches records off
/// the event loop; call ``append(_:)`` directly only from tools and tests.
package struct AuditStore: Sendable {
    /// Names of the `audit_settings` rows.
    enum Setting {
        static let residentKeySecret = "resident_key_secret"
        static let tipCount = "chain_tip_count"
        static let tipHash = "chain_tip_hash"
    }

    package let database: ServiceDatabase
    /// The HMAC key of ``residentKey(for:)``: generated at the first start, never leaves the database.
    private let secret: [UInt8]

    /// Uses the audit tables of `database`, which must have been opened with ``AuditMigrations``
    /// registered.
    package init(database: ServiceDatabase) async throws {
        self.database = database
        secret = try await database.read { db in
            guard try db.tableExists("audit_settings") else { throw AuditStoreError.notMigrated(path: database.path) }
            guard let text = try Self.setting(Setting.residentKeySecret, db), let secret = Hex.decode(text), secret.count >= 32 else {
                throw AuditStoreError.malformedSetting(name: Setting.residentKeySecret)
            }
            return secret
        }
    }

    /// The key that stands for the resident with `idNumber` in the log (see ``ResidentKey``):
    /// what a service's reported ID numbers become before they are recorded, and what a resident's
    /// access log is looked up by.
    package func residentKey(for idNumber: String) -> ResidentKey {
        ResidentKey(idNumber: idNumber, secret: secret)
    }

    package func residentKey(for number: ResidentIdentityNumber) -> ResidentKey {
        residentKey(for: number.rawValue)
    }

    /// Appends `records`, in order, in one write transaction: each row chained to the one before,
    /// its residents indexed, and the tip updated. All are written or none.
    package func append(_ records: [AuditRecord]) async throws {
        guard !records.isEmpty else { return }
        try await database.write { db in
            var (count, tip) = try Self.tip(db)
            let insert = try AuditInsert(db)
            var scratch: [UInt8] = []
            var tipHex = Hex.encode(tip)
            for record in records {
                count += 1
                let row = AuditRow(seq: count, record: record)
                let hash = AuditChain.hash(previous: tip, row: row, scratch: &scratch)
                let hashHex = Hex.encode(hash)
                try insert.insert(row, previousHash: tipHex, hash: hashHex, residentKeys: record.residentKeys)
                (tip, tipHex) = (hash, hashHex)
            }
            let updateSetting = try db.cachedStatement(sql: "UPDATE audit_settings SET value = ? WHERE name = ?")
            try updateSetting.execute(arguments: [String(count), Setting.tipCount])
            try updateSetting.execute(arguments: [tipHex, Setting.tipHash])
        }
    }

    /// Checks the whole log in one read snapshot: rows numbered 1…n without gaps, each row's
    /// `previous_hash` and `hash` as ``AuditChain`` gives them, `audit_residents` exactly the rows'
    /// residents, and the recorded tip equal to the last row. Reports the first disagreement.
    package func verify() async throws -> AuditVerification {
        try await database.read { db in try Self.verify(db) }
    }

    /// The calls that read or wrote the data of the resident with `idNumber`, newest first: the
    /// access log a resident may ask for. `before` continues from a previous page's
    /// ``AuditPage/nextBefore``; `limit` follows the shared page-size rules (0 = 50, at most 500).
    package func accesses(resident idNumber: String, limit: Int = 0, before: Int64? = nil) async throws -> AuditPage {
        let key = residentKey(for: idNumber)
        let size = try PageSize(requested: limit)
        let columns = AuditRow.columns.split(separator: ", ").map { "a.\($0)" }.joined(separator: ", ")
        return try await page(
            size: size,
            sql: """
                SELECT \(columns) FROM audit_residents r JOIN audit_log a ON a.seq = r.seq
                WHERE r.resident_key = ? AND r.seq < ? ORDER BY r.seq DESC LIMIT ?
                """,
            arguments: [key.hex, before ?? .max, size.fetchLimit])
    }

    /// What `principal` did, newest first: the calls it made and the calls made on its behalf
    /// (a composed call records the person it acts for in `on_behalf_of`). Paged as ``accesses(resident:limit:before:)``.
    package func actions(principal: String, limit: Int = 0, before: Int64? = nil) async throws -> AuditPage {
        let size = try PageSize(requested: limit)
        // An empty name would match every call made on nobody's behalf.
        guard !principal.isEmpty else { return AuditPage(entries: [], nextBefore: nil) }
        // Each branch walks its own index backwards from `before` and stops at the page size.
        return try await page(
            size: size,
            sql: """
                SELECT \(AuditRow.columns) FROM audit_log WHERE seq IN (
                    SELECT seq FROM (SELECT seq FROM audit_log WHERE principal = ?1 AND seq < ?2 ORDER BY seq DESC LIMIT ?3)
                    UNION ALL
                    SELECT seq FROM (SELECT seq FROM audit_log WHERE on_behalf_of = ?1 AND seq < ?2 ORDER BY seq DESC LIMIT ?3))
                ORDER BY seq DESC LIMIT ?3
                """,
            arguments: [principal, before ?? .max, size.fetchLimit])
    }

    /// The break-the-glass calls (``AuditRecord/breakTheGlass``), newest first, for review: who
    /// read which most sensitive record outside their normal scope, and on what stated purpose.
    /// Paged as ``accesses(resident:limit:before:)``.
    package func accessesForReview(limit: Int = 0, before: Int64? = nil) async throws -> AuditPage {
        let size = try PageSize(requested: limit)
        return try await page(
            size: size,
            sql: "SELECT \(AuditRow.columns) FROM audit_log WHERE break_the_glass <> 0 AND seq < ? ORDER BY seq DESC LIMIT ?",
            arguments: [before ?? .max, size.fetchLimit])
    }

    private func page(size: PageSize, sql: String, arguments: StatementArguments) async throws -> AuditPage {
        let rows = try await database.read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                do throws(AuditRow.MalformedColumn) {
                    return try AuditRow(stored: row)
                } catch {
                    throw AuditStoreError.malformedRow(seq: row[0], column: error.name)
                }
            }
        }
        let entries = rows.prefix(size.value).map { AuditEntry(seq: $0.seq, record: $0.record) }
        return AuditPage(entries: entries, nextBefore: rows.count > size.value ? entries.last?.seq : nil)
    }

    // MARK: Inside a transaction

    private static func setting(_ name: String, _ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM audit_settings WHERE name = ?", arguments: [name])
    }

    /// The recorded tip: rows appended so far and the last row's hash (genesis when none).
    private static func tip(_ db: Database) throws -> (count: Int64, hash: [UInt8]) {
        guard let text = try setting(Setting.tipCount, db), let count = Int64(text), count >= 0 else {
            throw AuditStoreError.malformedSetting(name: Setting.tipCount)
        }
        guard let text = try setting(Setting.tipHash, db), let hash = Hex.decode(text), hash.count == 32 else {
            throw AuditStoreError.malformedSetting(name: Setting.tipHash)
        }
        return (count, hash)
    }

    private static func verify(_ db: Database) throws -> AuditVerification {
        var expectedSeq: Int64 = 1
        var previous = AuditChain.genesis
        var indexedResidents: Int64 = 0
        let isIndexed = try db.cachedStatement(sql: "SELECT 1 FROM audit_residents WHERE resident_key = ? AND seq = ?")
        let rows = try Row.fetchCursor(db, sql: "SELECT \(AuditRow.columns), previous_hash, hash FROM audit_log ORDER BY seq")
        while let stored = try rows.next() {
            let seq: Int64 = stored[0]
            guard seq == expectedSeq else { return .broken(seq: expectedSeq, problem: .rowMissing) }
            let row: AuditRow
            let previousHash: String
            let hash: String
            do {
                row = try AuditRow(stored: stored)
                previousHash = try Self.text(stored, 13, "previous_hash")
                hash = try Self.text(stored, 14, "hash")
            } catch {
                return .broken(seq: seq, problem: .malformedColumn(error.name))
            }
            guard previousHash == Hex.encode(previous) else { return .broken(seq: seq, problem: .previousHashMismatch) }
            let computed = AuditChain.hash(previous: previous, row: row)
            guard hash == Hex.encode(computed) else { return .broken(seq: seq, problem: .hashMismatch) }
            let keys = Set(row.residentKeyTexts)
            for key in keys {
                guard try Int.fetchOne(isIndexed, arguments: [key, seq]) != nil else { return .broken(seq: seq, problem: .residentIndexMismatch) }
            }
            indexedResidents += Int64(keys.count)
            previous = computed
            expectedSeq += 1
        }
        let rowCount = expectedSeq - 1

        // Every row's residents are indexed; any further index entry is invented (or dangling).
        var problems: [(seq: Int64, problem: AuditVerification.Problem)] = []
        if try Int64.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_residents") != indexedResidents {
            let seq = try Int64.fetchOne(
                db,
                sql: """
                    SELECT r.seq FROM audit_residents r LEFT JOIN audit_log a ON a.seq = r.seq
                    WHERE a.seq IS NULL OR instr(',' || a.residents || ',', ',' || r.resident_key || ',') = 0
                    ORDER BY r.seq LIMIT 1
                    """)
            problems.append((seq ?? max(rowCount, 1), .residentIndexMismatch))
        }

        // The tip catches what the rows cannot show: the last rows removed, or rows added after it.
        guard let tip = try? Self.tip(db) else {
            problems.append((max(rowCount, 1), .tipMismatch))
            return Self.first(problems, rowCount: rowCount, tip: previous)
        }
        if tip.count > rowCount {
            problems.append((rowCount + 1, .rowMissing))
        } else if tip.count < rowCount {
            problems.append((tip.count + 1, .beyondTip))
        } else if tip.hash != previous {
            problems.append((max(rowCount, 1), .tipMismatch))
        }
        return Self.first(problems, rowCount: rowCount, tip: previous)
    }

    /// The problem with the lowest `seq`, or intact when there is none.
    private static func first(
        _ problems: [(seq: Int64, problem: AuditVerification.Problem)], rowCount: Int64, tip: [UInt8]
    ) -> AuditVerification {
        guard let first = problems.min(by: { $0.seq < $1.seq }) else { return .intact(rowCount: rowCount, tipHash: Hex.encode(tip)) }
        return .broken(seq: first.seq, problem: first.problem)
    }

    private static func text(_ row: Row, _ index: Int, _ name: String) throws(AuditRow.MalformedColumn) -> String {
        let value: DatabaseValue = row[index]
        guard case .string(let text) = value.storage else { throw AuditRow.MalformedColumn(name: name) }
        return text
    }
}
