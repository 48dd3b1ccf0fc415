import Foundation
import GRDB

/// Checks the batches of the audit log (``AuditBatchChain``) and their three indexes, continuing
/// from where the v1/v2 rows ended.
///
/// It exists apart from ``AuditStore`` so that the rules for a batch are in one place: batches in
/// order, each one's link and hash, its records numbered on from the previous batch without gaps,
/// and the resident, principal and review indexes holding exactly the batch's names. A break in a
/// batch's bytes is reported at the batch's first `seq` (the hash covers the batch, not a record);
/// a missing index entry at the first record that needed it.
enum AuditBatchVerification {
    static func verify(_ db: Database, _ progress: inout AuditCheckProgress) throws -> AuditVerification? {
        var expectedBatch: Int64 = 1
        var totals = (residents: 0, principals: 0, reviews: 0)
        let hasResident = try db.cachedStatement(sql: "SELECT 1 FROM audit_batch_residents WHERE resident_key = ? AND batch = ?")
        let hasPrincipal = try db.cachedStatement(sql: "SELECT 1 FROM audit_batch_principals WHERE principal = ? AND batch = ?")
        let hasReview = try db.cachedStatement(sql: "SELECT 1 FROM audit_batch_reviews WHERE batch = ?")
        let rows = try Row.fetchCursor(db, sql: "SELECT batch, first_seq, count, previous_hash, hash, records FROM audit_batches ORDER BY batch")
        while let stored = try rows.next() {
            let seq = progress.nextSeq
            let batch: StoredBatch
            do {
                batch = try StoredBatch(stored)
            } catch {
                return .broken(seq: seq, problem: .malformedColumn(error.name))
            }
            if batch.firstSeq > seq { return .broken(seq: seq, problem: .rowMissing) }
            guard batch.previousHash == progress.previous else { return .broken(seq: seq, problem: .previousHashMismatch) }
            let computed = AuditBatchChain.hash(
                previous: progress.previous, batch: batch.number, firstSeq: batch.firstSeq, count: batch.count, records: batch.records)
            guard batch.hash == computed else { return .broken(seq: seq, problem: .hashMismatch) }
            // Only a rewritten chain gets here with a renumbered batch or overlapping records.
            guard batch.number == expectedBatch, batch.firstSeq == seq else { return .broken(seq: seq, problem: .previousHashMismatch) }
            guard let records = try? AuditBatchRecords(bytes: batch.records, firstSeq: batch.firstSeq, count: batch.count) else {
                return .broken(seq: seq, problem: .malformedColumn("records"))
            }

            let names = IndexedNames(records)
            for (key, firstSeq) in names.residents.sorted(by: { $0.value < $1.value }) {
                guard try Int.fetchOne(hasResident, arguments: [Data(key), batch.number]) != nil else {
                    return .broken(seq: firstSeq, problem: .residentIndexMismatch)
                }
            }
            for (principal, firstSeq) in names.principals.sorted(by: { $0.value < $1.value }) {
                guard try Int.fetchOne(hasPrincipal, arguments: [principal, batch.number]) != nil else {
                    return .broken(seq: firstSeq, problem: .principalIndexMismatch)
                }
            }
            if let firstSeq = names.review, try Int.fetchOne(hasReview, arguments: [batch.number]) == nil {
                return .broken(seq: firstSeq, problem: .reviewIndexMismatch)
            }
            totals.residents += names.residents.count
            totals.principals += names.principals.count
            totals.reviews += names.review == nil ? 0 : 1
            progress.previous = computed
            progress.nextSeq += batch.count
            expectedBatch += 1
        }

        // Every name a batch holds is indexed; an index holding more has invented (or dangling) entries.
        let indexes: [(table: String, column: String, total: Int, problem: AuditVerification.Problem)] = [
            ("audit_batch_residents", "resident_key", totals.residents, .residentIndexMismatch),
            ("audit_batch_principals", "principal", totals.principals, .principalIndexMismatch),
            ("audit_batch_reviews", "NULL", totals.reviews, .reviewIndexMismatch),
        ]
        for index in indexes where try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(index.table)") != index.total {
            // An entry naming no batch points past the last one: where the missing batch began.
            let seq = try firstInvented(db, table: index.table, column: index.column) ?? progress.nextSeq
            progress.problems.append((seq, index.problem))
        }
        return nil
    }

    /// The first `seq` of the lowest batch that `table` lists with a name the batch does not hold;
    /// nil when the entry names no batch at all.
    private static func firstInvented(_ db: Database, table: String, column: String) throws -> Int64? {
        var current: (number: Int64, firstSeq: Int64, names: IndexedNames)?
        let entries = try Row.fetchCursor(db, sql: "SELECT batch, \(column) FROM \(table) ORDER BY batch")
        while let entry = try entries.next() {
            let number: Int64 = entry[0]
            if current?.number != number {
                guard
                    let stored = try Row.fetchOne(
                        db, sql: "SELECT batch, first_seq, count, previous_hash, hash, records FROM audit_batches WHERE batch = ?", arguments: [number]),
                    let batch = try? StoredBatch(stored),
                    let records = try? AuditBatchRecords(bytes: batch.records, firstSeq: batch.firstSeq, count: batch.count)
                else { return nil }
                current = (number, batch.firstSeq, IndexedNames(records))
            }
            guard let (_, firstSeq, names) = current else { continue }
            let value: DatabaseValue = entry[1]
            let listed: Bool
            switch value.storage {
            case .blob(let key): listed = names.residents[Array(key)] != nil
            case .string(let principal): listed = names.principals[principal] != nil
            case .null: listed = names.review != nil
            default: listed = false
            }
            if !listed { return firstSeq }
        }
        return nil
    }
}

extension AuditBatchVerification {
    /// One `audit_batches` row with each column of the type the schema gives it.
    private struct StoredBatch {
        let number: Int64
        let firstSeq: Int64
        let count: Int64
        let previousHash: [UInt8]
        let hash: [UInt8]
        let records: [UInt8]

        init(_ row: Row) throws(AuditRow.MalformedColumn) {
            number = try Self.integer(row, 0, "batch")
            firstSeq = try Self.integer(row, 1, "first_seq")
            count = try Self.integer(row, 2, "count")
            previousHash = try Self.blob(row, 3, "previous_hash")
            hash = try Self.blob(row, 4, "hash")
            records = try Self.blob(row, 5, "records")
        }

        private static func integer(_ row: Row, _ index: Int, _ name: String) throws(AuditRow.MalformedColumn) -> Int64 {
            let value: DatabaseValue = row[index]
            guard case .int64(let integer) = value.storage else { throw AuditRow.MalformedColumn(name: name) }
            return integer
        }

        private static func blob(_ row: Row, _ index: Int, _ name: String) throws(AuditRow.MalformedColumn) -> [UInt8] {
            let value: DatabaseValue = row[index]
            guard case .blob(let data) = value.storage else { throw AuditRow.MalformedColumn(name: name) }
            return Array(data)
        }
    }

    /// The names a batch's indexes must hold, each with the first `seq` that holds it.
    private struct IndexedNames {
        var residents: [[UInt8]: Int64] = [:]
        var principals: [String: Int64] = [:]
        var review: Int64?

        init(_ records: AuditBatchRecords) {
            for fields in records.records {
                for key in records.residentKeys(fields) where residents[Array(key)] == nil { residents[Array(key)] = fields.seq }
                for name in [records.principal(fields), records.onBehalfOf(fields)] where !name.isEmpty && principals[name] == nil {
                    principals[name] = fields.seq
                }
                if fields.breakTheGlass && review == nil { review = fields.seq }
            }
        }
    }
}
