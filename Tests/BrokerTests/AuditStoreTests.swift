import Foundation
import GRDB
import Logging
import ServiceLifecycle
import Storage
import Synchronization
import TestSupport
import Testing

@testable import BrokerKit

/// The broker's audit log: the keyed resident hash, the hash chain and what `verify` reports about
/// edited or removed rows, the resident and principal queries, and the batching writer.
@Suite("Broker: the audit log")
struct AuditStoreTests {
    static let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
    static let residentA = "330902199001011234"
    static let residentB = "33090219851231567X"

    /// broker.sqlite with the registry's and the audit's steps, as the broker opens it.
    static func withStore<T>(_ body: (AuditStore) async throws -> T) async throws -> T {
        try await withTemporaryDirectory { directory in
            let database = try openBrokerDatabase(directory.file("broker.sqlite"))
            defer { try? database.close() }
            return try await body(try await AuditStore(database: database))
        }
    }

    static func openBrokerDatabase(_ path: String) throws -> ServiceDatabase {
        try BrokerDatabase.open(path: path, logger: quiet)
    }

    static func record(
        _ number: Int, principal: String = "clerk-01", onBehalfOf: String = "", residents: [ResidentKey] = [], purpose: String = "窗口受理",
        breakTheGlass: Bool = false
    ) -> AuditRecord {
        AuditRecord(
            timeMilliseconds: 1_750_000_000_000 + Int64(number), principal: principal, onBehalfOf: onBehalfOf, roles: ["clerk", "auditor"],
            service: "employment", method: "GetResident", purpose: purpose, residentKeys: residents, status: 0,
            durationMicroseconds: 1_200 + Int64(number), requestID: "req-\(number)", breakTheGlass: breakTheGlass)
    }

    /// Ten rows in two batches; rows 3 and 7 read resident A, row 5 resident B.
    static func appendTen(_ store: AuditStore) async throws {
        let a = store.residentKey(for: residentA), b = store.residentKey(for: residentB)
        let records = (1...10).map { number in
            record(number, residents: number == 3 || number == 7 ? [a] : number == 5 ? [b] : [])
        }
        try await store.append(Array(records[0..<4]))
        try await store.append(Array(records[4...]))
    }

    /// The recorded tip hash, as `verify` must return it for an intact log.
    static func tip(_ store: AuditStore) async throws -> String {
        try await store.database.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM audit_settings WHERE name = 'chain_tip_hash'") ?? ""
        }
    }

    static func execute(_ store: AuditStore, _ sql: String) async throws {
        try await store.database.write { db in try db.execute(sql: sql) }
    }

    // MARK: The resident key

    /// RFC 4231 test cases 1–4, 6 and 7: key, data, HMAC-SHA-256.
    static let rfc4231: [HMACVector] = [
        HMACVector(
            1, key: Array(repeating: 0x0b, count: 20), message: Array("Hi There".utf8), "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        HMACVector(
            2, key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        HMACVector(
            3, key: Array(repeating: 0xaa, count: 20), message: Array(repeating: 0xdd, count: 50),
            "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        HMACVector(4, key: Array(1...25), message: Array(repeating: 0xcd, count: 50), "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        HMACVector(
            6, key: Array(repeating: 0xaa, count: 131), message: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        HMACVector(
            7, key: Array(repeating: 0xaa, count: 131),
            message: Array(
                ("This is a test using a larger than block-size key and a larger than block-size data. "
                    + "The key needs to be hashed before being used by the HMAC algorithm.").utf8),
            "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ]

    @Test("HMAC-SHA256 matches RFC 4231 (test cases 1–4, 6, 7)", arguments: rfc4231)
    func hmacVectors(vector: HMACVector) {
        #expect(Hex.encode(SHA256Hash.authenticationCode(for: vector.message, key: vector.key)) == vector.expected)
    }

    @Test("the resident key: stable for one number, x and X alike, different under another secret, and the secret survives a restart")
    func residentKey() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.file("broker.sqlite")
            let first: ResidentKey
            do {
                let database = try Self.openBrokerDatabase(path)
                defer { try? database.close() }
                let store = try await AuditStore(database: database)
                first = store.residentKey(for: Self.residentB)
                #expect(first == store.residentKey(for: Self.residentB))
                #expect(first == store.residentKey(for: Self.residentB.lowercased()))
                #expect(first != store.residentKey(for: Self.residentA))
                #expect(first.hex.count == 64 && ResidentKey(hex: first.hex) == first)
                #expect(!first.hex.contains(Self.residentB))
                // By definition: HMAC-SHA256 of the number's bytes under the stored 32-byte secret.
                let secret = try await database.read { db in
                    try String.fetchOne(db, sql: "SELECT value FROM audit_settings WHERE name = 'resident_key_secret'")
                }
                let text = try #require(secret)
                let key = try #require(Hex.decode(text))
                #expect(key.count == 32)
                #expect(Hex.encode(SHA256Hash.authenticationCode(for: Array(Self.residentB.utf8), key: key)) == first.hex)
            }
            let reopened = try Self.openBrokerDatabase(path)
            let again = try await AuditStore(database: reopened).residentKey(for: Self.residentB)
            try reopened.close()
            #expect(again == first)

            let other = try Self.openBrokerDatabase(directory.file("other.sqlite"))
            defer { try? other.close() }
            #expect(try await AuditStore(database: other).residentKey(for: Self.residentB) != first)
        }
    }

    @Test("the audit steps are part of broker.sqlite's migrations; a database without them is refused")
    func migrations() async throws {
        try await withTemporaryDirectory { directory in
            let database = try Self.openBrokerDatabase(directory.file("broker.sqlite"))
            let tables = try await database.read { db in
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'grdb%' ORDER BY name")
            }
            #expect(
                Set([
                    "communities", "grids", "audit_log", "audit_residents", "audit_settings", "audit_batches", "audit_batch_residents",
                    "audit_batch_principals", "audit_batch_reviews",
                ]).isSubset(of: Set(tables)))
            try database.close()

            var registryOnly = Migrations()
            RegistryStore.register(into: &registryOnly)
            let withoutAudit = try ServiceDatabase(path: directory.file("registry.sqlite"), migrations: registryOnly, logger: Self.quiet)
            defer { try? withoutAudit.close() }
            await #expect(throws: AuditStoreError.notMigrated(path: withoutAudit.path)) { try await AuditStore(database: withoutAudit) }
        }
    }

    // MARK: The chain

    @Test("appended records verify, numbered 1…n across batches, one row a batch, with the tip the last batch's hash")
    func appendAndVerify() async throws {
        try await Self.withStore { store in
            #expect(try await store.verify() == .intact(rowCount: 0, tipHash: SHA256Hash.hexDigest(Array("community-window audit log v1".utf8))))
            try await Self.appendTen(store)
            let batches = try await store.database.read { db in
                try Row.fetchAll(db, sql: "SELECT batch, first_seq, count, previous_hash, hash FROM audit_batches ORDER BY batch").map { row in
                    (batch: row[0] as Int64, first: row[1] as Int64, count: row[2] as Int64, previous: row[3] as Data, hash: row[4] as Data)
                }
            }
            #expect(batches.map(\.batch) == [1, 2] && batches.map(\.first) == [1, 5] && batches.map(\.count) == [4, 6])
            #expect(Array(batches[0].previous) == AuditChain.genesis && batches[1].previous == batches[0].hash)
            #expect(try await store.verify() == .intact(rowCount: 10, tipHash: Hex.encode(batches[1].hash)))
            #expect(try await Self.tip(store) == Hex.encode(batches[1].hash))
            #expect(try await AuditLogFixture.allRecords(store).map(\.requestID) == (1...10).map { "req-\($0)" })
            try await store.append([])
            #expect(try await store.verify().isIntact)
            // Nothing is written one row a call any more.
            #expect(try await store.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_log") } == 0)
        }
    }

    @Test("a batch's hash is SHA-256 of the previous hash, its number, first seq, count and records, encoded as documented (format 4)")
    func batchChainDefinition() async throws {
        try await Self.withStore { store in
            let a = store.residentKey(for: Self.residentA), b = store.residentKey(for: Self.residentB)
            try await store.append([
                AuditRecord(
                    timeMilliseconds: 1_750_000_000_123, principal: "window", onBehalfOf: "clerk-01", roles: ["clerk", "auditor"], service: "health",
                    method: "GetFamily", purpose: "核对", residentKeys: [b, a], status: 5, durationMicroseconds: -1, requestID: "r1", breakTheGlass: true),
                AuditRecord(
                    timeMilliseconds: 1_750_000_000_118, principal: "window", roles: ["auditor", "clerk"], service: "health", method: "GetFamily",
                    purpose: "", status: 0, durationMicroseconds: 300, requestID: "r2"),
            ])
            func integer(_ value: Int64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: UInt64(bitPattern: value) >> (56 - 8 * UInt64($0))) } }
            /// A new text: its index, its length, its bytes (every length here is below 128).
            func text(_ index: UInt8, _ value: String) -> [UInt8] { [index, UInt8(value.utf8.count)] + Array(value.utf8) }
            // The format byte, then the first time's difference from 0, zigzagged: 2 × 1_750_000_000_123.
            var records: [UInt8] = [0xA4] + Self.varint(3_500_000_000_246)
            for (index, value) in ["window", "clerk-01", "auditor,clerk", "health", "GetFamily", "核对", "r1"].enumerated() {
                records += text(UInt8(index), value)
            }
            records += [2] + Hex.decode(b.hex)! + Hex.decode(a.hex)!
            records += [10, 1, 1]  // status 5 → 10, duration −1 → 1, break-the-glass
            // The second record: 5 ms earlier (−5 → 9); principal, roles, service and method by
            // index; on-behalf-of and purpose both the new empty text 7; "r2" new as 8.
            records += [9, 0] + text(7, "") + [2, 3, 4, 7] + text(8, "r2")
            records += [0, 0, 0xD8, 0x04, 0]  // no residents, status 0, duration 300 → 600, no flag
            let genesis = SHA256Hash.digest(Array("community-window audit log v1".utf8))
            let expected = SHA256Hash.digest(genesis + integer(1) + integer(1) + integer(2) + records)
            let stored = try await store.database.read { db in
                try Row.fetchOne(db, sql: "SELECT previous_hash, hash, records FROM audit_batches").map { ($0[0] as Data, $0[1] as Data, $0[2] as Data) }
            }
            let (previous, hash, blob) = try #require(stored)
            #expect(Array(previous) == genesis && Array(blob) == records && Array(hash) == expected)
            #expect(try await AuditLogFixture.allRecords(store).map(\.timeMilliseconds) == [1_750_000_000_123, 1_750_000_000_118])
        }
    }

    /// `value` as unsigned LEB128, written out independently of the encoder under test.
    static func varint(_ value: UInt64) -> [UInt8] {
        var groups: [UInt8] = []
        var rest = value
        repeat {
            groups.append(UInt8(rest & 0x7F))
            rest >>= 7
        } while rest > 0
        return groups.enumerated().map { $0.offset < groups.count - 1 ? $0.element | 0x80 : $0.element }
    }

    @Test("a v1/v2 row's hash is SHA-256 of genesis and the row's columns, encoded as AuditChain documents")
    func rowChainDefinition() async throws {
        try await Self.withStore { store in
            let a = store.residentKey(for: Self.residentA), b = store.residentKey(for: Self.residentB)
            try await AuditLogFixture.appendRows(
                [
                    AuditRecord(
                        timeMilliseconds: 1_750_000_000_123, principal: "window", onBehalfOf: "clerk-01", roles: ["clerk", "auditor"], service: "health",
                        method: "GetFamily", purpose: "核对", residentKeys: [b, a], status: 5, durationMicroseconds: -1, requestID: "r1")
                ], to: store)
            func integer(_ value: Int64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: UInt64(bitPattern: value) >> (56 - 8 * UInt64($0))) } }
            func text(_ value: String) -> [UInt8] {
                let count = UInt32(value.utf8.count)
                return (0..<4).map { UInt8(truncatingIfNeeded: count >> (24 - 8 * UInt32($0))) } + Array(value.utf8)
            }
            let genesis = SHA256Hash.digest(Array("community-window audit log v1".utf8))
            var bytes = genesis + integer(1) + integer(1_750_000_000_123)
            for value in ["window", "clerk-01", "auditor,clerk", "health", "GetFamily", "核对", b.hex + "," + a.hex] { bytes += text(value) }
            bytes += integer(5) + integer(-1) + text("r1")
            let stored = try await store.database.read { db in try String.fetchAll(db, sql: "SELECT previous_hash || ' ' || hash FROM audit_log") }
            #expect(stored == [Hex.encode(genesis) + " " + SHA256Hash.hexDigest(bytes)])
            #expect(try await store.verify() == .intact(rowCount: 1, tipHash: SHA256Hash.hexDigest(bytes)))
        }
    }

    /// Edits of record 7 (inside batch 2, records 5…10): each breaks the batch's hash, reported at its first seq.
    static let recordEdits: [RecordEdit] = [
        RecordEdit("purpose") { $0.purpose = "audit test" },
        RecordEdit("principal") { $0.principal = "someone-else" },
        RecordEdit("on behalf of") { $0.onBehalfOf = "resident-self" },
        RecordEdit("roles") { $0.roles = ["admin"] },
        RecordEdit("time") { $0.timeMilliseconds += 1 },
        RecordEdit("status") { $0.status = 7 },
        RecordEdit("duration") { $0.durationMicroseconds = 0 },
        RecordEdit("request id") { $0.requestID = "req-x" },
        RecordEdit("residents") { $0.residentKeys = [] },
        RecordEdit("break-the-glass") { $0.breakTheGlass = true },
    ]

    @Test("an edited record inside a batch is reported at the batch's first seq", arguments: recordEdits)
    func editedRecord(edit: RecordEdit) async throws {
        try await Self.withStore { store in
            try await Self.appendTen(store)
            try await AuditLogFixture.rewrite(store, batch: 2) { records in edit.change(&records[2]) }
            #expect(try await store.verify() == .broken(seq: 5, problem: .hashMismatch))
        }
    }

    @Test("a record removed from inside a batch, or records swapped, are reported at the batch's first seq")
    func removedRecord() async throws {
        try await Self.withStore { store in
            try await Self.appendTen(store)
            try await AuditLogFixture.rewrite(store, batch: 2) { records in records.remove(at: 2) }
            #expect(try await store.verify() == .broken(seq: 5, problem: .hashMismatch))
        }
        try await Self.withStore { store in
            try await Self.appendTen(store)
            try await AuditLogFixture.rewrite(store, batch: 1) { records in records.swapAt(0, 1) }
            #expect(try await store.verify() == .broken(seq: 1, problem: .hashMismatch))
        }
    }

    /// Edits of batch 2's row (SQL assignments) and what verify must say about them.
    static let batchEdits: [(assignment: String, problem: AuditVerification.Problem)] = [
        ("records = zeroblob(length(records))", .hashMismatch),
        ("hash = zeroblob(32)", .hashMismatch),
        ("count = count - 1", .hashMismatch),
        ("batch = 3", .hashMismatch),
        ("previous_hash = zeroblob(32)", .previousHashMismatch),
        ("first_seq = 6", .rowMissing),
        ("records = 'text'", .malformedColumn("records")),
        ("count = 'six'", .malformedColumn("count")),
        ("hash = lower(hex(hash))", .malformedColumn("hash")),
    ]

    @Test("an edited batch row is reported at its first seq", arguments: batchEdits)
    func editedBatch(assignment: String, problem: AuditVerification.Problem) async throws {
        try await Self.withStore { store in
            try await Self.appendTen(store)
            try await Self.execute(store, "UPDATE audit_batches SET \(assignment) WHERE batch = 2")
            #expect(try await store.verify() == .broken(seq: 5, problem: problem))
        }
    }

    @Test("a flipped, added or removed byte in a batch's records is reported at its first seq")
    func editedBytes() async throws {
        let edits: [@Sendable (inout [UInt8]) -> Void] = [{ $0[11] ^= 0x01 }, { $0.append(0) }, { $0.removeLast() }, { $0[$0.count - 1] = 1 }]
        for edit in edits {
            try await Self.withStore { store in
                try await Self.appendTen(store)
                try await AuditLogFixture.rewriteBytes(store, batch: 2, edit)
                #expect(try await store.verify() == .broken(seq: 5, problem: .hashMismatch))
            }
        }
    }

    @Test("a deleted batch is reported at its first seq; deleted last batches through the recorded tip; batches added outside the store")
    func deletedBatches() async throws {
        try await Self.withStore { store in
            try await Self.appendTen(store)
            try await store.append([Self.record(11), Self.record(12)])
            try await Self.execute(store, "DELETE FROM audit_batches WHERE batch = 2")
            #expect(try await store.verify() == .broken(seq: 5, problem: .rowMissing))
            try await Self.execute(store, "DELETE FROM audit_batches WHERE batch = 1")
            #expect(try await store.verify() == .broken(seq: 1, problem: .rowMissing))
        }
        try await Self.withStore { store in
            try await Self.appendTen(store)
            try await Self.execute(store, "DELETE FROM audit_batches WHERE batch = 2")
            #expect(try await store.verify() == .broken(seq: 5, problem: .rowMissing))
            try await Self.execute(store, "DELETE FROM audit_batches")
            #expect(try await store.verify() == .broken(seq: 1, problem: .rowMissing))
        }
        try await Self.withStore { store in
            try await Self.appendTen(store)
            try await Self.execute(
                store,
                """
                INSERT INTO audit_batches(batch, first_seq, count, previous_hash, hash, records)
                SELECT 3, 11, count, hash, hash, records FROM audit_batches WHERE batch = 2
                """)
            #expect(try await store.verify() == .broken(seq: 11, problem: .hashMismatch))
        }
    }

    @Test("a hidden or invented entry in the resident, principal or review index is reported")
    func batchIndexes() async throws {
        try await Self.withStore { store in
            try await Self.appendTen(store)
            let a = store.residentKey(for: Self.residentA)
            try await store.database.write { db in
                try db.execute(sql: "DELETE FROM audit_batch_residents WHERE batch = 2 AND resident_key = ?", arguments: [Data(a.bytes)])
            }
            #expect(try await store.verify() == .broken(seq: 7, problem: .residentIndexMismatch))
            #expect(try await store.accesses(resident: Self.residentA).entries.map(\.seq) == [3])
        }
        try await Self.withStore { store in
            try await Self.appendTen(store)
            let b = store.residentKey(for: Self.residentB)
            try await store.database.write { db in
                try db.execute(sql: "INSERT INTO audit_batch_residents(resident_key, batch) VALUES (?, 1)", arguments: [Data(b.bytes)])
            }
            #expect(try await store.verify() == .broken(seq: 1, problem: .residentIndexMismatch))
            // The index only says where to look: the batch's records decide what is listed.
            #expect(try await store.accesses(resident: Self.residentB).entries.map(\.seq) == [5])
        }
        try await Self.withStore { store in
            try await Self.appendTen(store)
            try await Self.execute(store, "DELETE FROM audit_batch_principals WHERE batch = 2")
            #expect(try await store.verify() == .broken(seq: 5, problem: .principalIndexMismatch))
            try await Self.execute(store, "INSERT INTO audit_batch_principals(principal, batch) VALUES ('clerk-01', 2)")
            #expect(try await store.verify().isIntact)
            try await Self.execute(store, "INSERT INTO audit_batch_principals(principal, batch) VALUES ('clerk-02', 1)")
            #expect(try await store.verify() == .broken(seq: 1, problem: .principalIndexMismatch))
        }
        try await Self.withStore { store in
            try await store.append((1...4).map { Self.record($0, breakTheGlass: $0 == 3) })
            try await store.append((5...6).map { Self.record($0) })
            try await Self.execute(store, "DELETE FROM audit_batch_reviews")
            #expect(try await store.verify() == .broken(seq: 3, problem: .reviewIndexMismatch))
            try await Self.execute(store, "INSERT INTO audit_batch_reviews(batch) VALUES (1), (2)")
            #expect(try await store.verify() == .broken(seq: 5, problem: .reviewIndexMismatch))
        }
    }

    /// Edits of v1/v2 row 5 (SQL assignments) and what verify must say about them.
    static let rowEdits: [(assignment: String, problem: AuditVerification.Problem)] = [
        ("purpose = 'audit test'", .hashMismatch),
        ("principal = 'someone-else'", .hashMismatch),
        ("on_behalf_of = 'resident-self'", .hashMismatch),
        ("time_ms = time_ms + 1", .hashMismatch),
        ("status = 7", .hashMismatch),
        ("residents = ''", .hashMismatch),
        ("hash = '" + String(repeating: "0", count: 64) + "'", .hashMismatch),
        ("previous_hash = '" + String(repeating: "0", count: 64) + "'", .previousHashMismatch),
        ("status = 'seven'", .malformedColumn("status")),
        ("break_the_glass = 1", .hashMismatch),
        ("break_the_glass = 'yes'", .malformedColumn("break_the_glass")),
    ]

    /// Rows 1…6 as v1/v2 wrote them, then records 7…10 in a batch: rows 3 and 7 read resident A,
    /// 5 resident B; 4 and 8 are break-the-glass; 2 and 9 were made for clerk-02.
    static func appendUpgraded(_ store: AuditStore) async throws {
        let a = store.residentKey(for: residentA), b = store.residentKey(for: residentB)
        let records = (1...10).map { number in
            record(
                number, principal: number == 2 || number == 9 ? "window" : "clerk-01", onBehalfOf: number == 2 || number == 9 ? "clerk-02" : "",
                residents: number == 3 || number == 7 ? [a] : number == 5 ? [b] : [], breakTheGlass: number == 4 || number == 8)
        }
        try await AuditLogFixture.appendRows(Array(records[0..<6]), to: store)
        try await store.append(Array(records[6...]))
    }

    @Test("rows written before the batches still verify, chain into the first batch, and are listed after it, in pages")
    func upgradedLog() async throws {
        try await Self.withStore { store in
            try await Self.appendUpgraded(store)
            #expect(try await store.verify() == .intact(rowCount: 10, tipHash: try await Self.tip(store)))
            let first = try await store.database.read { db in try Data.fetchOne(db, sql: "SELECT previous_hash FROM audit_batches WHERE batch = 1") }
            let lastRow = try await store.database.read { db in try String.fetchOne(db, sql: "SELECT hash FROM audit_log WHERE seq = 6") }
            #expect(first.map { Hex.encode($0) } == lastRow)

            #expect(try await store.accesses(resident: Self.residentA).entries.map(\.seq) == [7, 3])
            #expect(try await store.accesses(resident: Self.residentB).entries.map(\.seq) == [5])
            #expect(try await store.actions(principal: "clerk-02").entries.map(\.seq) == [9, 2])
            #expect(try await store.accessesForReview().entries.map(\.seq) == [8, 4])
            let clerk = try await store.actions(principal: "clerk-01", limit: 4)
            #expect(clerk.entries.map(\.seq) == [10, 8, 7, 6] && clerk.nextBefore == 6)
            let next = try await store.actions(principal: "clerk-01", limit: 4, before: 6)
            #expect(next.entries.map(\.seq) == [5, 4, 3, 1] && next.nextBefore == nil)
            #expect(next.entries[1].record == Self.record(4, breakTheGlass: true))
            let review = try await store.accessesForReview(limit: 1)
            #expect(review.entries.map(\.seq) == [8] && review.nextBefore == 8)
        }
    }

    @Test("an edited row from before the batches is reported at its row", arguments: rowEdits)
    func editedRow(assignment: String, problem: AuditVerification.Problem) async throws {
        try await Self.withStore { store in
            try await Self.appendUpgraded(store)
            try await Self.execute(store, "UPDATE audit_log SET \(assignment) WHERE seq = 5")
            #expect(try await store.verify() == .broken(seq: 5, problem: problem))
        }
    }

    @Test("a deleted row from before the batches is reported at its seq, the last one too; so is a hidden or invented resident entry")
    func deletedRow() async throws {
        try await Self.withStore { store in
            try await Self.appendUpgraded(store)
            try await Self.execute(store, "DELETE FROM audit_log WHERE seq = 6")
            #expect(try await store.verify() == .broken(seq: 6, problem: .rowMissing))
            try await Self.execute(store, "DELETE FROM audit_log WHERE seq = 2")
            #expect(try await store.verify() == .broken(seq: 2, problem: .rowMissing))
        }
        try await Self.withStore { store in
            try await Self.appendUpgraded(store)
            try await Self.execute(store, "DELETE FROM audit_residents WHERE seq = 3")
            #expect(try await store.verify() == .broken(seq: 3, problem: .residentIndexMismatch))
            #expect(try await store.accesses(resident: Self.residentA).entries.map(\.seq) == [7])
            let key = store.residentKey(for: Self.residentA)
            try await store.database.write { db in
                try db.execute(sql: "INSERT INTO audit_residents(resident_key, seq) VALUES (?, 3), (?, 4)", arguments: [key.hex, key.hex])
            }
            #expect(try await store.verify() == .broken(seq: 4, problem: .residentIndexMismatch))
        }
    }

    @Test("a caller's purpose is cut to 200 scalars and a NUL replaced; such rows still verify")
    func boundedFields() async throws {
        try await Self.withStore { store in
            let long = String(repeating: "查", count: 300)
            try await store.append([Self.record(1, purpose: long), Self.record(2, purpose: "a\0b")])
            #expect(try await store.verify() == .intact(rowCount: 2, tipHash: try await Self.tip(store)))
            let purposes = try await store.actions(principal: "clerk-01").entries.map(\.record.purpose)
            #expect(purposes == ["a\u{FFFD}b", String(repeating: "查", count: 200)])
        }
    }

    // MARK: Queries

    @Test("a resident's access log lists exactly the calls that touched that resident, newest first, in pages")
    func residentQuery() async throws {
        try await Self.withStore { store in
            let a = store.residentKey(for: Self.residentA), b = store.residentKey(for: Self.residentB)
            var records: [AuditRecord] = []
            for number in 1...12 {
                switch number % 4 {
                case 0: records.append(Self.record(number, residents: [a]))
                case 1: records.append(Self.record(number, residents: [b]))
                case 2: records.append(Self.record(number, principal: "window", onBehalfOf: "grid-07", residents: [b, a, b]))
                default: records.append(Self.record(number))
                }
            }
            try await store.append(records)

            let all = try await store.accesses(resident: Self.residentA)
            #expect(all.entries.map(\.seq) == [12, 10, 8, 6, 4, 2])
            #expect(all.nextBefore == nil)
            #expect(all.entries.allSatisfy { $0.record.residentKeys.contains(a) })
            #expect(all.entries[1].record == records[9])
            #expect(all.entries[1].record.residentKeys == [b, a])

            let onlyB = try await store.accesses(resident: Self.residentB).entries.map(\.seq)
            #expect(onlyB == [10, 9, 6, 5, 2, 1])
            #expect(try await store.accesses(resident: "330902200001010000").entries.isEmpty)

            let first = try await store.accesses(resident: Self.residentA, limit: 4)
            #expect(first.entries.map(\.seq) == [12, 10, 8, 6])
            #expect(first.nextBefore == 6)
            let second = try await store.accesses(resident: Self.residentA, limit: 4, before: first.nextBefore)
            #expect(second.entries.map(\.seq) == [4, 2] && second.nextBefore == nil)
            await #expect(throws: PageSizeError.self) { try await store.accesses(resident: Self.residentA, limit: -1) }
        }
    }

    @Test("a principal's actions: the calls it made and those made on its behalf, newest first, in pages")
    func principalQuery() async throws {
        try await Self.withStore { store in
            try await store.append([
                Self.record(1, principal: "clerk-01"), Self.record(2, principal: "clerk-02"),
                Self.record(3, principal: "window", onBehalfOf: "clerk-01"), Self.record(4, principal: "clerk-01"),
                Self.record(5, principal: "window", onBehalfOf: "clerk-02"), Self.record(6, principal: "clerk-01"),
            ])
            let page = try await store.actions(principal: "clerk-01")
            #expect(page.entries.map(\.seq) == [6, 4, 3, 1] && page.nextBefore == nil)
            #expect(page.entries[2].record.principal == "window" && page.entries[2].record.onBehalfOf == "clerk-01")
            #expect(page.entries[0].record.roles == ["auditor", "clerk"])

            let first = try await store.actions(principal: "clerk-01", limit: 2)
            #expect(first.entries.map(\.seq) == [6, 4] && first.nextBefore == 4)
            let second = try await store.actions(principal: "clerk-01", limit: 2, before: 4)
            #expect(second.entries.map(\.seq) == [3, 1] && second.nextBefore == nil)
            #expect(try await store.actions(principal: "window").entries.map(\.seq) == [5, 3])
            #expect(try await store.actions(principal: "").entries.isEmpty)
        }
    }

    @Test("break-the-glass reads are listed for review, newest first, in pages; clearing the mark breaks the chain")
    func reviewQuery() async throws {
        try await Self.withStore { store in
            let records = (1...6).map { Self.record($0, purpose: $0.isMultiple(of: 2) ? "矫正对象走访核查" : "", breakTheGlass: $0.isMultiple(of: 2)) }
            try await store.append(records)
            #expect(try await store.verify() == .intact(rowCount: 6, tipHash: try await Self.tip(store)))
            let page = try await store.accessesForReview()
            #expect(page.entries.map(\.seq) == [6, 4, 2] && page.nextBefore == nil)
            #expect(page.entries.allSatisfy { $0.record.breakTheGlass && $0.record.purpose == "矫正对象走访核查" })
            let first = try await store.accessesForReview(limit: 2)
            #expect(first.entries.map(\.seq) == [6, 4] && first.nextBefore == 4)
            #expect(try await store.accessesForReview(limit: 2, before: 4).entries.map(\.seq) == [2])

            try await AuditLogFixture.rewrite(store, batch: 1) { records in records[3].breakTheGlass = false }
            #expect(try await store.verify() == .broken(seq: 1, problem: .hashMismatch))
        }
    }

    // MARK: The writer

    /// Runs `writer` in a ServiceGroup, as the broker will; shuts it down gracefully after `body`.
    static func withRunningWriter<T>(_ writer: AuditWriter, _ body: () async throws -> T) async throws -> T {
        let group = ServiceGroup(services: [writer], logger: quiet)
        async let running: Void = group.run()
        let result: T
        do {
            result = try await body()
        } catch {
            await group.triggerGracefulShutdown()
            try await running
            throw error
        }
        await group.triggerGracefulShutdown()
        try await running
        return result
    }

    @Test("10,000 records from 50 tasks are appended in order of arrival, with an intact chain")
    func writerOrder() async throws {
        try await Self.withStore { store in
            // A delay far beyond the test: only full batches and flush() write.
            let writer = AuditWriter(store: store, configuration: .init(maximumDelay: .seconds(3600)), logger: Self.quiet)
            let arrival = ArrivalOrder()
            try await Self.withRunningWriter(writer) {
                await withTaskGroup(of: Void.self) { group in
                    for task in 0..<50 {
                        group.addTask {
                            for number in 0..<200 {
                                let record = AuditRecord(
                                    timeMilliseconds: Int64(number), principal: "task-\(task)", roles: ["clerk"], service: "echo", method: "Echo",
                                    purpose: "", status: 0, durationMicroseconds: 1, requestID: "\(task)-\(number)")
                                // Recording under the test's lock makes the arrival order observable.
                                arrival.requestIDs.withLock { order in
                                    #expect(writer.record(record))
                                    order.append(record.requestID)
                                }
                            }
                        }
                    }
                }
                await writer.flush()
                #expect(writer.statistics == .init(accepted: 10_000, appended: 10_000, lost: 0, dropped: 0, pending: 0))
            }
            let stored = try await AuditLogFixture.allRecords(store).map(\.requestID)
            #expect(stored == arrival.requestIDs.withLock { $0 })
            #expect(try await store.verify() == .intact(rowCount: 10_000, tipHash: try await Self.tip(store)))
        }
    }

    @Test("on shutdown the writer appends everything pending, then refuses (and counts) further records")
    func writerShutdown() async throws {
        try await Self.withStore { store in
            let writer = AuditWriter(store: store, configuration: .init(maximumBatch: 100, maximumDelay: .seconds(3600)), logger: Self.quiet)
            try await Self.withRunningWriter(writer) {
                // 250 records: two full batches may be written at once; the last 50 wait for the delay.
                for number in 1...250 { writer.record(Self.record(number)) }
            }
            #expect(writer.statistics == .init(accepted: 250, appended: 250, lost: 0, dropped: 0, pending: 0))
            #expect(try await store.verify() == .intact(rowCount: 250, tipHash: try await Self.tip(store)))
            #expect(!writer.record(Self.record(251)))
            #expect(writer.statistics.dropped == 1)
            await writer.flush()  // returns at once after the writer stopped
        }
    }

    @Test("a full queue drops and counts records instead of blocking; the accepted ones are still written")
    func writerCapacity() async throws {
        try await Self.withStore { store in
            let writer = AuditWriter(store: store, configuration: .init(capacity: 10), logger: Self.quiet)
            // Not running yet: nothing drains, so the eleventh record finds the queue full.
            let accepted = (1...15).map { writer.record(Self.record($0)) }
            #expect(accepted == Array(repeating: true, count: 10) + Array(repeating: false, count: 5))
            try await Self.withRunningWriter(writer) {
                await writer.flush()
                #expect(writer.statistics == .init(accepted: 10, appended: 10, lost: 0, dropped: 5, pending: 0))
            }
            let requestIDs = try await store.actions(principal: "clerk-01").entries.map(\.record.requestID)
            #expect(requestIDs == (1...10).reversed().map { "req-\($0)" })
        }
    }

    @Test("records the store cannot take are counted lost at shutdown; the writer still stops")
    func writerStoreFailure() async throws {
        try await Self.withStore { store in
            let writer = AuditWriter(store: store, configuration: .init(retryDelay: .milliseconds(1)), logger: Self.quiet)
            for number in 1...3 { writer.record(Self.record(number)) }
            try store.database.close()
            try await Self.withRunningWriter(writer) {}
            #expect(writer.statistics == .init(accepted: 3, appended: 0, lost: 3, dropped: 0, pending: 0))
        }
    }
}

/// An edit of one record, named in test output.
struct RecordEdit: Sendable, CustomTestStringConvertible {
    let name: String
    let change: @Sendable (inout AuditRecord) -> Void

    init(_ name: String, _ change: @escaping @Sendable (inout AuditRecord) -> Void) {
        self.name = name
        self.change = change
    }

    var testDescription: String { name }
}

/// The order in which records reached the writer, observed under one lock with the `record` call.
private final class ArrivalOrder: Sendable {
    let requestIDs = Mutex<[String]>([])
}

/// One RFC 4231 test case, named by its number in test output.
struct HMACVector: Sendable, CustomTestStringConvertible {
    let number: Int
    let key: [UInt8]
    let message: [UInt8]
    let expected: String

    init(_ number: Int, key: [UInt8], message: [UInt8], _ expected: String) {
        self.number = number
        self.key = key
        self.message = message
        self.expected = expected
    }

    var testDescription: String { "RFC 4231 test case \(number)" }
}
