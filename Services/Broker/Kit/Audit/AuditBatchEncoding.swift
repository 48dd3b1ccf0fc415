/// How the records of one `audit_batches` row are laid out in its `records` BLOB: each record's
/// fields in a fixed order, concatenated, records in `seq` order, nothing between them.
///
/// It exists because one row per batch, not one row per call, is what makes the audit log cheap
/// enough for the broker's hot path: the writer's work per record is appending these bytes, and
/// SQLite sees one BLOB per transaction. The encoding is canonical (one record has exactly one
/// encoding) and self-delimiting, so the batch hash (``AuditBatchChain``) covers every field of
/// every record and a reader can walk the records without an index:
///
/// | field | encoding |
/// |---|---|
/// | `seq`, `time_ms` | 8-byte big-endian two's complement each |
/// | `principal`, `on_behalf_of`, `roles`, `service`, `method`, `purpose` | each: 4-byte big-endian length in bytes, then the UTF-8 bytes |
/// | `residents` | 4-byte big-endian count, then each resident key's 32 raw bytes, in the order reported |
/// | `status` | 4-byte big-endian two's complement |
/// | `duration_us` | 8-byte big-endian two's complement |
/// | `request_id` | 4-byte big-endian length, then the UTF-8 bytes |
/// | `break_the_glass` | 1 byte: 0 or 1 |
///
/// `roles` is the sorted role names joined by ",", as in the v1 rows.
enum AuditBatchEncoding {
    /// Appends record `seq` to `bytes`.
    static func append(_ record: AuditRecord, seq: Int64, to bytes: inout [UInt8]) {
        append(seq, to: &bytes)
        append(record.timeMilliseconds, to: &bytes)
        append(record.principal, to: &bytes)
        append(record.onBehalfOf, to: &bytes)
        append(record.rolesJoined, to: &bytes)
        append(record.service, to: &bytes)
        append(record.method, to: &bytes)
        append(record.purpose, to: &bytes)
        append(UInt32(truncatingIfNeeded: record.residentKeys.count), to: &bytes)
        for key in record.residentKeys { bytes.append(contentsOf: key.bytes) }
        append(UInt32(bitPattern: record.status), to: &bytes)
        append(record.durationMicroseconds, to: &bytes)
        append(record.requestID, to: &bytes)
        bytes.append(record.breakTheGlass ? 1 : 0)
    }

    static func append(_ value: Int64, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    private static func append(_ value: UInt32, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    private static func append(_ text: String, to bytes: inout [UInt8]) {
        append(UInt32(truncatingIfNeeded: text.utf8.count), to: &bytes)
        bytes.append(contentsOf: text.utf8)
    }
}
