import Foundation
import GRDB
import Storage

@testable import BrokerKit

/// Reaches into the audit tables the way only tampering (or an old broker) can: writes rows as the
/// v1/v2 schema did, one `audit_log` row a call, and rewrites a batch's records.
///
/// It exists so that the tests can build a log that was upgraded to batches with rows from before
/// (they must still verify and be listed) and edit records inside a batch's BLOB.
enum AuditLogFixture {
    /// Appends `records` as v1/v2 rows, chained and indexed as that schema did. Only before any batch.
    static func appendRows(_ records: [AuditRecord], to store: AuditStore) async throws {
        try await store.database.write { db in
            var (count, tip) = try AuditStore.tip(db)
            for record in records {
                count += 1
                let row = AuditRow(seq: count, record: record)
                let hash = AuditChain.hash(previous: tip, row: row)
                try db.execute(
                    sql: "INSERT INTO audit_log(\(AuditRow.columns), previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    arguments: [
                        row.seq, row.timeMilliseconds, row.principal, row.onBehalfOf, row.roles, row.service, row.method, row.purpose, row.residents,
                        row.status, row.durationMicroseconds, row.requestID, row.breakTheGlass, Hex.encode(tip), Hex.encode(hash),
                    ])
                for key in record.residentKeys {
                    try db.execute(sql: "INSERT OR IGNORE INTO audit_residents(resident_key, seq) VALUES (?, ?)", arguments: [key.hex, row.seq])
                }
                tip = hash
            }
            try db.execute(sql: "UPDATE audit_settings SET value = ? WHERE name = 'chain_tip_count'", arguments: [String(count)])
            try db.execute(sql: "UPDATE audit_settings SET value = ? WHERE name = 'chain_tip_hash'", arguments: [Hex.encode(tip)])
        }
    }

    /// The records of `batch`, in `seq` order.
    static func records(_ store: AuditStore, batch: Int64) async throws -> [AuditRecord] {
        try await store.database.read { db in try decode(db, batch: batch).records }
    }

    /// Every record of the batches, in `seq` order.
    static func allRecords(_ store: AuditStore) async throws -> [AuditRecord] {
        try await store.database.read { db in
            let batches = try Int64.fetchAll(db, sql: "SELECT batch FROM audit_batches ORDER BY batch")
            return try batches.flatMap { try decode(db, batch: $0).records }
        }
    }

    /// Rewrites the records of `batch` after `edit`, keeping its hashes: what someone editing the
    /// database file would do.
    static func rewrite(_ store: AuditStore, batch: Int64, _ edit: @escaping @Sendable (inout [AuditRecord]) -> Void) async throws {
        try await store.database.write { db in
            let (firstSeq, stored) = try decode(db, batch: batch)
            var records = stored
            edit(&records)
            var bytes: [UInt8] = []
            for (index, record) in records.enumerated() { AuditBatchEncoding.append(record, seq: firstSeq + Int64(index), to: &bytes) }
            try db.execute(sql: "UPDATE audit_batches SET records = ?, count = ? WHERE batch = ?", arguments: [Data(bytes), records.count, batch])
        }
    }

    /// Rewrites the bytes of `batch`'s records after `edit`, keeping its hashes and count.
    static func rewriteBytes(_ store: AuditStore, batch: Int64, _ edit: @escaping @Sendable (inout [UInt8]) -> Void) async throws {
        try await store.database.write { db in
            guard let data = try Data.fetchOne(db, sql: "SELECT records FROM audit_batches WHERE batch = ?", arguments: [batch]) else {
                throw NoSuchBatch(batch: batch)
            }
            var bytes = Array(data)
            edit(&bytes)
            try db.execute(sql: "UPDATE audit_batches SET records = ? WHERE batch = ?", arguments: [Data(bytes), batch])
        }
    }

    private static func decode(_ db: Database, batch: Int64) throws -> (firstSeq: Int64, records: [AuditRecord]) {
        guard let row = try Row.fetchOne(db, sql: "SELECT first_seq, count, records FROM audit_batches WHERE batch = ?", arguments: [batch]) else {
            throw NoSuchBatch(batch: batch)
        }
        let firstSeq: Int64 = row[0]
        let data: Data = row[2]
        let decoded = try AuditBatchRecords(bytes: Array(data), firstSeq: firstSeq, count: row[1])
        return (firstSeq, decoded.records.map(decoded.record))
    }

    struct NoSuchBatch: Error {
        let batch: Int64
    }
}
