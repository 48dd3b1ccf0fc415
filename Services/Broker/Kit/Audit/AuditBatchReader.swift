/// Reads the fields of an audit batch's BLOB front to back, refusing to read past its end or to
/// accept an integer in other than its one canonical form.
///
/// It exists so that both formats (``AuditBatchRecords``) read with the same bounds checks: a BLOB
/// only tampering can produce is refused with a reason (``AuditBatchRecords/Malformed``), never
/// trapped on.
struct AuditBatchReader {
    let bytes: [UInt8]
    var offset = 0

    init(bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    /// The next `count` bytes' range.
    mutating func span(_ count: Int) throws(AuditBatchRecords.Malformed) -> Range<Int> {
        guard count >= 0, count <= bytes.count - offset else { throw AuditBatchRecords.Malformed(reason: "truncated at byte \(offset)") }
        defer { offset += count }
        return offset..<offset + count
    }

    /// The next byte.
    mutating func byte() throws(AuditBatchRecords.Malformed) -> UInt8 {
        bytes[try span(1).lowerBound]
    }

    /// The break-the-glass byte of record `seq`: 0 or 1.
    mutating func flag(seq: Int64) throws(AuditBatchRecords.Malformed) -> Bool {
        let flag = try byte()
        guard flag <= 1 else { throw AuditBatchRecords.Malformed(reason: "record \(seq): break_the_glass is \(flag)") }
        return flag == 1
    }

    /// Refuses bytes after the last record.
    func requireEnd() throws(AuditBatchRecords.Malformed) {
        guard offset == bytes.count else { throw AuditBatchRecords.Malformed(reason: "\(bytes.count - offset) bytes after the last record") }
    }

    /// An 8-byte big-endian two's complement integer (format 3).
    mutating func integer() throws(AuditBatchRecords.Malformed) -> Int64 {
        let range = try span(8)
        return Int64(bitPattern: bytes[range].reduce(0) { $0 << 8 | UInt64($1) })
    }

    /// A 4-byte big-endian unsigned integer (format 3).
    mutating func word() throws(AuditBatchRecords.Malformed) -> UInt32 {
        let range = try span(4)
        return bytes[range].reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// A minimal unsigned LEB128 varint of at most 64 bits (format 4).
    mutating func varint() throws(AuditBatchRecords.Malformed) -> UInt64 {
        let start = offset
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try byte()
            guard shift < 63 || byte <= 1 else { throw AuditBatchRecords.Malformed(reason: "varint at byte \(start) exceeds 64 bits") }
            value |= UInt64(byte & 0x7F) << shift
            guard byte & 0x80 != 0 else {
                // A last group of zero after the first is a longer form of a shorter varint.
                guard byte != 0 || shift == 0 else { throw AuditBatchRecords.Malformed(reason: "varint at byte \(start) is not minimal") }
                return value
            }
            shift += 7
        }
    }

    /// A zigzag varint (format 4).
    mutating func signed() throws(AuditBatchRecords.Malformed) -> Int64 {
        let value = try varint()
        return Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
    }
}
