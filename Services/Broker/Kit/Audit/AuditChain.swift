import Storage

/// The hash chain over the audit rows written one a call, before `broker-audit-v3`: how each
/// `audit_log` row's `hash` is computed. (Later records are chained a batch at a time, continuing
/// from the last row's hash: ``AuditBatchChain``.)
///
/// It exists so that the definition is in one place, precise enough to re-check the log with any
/// SHA-256 tool:
///
///     hash(1) = SHA-256(genesis ‖ canonical(row 1))
///     hash(n) = SHA-256(hash(n−1) ‖ canonical(row n))
///     genesis = SHA-256(UTF-8 "community-window audit log v1")
///
/// where hashes enter as their 32 raw bytes (the tables store them as 64 lowercase hex characters,
/// `previous_hash` holding hash(n−1), or genesis for row 1), and `canonical(row)` is the row's
/// columns in this order, each encoded as follows, concatenated without separators:
///
/// | column | encoding |
/// |---|---|
/// | `seq` | 8-byte big-endian two's complement |
/// | `time_ms` | 8-byte big-endian two's complement |
/// | `principal`, `on_behalf_of`, `roles`, `service`, `method`, `purpose`, `residents` | each: 4-byte big-endian length in bytes, then the UTF-8 bytes |
/// | `status`, `duration_us` | 8-byte big-endian two's complement each |
/// | `request_id` | 4-byte big-endian length, then the UTF-8 bytes |
/// | `break_the_glass` | nothing when 0 (every row written before the column existed); otherwise 8-byte big-endian two's complement |
///
/// `roles` is the sorted role names joined by ","; `residents` is the resident keys (hex) joined by
/// ",", in the order reported. Lengths make the encoding unambiguous; `seq` inside the hash makes a
/// renumbered row fail. The chain shows that rows were edited, removed or reordered since they were
/// written; it cannot show a rewrite of the whole chain from some row on by someone holding the
/// database file. Copying the tip hash that ``AuditStore/verify()`` returns to a place that person
/// cannot write (a daily report, another office) closes that gap up to the copy.
enum AuditChain {
    /// The `previous_hash` of row 1.
    static let genesis: [UInt8] = SHA256Hash.digest(Array("community-window audit log v1".utf8))

    /// hash(n) from hash(n−1) and row n.
    static func hash(previous: [UInt8], row: AuditRow) -> [UInt8] {
        var scratch: [UInt8] = []
        return hash(previous: previous, row: row, scratch: &scratch)
    }

    /// hash(n), building the hashed bytes in `scratch` (emptied first, its capacity kept): one
    /// buffer serves a whole batch of rows.
    static func hash(previous: [UInt8], row: AuditRow, scratch bytes: inout [UInt8]) -> [UInt8] {
        bytes.removeAll(keepingCapacity: true)
        bytes.reserveCapacity(previous.count + 128 + row.purpose.utf8.count + row.residents.utf8.count)
        bytes.append(contentsOf: previous)
        appendCanonical(row, to: &bytes)
        return SHA256Hash.digest(bytes)
    }

    /// Appends canonical(row) to `bytes`.
    static func appendCanonical(_ row: AuditRow, to bytes: inout [UInt8]) {
        append(row.seq, to: &bytes)
        append(row.timeMilliseconds, to: &bytes)
        for text in [row.principal, row.onBehalfOf, row.roles, row.service, row.method, row.purpose, row.residents] {
            append(text, to: &bytes)
        }
        append(row.status, to: &bytes)
        append(row.durationMicroseconds, to: &bytes)
        append(row.requestID, to: &bytes)
        // Absent when 0, so rows chained before the column existed keep their hashes; any other
        // value (only 1 is written) is in the hash, so flipping the flag either way breaks the chain.
        if row.breakTheGlass != 0 { append(row.breakTheGlass, to: &bytes) }
    }

    private static func append(_ value: Int64, to bytes: inout [UInt8]) {
        let bits = UInt64(bitPattern: value)
        for shift in stride(from: 56, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift)))
        }
    }

    private static func append(_ text: String, to bytes: inout [UInt8]) {
        let length = UInt32(truncatingIfNeeded: text.utf8.count)
        for shift in stride(from: 24, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: length >> UInt32(shift)))
        }
        bytes.append(contentsOf: text.utf8)
    }
}
