import Foundation

/// How the records of one `audit_batches` row are laid out in its `records` BLOB: format 4, the
/// one the writer appends (batches written in format 3 stay readable, see ``AuditBatchRecords``).
///
/// It exists because the bytes of a batch are the audit log's cost on the broker's hot path: the
/// writer hashes them and SQLite writes them twice (WAL, then the database file) with an fsync, on
/// the same two cores that route the calls. Format 3 spent about 100 bytes a call, mostly on
/// names that repeat from call to call; format 4 spends about 12: a record's `seq` is implied by
/// its position (the row's `first_seq` and `count` are hashed), each distinct text is written once
/// a batch and referred to by number, and integers are varints.
///
/// The BLOB:
///
/// | part | encoding |
/// |---|---|
/// | format | 1 byte, `0xA4` (a format-3 BLOB begins with its first `seq`'s high byte, `0x00`–`0x7F`) |
/// | records | `count` records, one after another, in `seq` order, nothing after the last |
///
/// Each record:
///
/// | field | encoding |
/// |---|---|
/// | `time_ms` | zigzag varint of the difference from the previous record's `time_ms` (the first: from 0) |
/// | `principal`, `on_behalf_of`, `roles`, `service`, `method`, `purpose`, `request_id` | each a *text* (below) |
/// | `residents` | varint count, then each resident key's 32 raw bytes, in the order reported |
/// | `status` | zigzag varint |
/// | `duration_us` | zigzag varint |
/// | `break_the_glass` | 1 byte: 0 or 1 |
///
/// A *text* is a varint index into the batch's texts so far. The next unused index (the number of
/// texts so far) introduces a new text: a varint byte length and the UTF-8 bytes follow. A text
/// equal, byte for byte, to one already in the batch must use its index. A varint is unsigned
/// LEB128 (7 bits a byte, low group first, high bit set on every byte but the last) in the fewest
/// bytes; zigzag maps n to 2n for n ≥ 0 and to −2n − 1 below. `roles` is the sorted role names
/// joined by ",", as in every format.
///
/// The encoding is canonical (one batch of records has exactly one encoding: the reader refuses
/// any other), self-delimiting, and the format byte is inside the bytes the batch hash
/// (``AuditBatchChain``) covers, so a batch cannot be passed off in the other format either.
enum AuditBatchEncoding {
    /// The first byte of a format-4 BLOB.
    static let format4: UInt8 = 0xA4

    /// The BLOB of `records`, in format 4.
    static func encode(_ records: some Collection<AuditRecord>) -> [UInt8] {
        var encoder = Encoder(capacity: records.count)
        for record in records { encoder.append(record) }
        return encoder.bytes
    }

    /// Appends `value` as 8-byte big-endian two's complement (the chain hash's integers).
    static func append(_ value: Int64, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    /// Appends `value` as a minimal unsigned LEB128 varint.
    private static func appendVarint(_ value: UInt64, to bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// `value` zigzag-mapped: small magnitudes of either sign become small varints.
    private static func zigzag(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value << 1) ^ (value >> 63))
    }

    /// Encodes one batch, record by record, remembering the texts written so far.
    struct Encoder: Sendable {
        private(set) var bytes: [UInt8] = [AuditBatchEncoding.format4]
        /// Records appended so far.
        private(set) var count = 0
        /// Every text of the batch so far, by its bytes, with its index.
        private var texts: [TextKey: UInt64] = [:]
        /// Per text field, the last text and its index: most calls in a row share their principal,
        /// roles, service and method, so most fields are found without hashing.
        private var recent: [(text: String, index: UInt64)?] = Array(repeating: nil, count: 7)
        private var previousTime: Int64 = 0

        init(capacity: Int) {
            bytes.reserveCapacity(1 + capacity * 16)
        }

        mutating func append(_ record: AuditRecord) {
            append(
                timeMilliseconds: record.timeMilliseconds, principal: record.principal, onBehalfOf: record.onBehalfOf, roles: record.rolesJoined,
                service: record.service, method: record.method, purpose: record.purpose, requestID: record.requestID, residentKeys: record.residentKeys,
                unkeyedResidents: 0, status: record.status, durationMicroseconds: record.durationMicroseconds, breakTheGlass: record.breakTheGlass)
        }

        /// Appends one record from its fields, bounded already. Its residents are `residentKeys`
        /// and then `unkeyedResidents` keys not computed yet: their 32 bytes are left zero, for
        /// ``setKey(_:at:)``. Returns the offset of the first of those.
        @discardableResult
        mutating func append(
            timeMilliseconds: Int64, principal: String, onBehalfOf: String, roles: String, service: String, method: String, purpose: String,
            requestID: String, residentKeys: [ResidentKey], unkeyedResidents: Int, status: Int32, durationMicroseconds: Int64, breakTheGlass: Bool
        ) -> Int {
            count += 1
            appendVarint(zigzag(timeMilliseconds &- previousTime), to: &bytes)
            previousTime = timeMilliseconds
            appendText(principal, field: 0)
            appendText(onBehalfOf, field: 1)
            appendText(roles, field: 2)
            appendText(service, field: 3)
            appendText(method, field: 4)
            appendText(purpose, field: 5)
            appendText(requestID, field: 6)
            appendVarint(UInt64(residentKeys.count + unkeyedResidents), to: &bytes)
            for key in residentKeys { bytes.append(contentsOf: key.bytes) }
            let unkeyed = bytes.count
            if unkeyedResidents > 0 { bytes.append(contentsOf: repeatElement(0, count: unkeyedResidents * ResidentKey.byteCount)) }
            appendVarint(zigzag(Int64(status)), to: &bytes)
            appendVarint(zigzag(durationMicroseconds), to: &bytes)
            bytes.append(breakTheGlass ? 1 : 0)
            return unkeyed
        }

        /// Writes `key` into the slot at `offset` that ``append(timeMilliseconds:principal:onBehalfOf:roles:service:method:purpose:requestID:residentKeys:unkeyedResidents:status:durationMicroseconds:breakTheGlass:)``
        /// left for it.
        mutating func setKey(_ key: ResidentKey, at offset: Int) {
            let keyBytes = key.bytes
            precondition(keyBytes.count == ResidentKey.byteCount && offset + keyBytes.count <= bytes.count, "AuditBatchEncoding: no key slot at \(offset)")
            bytes.replaceSubrange(offset..<offset + keyBytes.count, with: keyBytes)
        }

        private mutating func appendText(_ text: String, field: Int) {
            if let (last, index) = recent[field], Self.sameBytes(last, text) {
                appendVarint(index, to: &bytes)
                return
            }
            let key = TextKey(text)
            let index: UInt64
            if let known = texts[key] {
                index = known
                appendVarint(index, to: &bytes)
            } else {
                index = UInt64(texts.count)
                texts[key] = index
                appendVarint(index, to: &bytes)
                appendVarint(UInt64(text.utf8.count), to: &bytes)
                bytes.append(contentsOf: text.utf8)
            }
            recent[field] = (text, index)
        }

        /// Whether two texts hold the same UTF-8 bytes: lengths first, then one `memcmp` (the
        /// writer asks this of every text of every call it encodes).
        private static func sameBytes(_ a: String, _ b: String) -> Bool {
            guard a.utf8.count == b.utf8.count else { return false }
            // The strings' own storage, borrowed: no copy of either (a `var` copy to reach
            // `withUTF8` cost a retain and a release of each, twice a field).
            let same = a.utf8.withContiguousStorageIfAvailable { x in
                b.utf8.withContiguousStorageIfAvailable { y in x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 }
            }
            return (same ?? nil) ?? a.utf8.elementsEqual(b.utf8)
        }
    }

    /// A text compared and hashed by its UTF-8 bytes. `String`'s own equality is canonical
    /// equivalence ("é" precomposed equals "e" with a combining accent): interning by it would
    /// store one caller's bytes for another's.
    private struct TextKey: Hashable {
        let text: String

        init(_ text: String) { self.text = text }

        static func == (lhs: TextKey, rhs: TextKey) -> Bool {
            lhs.text.utf8.elementsEqual(rhs.text.utf8)
        }

        func hash(into hasher: inout Hasher) {
            var text = text
            text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }
}
