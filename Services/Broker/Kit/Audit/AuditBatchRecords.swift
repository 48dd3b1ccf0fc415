/// The records of one audit batch, parsed from its `records` BLOB (see ``AuditBatchEncoding``):
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

    /// Parses `bytes`, which must hold exactly `count` records numbered from `firstSeq`.
    init(bytes: [UInt8], firstSeq: Int64, count: Int64) throws(Malformed) {
        guard count > 0, count <= Int64(bytes.count) else { throw Malformed(reason: "count \(count) for \(bytes.count) bytes") }
        var reader = Reader(bytes: bytes)
        var records: [Fields] = []
        records.reserveCapacity(Int(count))
        for index in 0..<count {
            let seq = try reader.integer()
            guard seq == firstSeq + index else { throw Malformed(reason: "record \(index) has seq \(seq)") }
            let time = try reader.integer()
            let principal = try reader.text(), onBehalfOf = try reader.text(), roles = try reader.text()
            let service = try reader.text(), method = try reader.text(), purpose = try reader.text()
            let residents = try reader.span(Int(try reader.length()) * 32)
            let status = Int32(bitPattern: try reader.length())
            let duration = try reader.integer()
            let requestID = try reader.text()
            let flag = try reader.span(1)
            guard bytes[flag.lowerBound] <= 1 else { throw Malformed(reason: "record \(seq): break_the_glass is \(bytes[flag.lowerBound])") }
            records.append(
                Fields(
                    seq: seq, timeMilliseconds: time, principal: principal, onBehalfOf: onBehalfOf, roles: roles, service: service, method: method,
                    purpose: purpose, residents: residents, status: status, durationMicroseconds: duration, requestID: requestID,
                    breakTheGlass: bytes[flag.lowerBound] == 1))
        }
        guard reader.offset == bytes.count else { throw Malformed(reason: "\(bytes.count - reader.offset) bytes after the last record") }
        self.bytes = bytes
        self.records = records
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

    /// Reads big-endian fields front to back, refusing to read past the end.
    private struct Reader {
        let bytes: [UInt8]
        var offset = 0

        mutating func span(_ count: Int) throws(Malformed) -> Range<Int> {
            guard count >= 0, count <= bytes.count - offset else { throw Malformed(reason: "truncated at byte \(offset)") }
            defer { offset += count }
            return offset..<offset + count
        }

        mutating func integer() throws(Malformed) -> Int64 {
            let range = try span(8)
            return Int64(bitPattern: bytes[range].reduce(0) { $0 << 8 | UInt64($1) })
        }

        mutating func length() throws(Malformed) -> UInt32 {
            let range = try span(4)
            return bytes[range].reduce(0) { $0 << 8 | UInt32($1) }
        }

        mutating func text() throws(Malformed) -> Range<Int> {
            try span(Int(try length()))
        }
    }
}
