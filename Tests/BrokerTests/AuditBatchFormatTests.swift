import Foundation
import GRDB
import Storage
import Testing

@testable import BrokerKit

/// The two encodings of an audit batch: format 4, which the writer appends (texts once a batch,
/// varints, `seq` implied), and format 3, which batches already in a log were written in. Both must
/// read back exactly, chain together, and refuse every encoding but the canonical one.
@Suite("Broker: the audit batch formats")
struct AuditBatchFormatTests {
    /// Records that exercise every field: texts repeated and not, empty, canonically equivalent but
    /// different bytes ("é" precomposed and "e" with a combining accent), extreme integers.
    static func varied(_ store: AuditStore) -> [AuditRecord] {
        let a = store.residentKey(for: AuditStoreTests.residentA), b = store.residentKey(for: AuditStoreTests.residentB)
        return [
            AuditRecord(
                timeMilliseconds: 1_750_000_000_000, principal: "clerk-01", roles: ["clerk"], service: "employment", method: "GetResident",
                purpose: "caf\u{E9}", residentKeys: [a], status: 0, durationMicroseconds: 1_200, requestID: "req-1"),
            AuditRecord(
                timeMilliseconds: 1_749_999_999_000, principal: "clerk-01", roles: ["clerk"], service: "employment", method: "GetResident",
                purpose: "cafe\u{301}", residentKeys: [b, a], status: 16, durationMicroseconds: 0, requestID: "req-2", breakTheGlass: true),
            AuditRecord(
                timeMilliseconds: .max, principal: "window", onBehalfOf: "clerk-01", roles: [String](), service: "", method: "",
                purpose: "", status: .min, durationMicroseconds: .min, requestID: ""),
            AuditRecord(
                timeMilliseconds: .min, principal: "window", onBehalfOf: "clerk-01", roles: ["auditor", "clerk"], service: "health",
                method: "GetFamily", purpose: String(repeating: "核", count: 200), status: .max, durationMicroseconds: .max, requestID: "r"),
        ]
    }

    @Test("format 4 reads back every field exactly, byte for byte, and is far smaller than format 3")
    func roundTrip() async throws {
        try await AuditStoreTests.withStore { store in
            let records = Self.varied(store)
            let bytes = AuditBatchEncoding.encode(records)
            let decoded = try AuditBatchRecords(bytes: bytes, firstSeq: 7, count: Int64(records.count))
            #expect(decoded.records.map(\.seq) == [7, 8, 9, 10])
            let read = decoded.records.map(decoded.record)
            #expect(read == records)
            // Equal as Strings is not enough: the purposes' bytes differ and must stay different.
            #expect(read.map { Array($0.purpose.utf8) } == records.map { Array($0.purpose.utf8) })

            let calls = (1...1_000).map { AuditStoreTests.record($0) }
            let format4 = AuditBatchEncoding.encode(calls).count
            let format3 = AuditLogFixture.format3(calls, firstSeq: 1).count
            #expect(format4 * 5 < format3, "format 4: \(format4) bytes, format 3: \(format3)")
        }
    }

    @Test("a log whose batches were written in format 3 still verifies and is listed; the next batch, in format 4, chains to it")
    func format3Batches() async throws {
        try await AuditStoreTests.withStore { store in
            let a = store.residentKey(for: AuditStoreTests.residentA)
            let records = (1...6).map { AuditStoreTests.record($0, residents: $0 == 2 || $0 == 5 ? [a] : [], breakTheGlass: $0 == 3) }
            try await AuditLogFixture.appendFormat3Batch(Array(records[0..<3]), to: store)
            try await store.append(Array(records[3...]))
            let firsts = try await store.database.read { db in
                try Data.fetchAll(db, sql: "SELECT records FROM audit_batches ORDER BY batch").map { $0.first }
            }
            #expect(firsts == [0x00, 0xA4])
            #expect(try await store.verify() == .intact(rowCount: 6, tipHash: try await AuditStoreTests.tip(store)))
            #expect(try await store.accesses(resident: AuditStoreTests.residentA).entries.map(\.seq) == [5, 2])
            #expect(try await store.accessesForReview().entries.map(\.seq) == [3])
            #expect(try await AuditLogFixture.allRecords(store) == records)

            try await AuditLogFixture.rewrite(store, batch: 1) { $0[1].status = 7 }
            #expect(try await store.verify() == .broken(seq: 1, problem: .hashMismatch))
        }
    }

    /// A format-4 BLOB of one record with `texts` for its seven texts, and `tail` after them.
    static func blob(texts: [UInt8], tail: [UInt8] = [0, 0, 0, 0]) -> [UInt8] {
        [0xA4, 0x02] + texts + tail
    }

    /// Seven empty texts, the canonical way: the first introduces text 0, the others refer to it.
    static let sevenEmpty: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0]

    /// Encodings of one record that only tampering produces, and what the reader must say.
    static let refused: [(String, [UInt8])] = [
        ("the canonical blob with a byte more", blob(texts: sevenEmpty, tail: [0, 0, 0, 0, 0])),
        ("a truncated record", blob(texts: sevenEmpty, tail: [0, 0, 0])),
        ("a varint with a trailing zero group", [0xA4, 0x82, 0x00] + sevenEmpty + [0, 0, 0, 0]),
        ("a varint past 64 bits", [0xA4] + Array(repeating: 0xFF, count: 9) + [0x02] + sevenEmpty + [0, 0, 0, 0]),
        ("a text index ahead of the texts so far", blob(texts: [1, 0, 0, 0, 0, 0, 0, 0])),
        ("a text written out twice", blob(texts: [0, 0, 1, 0, 0, 0, 0, 0, 0])),
        ("a text longer than the blob", blob(texts: [0, 0x7F] + [0, 0, 0, 0, 0, 0])),
        ("a status beyond 32 bits", blob(texts: sevenEmpty, tail: [0, 0x80, 0x80, 0x80, 0x80, 0x10, 0, 0])),
        ("break-the-glass 2", blob(texts: sevenEmpty, tail: [0, 0, 0, 2])),
        ("more residents than bytes", blob(texts: sevenEmpty, tail: [5, 0, 0, 0])),
    ]

    @Test("the reader refuses any format-4 encoding but the canonical one")
    func canonical() throws {
        let canonical = Self.blob(texts: Self.sevenEmpty)
        let decoded = try AuditBatchRecords(bytes: canonical, firstSeq: 1, count: 1)
        #expect(
            decoded.records.map(decoded.record) == [
                AuditRecord(
                    timeMilliseconds: 1, principal: "", roles: [String](), service: "", method: "", purpose: "", status: 0, durationMicroseconds: 0,
                    requestID: "")
            ])
        #expect(AuditBatchEncoding.encode(decoded.records.map(decoded.record)) == canonical)
        for (name, bytes) in Self.refused {
            #expect(throws: AuditBatchRecords.Malformed.self, "\(name)") { try AuditBatchRecords(bytes: bytes, firstSeq: 1, count: 1) }
        }
        #expect(throws: AuditBatchRecords.Malformed.self) { try AuditBatchRecords(bytes: canonical, firstSeq: 1, count: 2) }
    }
}
