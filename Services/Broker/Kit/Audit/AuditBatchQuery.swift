import Foundation
import GRDB

/// The audit log's three questions asked of the batches: a resident's accesses, a principal's
/// actions, the break-the-glass calls — each newest first, below a `seq`, at most a limit.
///
/// It exists because an index names batches, not records: each query walks its index backwards,
/// reads only the batches it names (stopping once the page is full), and keeps the records of
/// each batch that match, on their bytes (``AuditBatchRecords``) before building any value.
enum AuditBatchQuery {
    static func accesses(_ db: Database, resident key: ResidentKey, before: Int64, limit: Int) throws -> [AuditEntry] {
        let bytes = key.bytes
        return try entries(
            db,
            sql: """
                SELECT b.first_seq, b.count, b.records FROM audit_batch_residents i JOIN audit_batches b ON b.batch = i.batch
                WHERE i.resident_key = ? AND b.first_seq < ? ORDER BY i.batch DESC
                """,
            arguments: [Data(bytes), before], before: before, limit: limit
        ) { records, fields in records.touches(fields, resident: bytes) }
    }

    static func actions(_ db: Database, principal: String, before: Int64, limit: Int) throws -> [AuditEntry] {
        let name = Array(principal.utf8)
        return try entries(
            db,
            sql: """
                SELECT b.first_seq, b.count, b.records FROM audit_batch_principals i JOIN audit_batches b ON b.batch = i.batch
                WHERE i.principal = ? AND b.first_seq < ? ORDER BY i.batch DESC
                """,
            arguments: [principal, before], before: before, limit: limit
        ) { records, fields in records.involves(fields, principal: name) }
    }

    static func accessesForReview(_ db: Database, before: Int64, limit: Int) throws -> [AuditEntry] {
        try entries(
            db,
            sql: """
                SELECT b.first_seq, b.count, b.records FROM audit_batch_reviews i JOIN audit_batches b ON b.batch = i.batch
                WHERE b.first_seq < ? ORDER BY i.batch DESC
                """,
            arguments: [before], before: before, limit: limit
        ) { _, fields in fields.breakTheGlass }
    }

    /// Up to `limit` records with `seq` below `before` that `matches`, newest first, from the
    /// batches `sql` lists (columns first_seq, count, records; newest batch first).
    private static func entries(
        _ db: Database, sql: String, arguments: StatementArguments, before: Int64, limit: Int,
        matches: (AuditBatchRecords, AuditBatchRecords.Fields) -> Bool
    ) throws -> [AuditEntry] {
        var entries: [AuditEntry] = []
        let batches = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while entries.count < limit, let row = try batches.next() {
            // Read without trusting the schema: a tampered row is an error, not a trap.
            let (seqValue, countValue, blob): (DatabaseValue, DatabaseValue, DatabaseValue) = (row[0], row[1], row[2])
            guard case .int64(let firstSeq) = seqValue.storage, case .int64(let count) = countValue.storage else {
                throw AuditStoreError.malformedRow(seq: entries.last?.seq ?? before, column: "first_seq")
            }
            guard case .blob(let data) = blob.storage else { throw AuditStoreError.malformedRow(seq: firstSeq, column: "records") }
            let records: AuditBatchRecords
            do {
                records = try AuditBatchRecords(bytes: Array(data), firstSeq: firstSeq, count: count)
            } catch {
                throw AuditStoreError.malformedRow(seq: firstSeq, column: "records")
            }
            for fields in records.records.reversed() where fields.seq < before && matches(records, fields) {
                entries.append(AuditEntry(seq: fields.seq, record: records.record(fields)))
                if entries.count == limit { break }
            }
        }
        return entries
    }
}
