import Storage

/// The hash chain over the audit log's batches (schema `broker-audit-v3`): how each
/// `audit_batches` row's `hash` is computed.
///
/// It exists so that the definition is in one place, precise enough to re-check the log with any
/// SHA-256 tool (`sqlite3 broker.sqlite "SELECT hex(records) …"`):
///
///     hash(batch b) = SHA-256(previous ‖ be64(b) ‖ be64(first_seq) ‖ be64(count) ‖ records)
///
/// where `previous` is the 32 raw bytes of batch b−1's hash — for batch 1, the hash of the last
/// row written one row a call by the v1/v2 log (``AuditChain``), or ``AuditChain/genesis`` when
/// there is none — `be64` is 8-byte big-endian two's complement, and `records` is the batch's BLOB
/// (``AuditBatchEncoding``; its first byte names its format, so the format is hashed too). The
/// table stores `previous_hash` and `hash` as 32-byte BLOBs.
///
/// One hash a batch instead of one a record: an edited, removed or inserted record changes its
/// batch's BLOB, so the batch's hash fails; a removed or reordered batch breaks the link of the
/// next one. The record-level order is inside the BLOB (a record's `seq` is its position after the
/// hashed `first_seq`; format-3 records carry theirs). Like the row chain, it cannot show a
/// rewrite of the whole chain from some batch on by someone holding the database file; copying
/// the tip hash elsewhere closes that gap up to the copy.
enum AuditBatchChain {
    /// hash(batch) from the previous hash and the batch's columns.
    static func hash(previous: [UInt8], batch: Int64, firstSeq: Int64, count: Int64, records: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(previous.count + 24 + records.count)
        bytes.append(contentsOf: previous)
        AuditBatchEncoding.append(batch, to: &bytes)
        AuditBatchEncoding.append(firstSeq, to: &bytes)
        AuditBatchEncoding.append(count, to: &bytes)
        bytes.append(contentsOf: records)
        return SHA256Hash.digest(bytes)
    }
}
