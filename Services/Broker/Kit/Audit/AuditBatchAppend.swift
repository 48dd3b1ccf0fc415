import Foundation
import GRDB
import Storage

/// Writes one batch of audit records inside the caller's write transaction: one `audit_batches`
/// row, its index entries (one per distinct resident and principal of the batch, one if it holds a
/// break-the-glass call) and the new chain tip.
///
/// It exists to keep the per-record work of the audit writer to encoding bytes: the records are
/// numbered after the recorded tip, encoded in one BLOB (``AuditBatchEncoding``), hashed once
/// (``AuditBatchChain``) and stored with a handful of statements whatever the batch's size.
/// The work is split in two so that ``AuditWriter`` can build and prepare a batch
/// (``AuditBatchBuilder``: encoding, resident keys, hashing, the index entries) outside the
/// transaction, and keep the transaction itself, ``commit(_:_:)``, to SQLite's statements.
enum AuditBatchAppend {
    /// A batch encoded ahead of its transaction, and hashed for the tip it was expected to follow;
    /// ``commit(_:_:)`` hashes it again if the log's tip has moved since.
    struct Prepared: Sendable {
        /// How many records the batch holds (the records themselves are in `bytes`).
        let count: Int
        /// The log's tip `hash` was made for; nil: not hashed yet.
        let expected: Tip?
        /// The records' BLOB (``AuditBatchEncoding``); it does not depend on where the batch goes.
        let bytes: [UInt8]
        /// The batch's chain hash, if it is appended at `expected`.
        let hash: [UInt8]
        let residents: Set<ResidentKey>
        let principals: Set<String>
        let review: Bool
    }

    /// Where the next batch goes: the records in the log, the last batch's number, the chain's
    /// last hash.
    struct Tip: Sendable, Equatable {
        let count: Int64
        let batch: Int64
        let hash: [UInt8]
    }

    static func append(_ records: [AuditRecord], _ db: Database) throws {
        guard !records.isEmpty else { return }
        _ = try commit(prepare(records, at: nil), db)
    }

    /// Encodes `records`, hashes them as the batch after `tip` (if known) and gathers their index
    /// entries (see ``AuditBatchBuilder``, which the writer fills as calls are answered).
    static func prepare(_ records: some Sequence<AuditRecord>, at tip: Tip?) -> Prepared {
        var builder = AuditBatchBuilder(capacity: records.underestimatedCount)
        for record in records { builder.append(record) }
        return builder.prepare(at: tip) { _ in preconditionFailure("AuditBatchAppend: records arrive keyed") }
    }

    /// Appends `batch` after the recorded tip (hashing it again unless it was prepared for that
    /// very tip); returns the tip after it.
    static func commit(_ batch: Prepared, _ db: Database) throws -> Tip {
        let (count, tip) = try AuditStore.tip(db)
        let last = try Int64.fetchOne(db, sql: "SELECT batch FROM audit_batches ORDER BY batch DESC LIMIT 1") ?? 0
        guard batch.count > 0 else { return Tip(count: count, batch: last, hash: tip) }
        let number = last + 1
        let firstSeq = count + 1
        let recordCount = Int64(batch.count)
        let bytes = batch.bytes
        let hash =
            batch.expected == Tip(count: count, batch: last, hash: tip)
            ? batch.hash : AuditBatchChain.hash(previous: tip, batch: number, firstSeq: firstSeq, count: recordCount, records: bytes)
        try db.execute(
            sql: "INSERT INTO audit_batches(batch, first_seq, count, previous_hash, hash, records) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [number, firstSeq, recordCount, Data(tip), Data(hash), Data(bytes)])
        if !batch.residents.isEmpty {
            let insert = try db.cachedStatement(sql: "INSERT INTO audit_batch_residents(resident_key, batch) VALUES (?, ?)")
            for key in batch.residents { try insert.execute(arguments: [Data(key.bytes), number]) }
        }
        if !batch.principals.isEmpty {
            let insert = try db.cachedStatement(sql: "INSERT INTO audit_batch_principals(principal, batch) VALUES (?, ?)")
            for principal in batch.principals { try insert.execute(arguments: [principal, number]) }
        }
        if batch.review { try db.execute(sql: "INSERT INTO audit_batch_reviews(batch) VALUES (?)", arguments: [number]) }
        let updateSetting = try db.cachedStatement(sql: "UPDATE audit_settings SET value = ? WHERE name = ?")
        try updateSetting.execute(arguments: [String(count + recordCount), AuditStore.Setting.tipCount])
        try updateSetting.execute(arguments: [Hex.encode(hash), AuditStore.Setting.tipHash])
        return Tip(count: count + recordCount, batch: number, hash: hash)
    }
}
