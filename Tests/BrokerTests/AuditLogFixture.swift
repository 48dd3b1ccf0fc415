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
        try await store.database.read { db in try decode(db, batch: batch).batch.records }
    }

    /// Every record of the batches, in `seq` order.
    static func allRecords(_ store: AuditStore) async throws -> [AuditRecord] {
        try await store.database.read { db in
            let batches = try Int64.fetchAll(db, sql: "SELECT batch FROM audit_batches ORDER BY batch")
            return try batches.flatMap { try decode(db, batch: $0).batch.records }
        }
    }

    /// Rewrites the records of `batch` after `edit`, keeping its hashes: what someone editing the
    /// database file would do.
    static func rewrite(_ store: AuditStore, batch: Int64, _ edit: @escaping @Sendable (inout [AuditRecord]) -> Void) async throws {
        try await store.database.write { db in
            let (firstSeq, stored) = try decode(db, batch: batch)
            var records = stored.records
            edit(&records)
            let bytes = stored.isFormat3 ? format3(records, firstSeq: firstSeq) : AuditBatchEncoding.encode(records)
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

    /// Appends `records` as one batch in format 3, the encoding batches were written in before
    /// format 4, chained and indexed as the store does.
    static func appendFormat3Batch(_ records: [AuditRecord], to store: AuditStore) async throws {
        try await store.database.write { db in
            let firstSeq = try AuditStore.tip(db).count + 1
            let prepared = AuditBatchAppend.prepare(records, at: nil)
            let format3 = AuditBatchAppend.Prepared(
                count: records.count, expected: nil, bytes: format3(records, firstSeq: firstSeq), hash: [], residents: prepared.residents,
                principals: prepared.principals, review: prepared.review)
            _ = try AuditBatchAppend.commit(format3, db)
        }
    }

    /// `records` in format 3: each record's fields in a fixed order — `seq` and `time_ms` 8-byte
    /// big-endian; six texts (principal, on-behalf-of, roles, service, method, purpose) each a 4-byte
    /// big-endian length and the UTF-8 bytes; a 4-byte resident count and the keys' raw bytes; a
    /// 4-byte status; an 8-byte duration; the request id as a text; one byte break-the-glass.
    static func format3(_ records: [AuditRecord], firstSeq: Int64) -> [UInt8] {
        func integer(_ value: Int64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: UInt64(bitPattern: value) >> (56 - 8 * UInt64($0))) } }
        func word(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * UInt32($0))) } }
        func text(_ value: String) -> [UInt8] { word(UInt32(value.utf8.count)) + Array(value.utf8) }
        var bytes: [UInt8] = []
        for (index, record) in records.enumerated() {
            bytes += integer(firstSeq + Int64(index)) + integer(record.timeMilliseconds)
            for value in [record.principal, record.onBehalfOf, record.rolesJoined, record.service, record.method, record.purpose] {
                bytes += text(value)
            }
            bytes += word(UInt32(record.residentKeys.count)) + record.residentKeys.flatMap(\.bytes)
            bytes += word(UInt32(bitPattern: record.status)) + integer(record.durationMicroseconds) + text(record.requestID)
            bytes.append(record.breakTheGlass ? 1 : 0)
        }
        return bytes
    }

    /// A stored batch, decoded.
    struct Decoded {
        let records: [AuditRecord]
        let isFormat3: Bool
    }

    private static func decode(_ db: Database, batch: Int64) throws -> (firstSeq: Int64, batch: Decoded) {
        guard let row = try Row.fetchOne(db, sql: "SELECT first_seq, count, records FROM audit_batches WHERE batch = ?", arguments: [batch]) else {
            throw NoSuchBatch(batch: batch)
        }
        let firstSeq: Int64 = row[0]
        let data: Data = row[2]
        let decoded = try AuditBatchRecords(bytes: Array(data), firstSeq: firstSeq, count: row[1])
        return (firstSeq, Decoded(records: decoded.records.map(decoded.record), isFormat3: data.first != AuditBatchEncoding.format4))
    }

    struct NoSuchBatch: Error {
        let batch: Int64
    }
}
