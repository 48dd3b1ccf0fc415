/// The records of one audit batch, parsed from its `records` BLOB (format 4, ``AuditBatchEncoding``,
/// or format 3, which batches were written in before):
/// where each record's fields lie, so that a query tests a record (its principal, a resident, the
/// break-the-glass flag) on the bytes and builds an ``AuditRecord`` only for the records it returns.
///
/// It exists so that reading a batch costs one pass over its bytes, and so that a BLOB that is not
/// a well-formed batch (too short, trailing bytes, a `seq` out of order, a count that disagrees)
/// is refused with a reason instead of trapping: only tampering can produce one.
struct AuditBatchRecords {
    /// Why a BLOB is not a well-formed batch.
    struct Malformed: Error, Equatable {
        let reason: String
    }

    /// Where one record's fields lie in ``bytes``.
    struct Fields {
        let seq: Int64
        let timeMilliseconds: Int64
        let principal: Range<Int>
        let onBehalfOf: Range<Int>
        let roles: Range<Int>
        let service: Range<Int>
        let method: Range<Int>
        let purpose: Range<Int>
        /// The resident keys' raw bytes, 32 a key.
        let residents: Range<Int>
        let status: Int32
        let durationMicroseconds: Int64
        let requestID: Range<Int>
        let breakTheGlass: Bool
    }

    let bytes: [UInt8]
    /// The records in `seq` order.
    let records: [Fields]

    /// Parses `bytes`, which must hold exactly `count` records numbered from `firstSeq`, in either
    /// format: 4 (``AuditBatchEncoding``) or 3 (``format3(_:firstSeq:count:)``).
    init(bytes: [UInt8], firstSeq: Int64, count: Int64) throws(Malformed) {
        guard count > 0, count <= Int64(bytes.count) else { throw Malformed(reason: "count \(count) for \(bytes.count) bytes") }
        self.bytes = bytes
        if bytes.first == AuditBatchEncoding.format4 {
            records = try Self.format4(bytes, firstSeq: firstSeq, count: count)
        } else {
            records = try Self.format3(bytes, firstSeq: firstSeq, count: count)
        }
    }

    /// The records of a format-4 BLOB, refusing any encoding but the canonical one.
    private static func format4(_ bytes: [UInt8], firstSeq: Int64, count: Int64) throws(Malformed) -> [Fields] {
        var reader = AuditBatchReader(bytes: bytes, offset: 1)
        var texts: [Range<Int>] = []
        var known = Set<ArraySlice<UInt8>>()
        func text() throws(Malformed) -> Range<Int> {
            let index = try reader.varint()
            if index < UInt64(texts.count) { return texts[Int(index)] }
            guard index == UInt64(texts.count) else { throw Malformed(reason: "text \(index) before text \(texts.count) at byte \(reader.offset)") }
            let length = try reader.varint()
            guard length <= UInt64(bytes.count) else { throw Malformed(reason: "text of \(length) bytes at byte \(reader.offset)") }
            let range = try reader.span(Int(length))
            guard known.insert(bytes[range]).inserted else { throw Malformed(reason: "text \(index) repeats an earlier one") }
            texts.append(range)
            return range
        }
        var records: [Fields] = []
        records.reserveCapacity(Int(count))
        var time: Int64 = 0
        for index in 0..<count {
            let seq = firstSeq + index
            time = time &+ (try reader.signed())
            let principal = try text(), onBehalfOf = try text(), roles = try text()
            let service = try text(), method = try text(), purpose = try text(), requestID = try text()
            let residentCount = try reader.varint()
            guard residentCount <= UInt64(bytes.count / 32) else { throw Malformed(reason: "record \(seq): \(residentCount) residents") }
            let residents = try reader.span(Int(residentCount) * 32)
            let status = try reader.signed()
            guard let status32 = Int32(exactly: status) else { throw Malformed(reason: "record \(seq): status \(status)") }
            let duration = try reader.signed()
            let breakTheGlass = try reader.flag(seq: seq)
            records.append(
                Fields(
                    seq: seq, timeMilliseconds: time, principal: principal, onBehalfOf: onBehalfOf, roles: roles, service: service, method: method,
                    purpose: purpose, residents: residents, status: status32, durationMicroseconds: duration, requestID: requestID,
                    breakTheGlass: breakTheGlass))
        }
        try reader.requireEnd()
        return records
    }

    /// The records of a format-3 BLOB, the format batches were written in before format 4: each
    /// record's fields in a fixed order, concatenated — `seq` and `time_ms` 8-byte big-endian two's
    /// complement; `principal`, `on_behalf_of`, `roles`, `service`, `method`, `purpose` each a
    /// 4-byte big-endian byte length and the UTF-8 bytes; `residents` a 4-byte count and each key's
    /// 32 raw bytes; `status` 4 bytes; `duration_us` 8 bytes; `request_id` like the texts; and
    /// `break_the_glass` 1 byte, 0 or 1.
    private static func format3(_ bytes: [UInt8], firstSeq: Int64, count: Int64) throws(Malformed) -> [Fields] {
        var reader = AuditBatchReader(bytes: bytes)
        func text() throws(Malformed) -> Range<Int> { try reader.span(Int(try reader.word())) }
        var records: [Fields] = []
        records.reserveCapacity(Int(count))
        for index in 0..<count {
            let seq = try reader.integer()
            guard seq == firstSeq + index else { throw Malformed(reason: "record \(index) has seq \(seq)") }
            let time = try reader.integer()
            let principal = try text(), onBehalfOf = try text(), roles = try text()
            let service = try text(), method = try text(), purpose = try text()
            let residents = try reader.span(Int(try reader.word()) * 32)
            let status = Int32(bitPattern: try reader.word())
            let duration = try reader.integer()
            let requestID = try text()
            let breakTheGlass = try reader.flag(seq: seq)
            records.append(
                Fields(
                    seq: seq, timeMilliseconds: time, principal: principal, onBehalfOf: onBehalfOf, roles: roles, service: service, method: method,
                    purpose: purpose, residents: residents, status: status, durationMicroseconds: duration, requestID: requestID,
                    breakTheGlass: breakTheGlass))
        }
        try reader.requireEnd()
        return records
    }

    /// Whether `fields`' principal or on-behalf-of is `name`'s UTF-8 bytes.
    func involves(_ fields: Fields, principal name: [UInt8]) -> Bool {
        bytes[fields.principal].elementsEqual(name) || bytes[fields.onBehalfOf].elementsEqual(name)
    }

    /// Whether `fields` lists the resident key with raw bytes `key`.
    func touches(_ fields: Fields, resident key: [UInt8]) -> Bool {
        stride(from: fields.residents.lowerBound, to: fields.residents.upperBound, by: 32).contains { start in
            bytes[start..<start + 32].elementsEqual(key)
        }
    }

    /// The raw bytes of each resident key `fields` lists.
    func residentKeys(_ fields: Fields) -> [ArraySlice<UInt8>] {
        stride(from: fields.residents.lowerBound, to: fields.residents.upperBound, by: 32).map { bytes[$0..<$0 + 32] }
    }

    func principal(_ fields: Fields) -> String { text(fields.principal) }
    func onBehalfOf(_ fields: Fields) -> String { text(fields.onBehalfOf) }

    /// The record as a query returns it.
    func record(_ fields: Fields) -> AuditRecord {
        AuditRecord(
            timeMilliseconds: fields.timeMilliseconds, principal: text(fields.principal), onBehalfOf: text(fields.onBehalfOf),
            roles: text(fields.roles).split(separator: ",").map(String.init), service: text(fields.service), method: text(fields.method),
            purpose: text(fields.purpose), residentKeys: residentKeys(fields).compactMap { ResidentKey(bytes: $0) }, status: fields.status,
            durationMicroseconds: fields.durationMicroseconds, requestID: text(fields.requestID), breakTheGlass: fields.breakTheGlass)
    }

    private func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }
}
