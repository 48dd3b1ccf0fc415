import Foundation
import GRDB
import Storage

/// Writes one batch of audit records inside the caller's write transaction: one `audit_batches`
/// row, its index entries (one per distinct resident and principal of the batch, one if it holds a
/// break-the-glass call) and the new chain tip.
///
/// It exists to keep the per-record work of the audit writer to encoding bytes: the records are
/// numbered after the recorded tip, appended to one BLOB (``AuditBatchEncoding``), hashed once
/// (``AuditBatchChain``) and stored with a handful of statements whatever the batch's size.
enum AuditBatchAppend {
    static func append(_ records: [AuditRecord], _ db: Database) throws {
        guard !records.isEmpty else { return }
        let (count, tip) = try AuditStore.tip(db)
        let batch = try (Int64.fetchOne(db, sql: "SELECT batch FROM audit_batches ORDER BY batch DESC LIMIT 1") ?? 0) + 1
        let firstSeq = count + 1
        var bytes: [UInt8] = []
        bytes.reserveCapacity(records.count * 160)
        var residents = Set<ResidentKey>()
        var principals = Set<String>()
        var review = false
        var lastPrincipal = ""
        for (index, record) in records.enumerated() {
            AuditBatchEncoding.append(record, seq: firstSeq + Int64(index), to: &bytes)
            // A batch's calls mostly come from few principals: skip the set for a repeat.
            if record.principal != lastPrincipal {
                lastPrincipal = record.principal
                if !record.principal.isEmpty { principals.insert(record.principal) }
            }
            if !record.onBehalfOf.isEmpty { principals.insert(record.onBehalfOf) }
            if !record.residentKeys.isEmpty { residents.formUnion(record.residentKeys) }
            if record.breakTheGlass { review = true }
        }
        let recordCount = Int64(records.count)
        let hash = AuditBatchChain.hash(previous: tip, batch: batch, firstSeq: firstSeq, count: recordCount, records: bytes)
        try db.execute(
            sql: "INSERT INTO audit_batches(batch, first_seq, count, previous_hash, hash, records) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [batch, firstSeq, recordCount, Data(tip), Data(hash), Data(bytes)])
        if !residents.isEmpty {
            let insert = try db.cachedStatement(sql: "INSERT INTO audit_batch_residents(resident_key, batch) VALUES (?, ?)")
            for key in residents { try insert.execute(arguments: [Data(key.bytes), batch]) }
        }
        if !principals.isEmpty {
            let insert = try db.cachedStatement(sql: "INSERT INTO audit_batch_principals(principal, batch) VALUES (?, ?)")
            for principal in principals { try insert.execute(arguments: [principal, batch]) }
        }
        if review { try db.execute(sql: "INSERT INTO audit_batch_reviews(batch) VALUES (?)", arguments: [batch]) }
        let updateSetting = try db.cachedStatement(sql: "UPDATE audit_settings SET value = ? WHERE name = ?")
        try updateSetting.execute(arguments: [String(count + recordCount), AuditStore.Setting.tipCount])
        try updateSetting.execute(arguments: [Hex.encode(hash), AuditStore.Setting.tipHash])
    }
}
