import GRDB
import Storage

/// The audit rows written one a call before `broker-audit-v3` (tables `audit_log` and
/// `audit_residents`): checked and listed as they were written, never written any more.
///
/// It exists because a shipped log must stay verifiable and answerable after the upgrade without
/// rewriting it: its rows keep their hashes (a tip hash copied elsewhere before the upgrade still
/// matches), the first batch chains to the last row, and every query continues into these rows
/// once it has read the batches (all their `seq`s are lower).
enum LegacyAuditRows {
    /// Checks the rows in `seq` order from `progress` on (see ``AuditChain``): numbered without gaps,
    /// each link and hash, `audit_residents` exactly the rows' residents. Returns the first break
    /// in a row; an invented index entry is added to `progress.problems`.
    static func verify(_ db: Database, _ progress: inout AuditCheckProgress) throws -> AuditVerification? {
        var indexedResidents: Int64 = 0
        let isIndexed = try db.cachedStatement(sql: "SELECT 1 FROM audit_residents WHERE resident_key = ? AND seq = ?")
        let rows = try Row.fetchCursor(db, sql: "SELECT \(AuditRow.columns), previous_hash, hash FROM audit_log ORDER BY seq")
        while let stored = try rows.next() {
            let seq: Int64 = stored[0]
            guard seq == progress.nextSeq else { return .broken(seq: progress.nextSeq, problem: .rowMissing) }
            let row: AuditRow
            let previousHash: String
            let hash: String
            do {
                row = try AuditRow(stored: stored)
                previousHash = try text(stored, 13, "previous_hash")
                hash = try text(stored, 14, "hash")
            } catch {
                return .broken(seq: seq, problem: .malformedColumn(error.name))
            }
            guard previousHash == Hex.encode(progress.previous) else { return .broken(seq: seq, problem: .previousHashMismatch) }
            let computed = AuditChain.hash(previous: progress.previous, row: row)
            guard hash == Hex.encode(computed) else { return .broken(seq: seq, problem: .hashMismatch) }
            let keys = Set(row.residentKeyTexts)
            for key in keys {
                guard try Int.fetchOne(isIndexed, arguments: [key, seq]) != nil else { return .broken(seq: seq, problem: .residentIndexMismatch) }
            }
            indexedResidents += Int64(keys.count)
            progress.previous = computed
            progress.nextSeq += 1
        }
        // Every row's residents are indexed; any further index entry is invented (or dangling).
        if try Int64.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_residents") != indexedResidents {
            let seq = try Int64.fetchOne(
                db,
                sql: """
                    SELECT r.seq FROM audit_residents r LEFT JOIN audit_log a ON a.seq = r.seq
                    WHERE a.seq IS NULL OR instr(',' || a.residents || ',', ',' || r.resident_key || ',') = 0
                    ORDER BY r.seq LIMIT 1
                    """)
            progress.problems.append((seq ?? progress.lastSeqOrOne, .residentIndexMismatch))
        }
        return nil
    }

    /// The rows that list resident `key`, newest first, below `before`.
    static func accesses(_ db: Database, resident key: ResidentKey, before: Int64, limit: Int) throws -> [AuditEntry] {
        let columns = AuditRow.columns.split(separator: ", ").map { "a.\($0)" }.joined(separator: ", ")
        return try entries(
            db,
            sql: """
                SELECT \(columns) FROM audit_residents r JOIN audit_log a ON a.seq = r.seq
                WHERE r.resident_key = ? AND r.seq < ? ORDER BY r.seq DESC LIMIT ?
                """,
            arguments: [key.hex, before, limit])
    }

    /// The rows `principal` made or that were made on its behalf, newest first, below `before`.
    static func actions(_ db: Database, principal: String, before: Int64, limit: Int) throws -> [AuditEntry] {
        // Each branch walks its own index backwards from `before` and stops at the limit.
        try entries(
            db,
            sql: """
                SELECT \(AuditRow.columns) FROM audit_log WHERE seq IN (
                    SELECT seq FROM (SELECT seq FROM audit_log WHERE principal = ?1 AND seq < ?2 ORDER BY seq DESC LIMIT ?3)
                    UNION ALL
                    SELECT seq FROM (SELECT seq FROM audit_log WHERE on_behalf_of = ?1 AND seq < ?2 ORDER BY seq DESC LIMIT ?3))
                ORDER BY seq DESC LIMIT ?3
                """,
            arguments: [principal, before, limit])
    }

    /// The break-the-glass rows, newest first, below `before`.
    static func accessesForReview(_ db: Database, before: Int64, limit: Int) throws -> [AuditEntry] {
        try entries(
            db, sql: "SELECT \(AuditRow.columns) FROM audit_log WHERE break_the_glass <> 0 AND seq < ? ORDER BY seq DESC LIMIT ?",
            arguments: [before, limit])
    }

    private static func entries(_ db: Database, sql: String, arguments: StatementArguments) throws -> [AuditEntry] {
        try Row.fetchAll(db, sql: sql, arguments: arguments).map { stored in
            do throws(AuditRow.MalformedColumn) {
                let row = try AuditRow(stored: stored)
                return AuditEntry(seq: row.seq, record: row.record)
            } catch {
                throw AuditStoreError.malformedRow(seq: stored[0], column: error.name)
            }
        }
    }

    private static func text(_ row: Row, _ index: Int, _ name: String) throws(AuditRow.MalformedColumn) -> String {
        let value: DatabaseValue = row[index]
        guard case .string(let text) = value.storage else { throw AuditRow.MalformedColumn(name: name) }
        return text
    }
}
