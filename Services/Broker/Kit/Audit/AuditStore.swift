import Domain
import GRDB
import Storage

/// The broker's tamper-evident audit log in broker.sqlite: appends records in hash-chained batches,
/// checks the chain, and answers "who accessed this resident" and "what did this principal do".
///
/// It exists because every access through the window must be answerable afterwards — who, on whose
/// behalf, what, which residents, why (the model: X-Road's chained message log, OpenCRVS's audited
/// views, Estonia's Data Tracker) — and the answer is worth little if rows can be edited or removed
/// unnoticed. Records are stored a batch a row (one row per append; the chain in
/// ``AuditBatchChain``, the encoding in ``AuditBatchEncoding``), after the rows the v1/v2 schema
/// wrote one a call (``AuditChain``, ``LegacyAuditRows``); the tables in ``AuditMigrations``.
///
/// Writes go through the single writer of the `ServiceDatabase` (SQLite work on GRDB's queues,
/// never on the cooperative pool). On the call path use ``AuditWriter``, which batches records off
/// the event loop; call ``append(_:)`` directly only from tools and tests.
package struct AuditStore: Sendable {
    /// Names of the `audit_settings` rows.
    enum Setting {
        static let residentKeySecret = "resident_key_secret"
        static let tipCount = "chain_tip_count"
        static let tipHash = "chain_tip_hash"
    }

    package let database: ServiceDatabase
    /// The HMAC key of ``residentKey(for:)``: generated at the first start, never leaves the database.
    private let secret: [UInt8]

    /// Uses the audit tables of `database`, which must have been opened with ``AuditMigrations``
    /// registered.
    package init(database: ServiceDatabase) async throws {
        self.database = database
        secret = try await database.read { db in
            guard try db.tableExists("audit_settings") else { throw AuditStoreError.notMigrated(path: database.path) }
            guard let text = try Self.setting(Setting.residentKeySecret, db), let secret = Hex.decode(text), secret.count >= 32 else {
                throw AuditStoreError.malformedSetting(name: Setting.residentKeySecret)
            }
            return secret
        }
    }

    /// The key that stands for the resident with `idNumber` in the log (see ``ResidentKey``):
    /// what a service's reported ID numbers become before they are recorded, and what a resident's
    /// access log is looked up by.
    package func residentKey(for idNumber: String) -> ResidentKey {
        ResidentKey(idNumber: idNumber, secret: secret)
    }

    package func residentKey(for number: ResidentIdentityNumber) -> ResidentKey {
        residentKey(for: number.rawValue)
    }

    /// Appends `records`, in order, in one write transaction as one batch (``AuditBatchAppend``):
    /// numbered after the last record, chained to the batch before, its residents, principals and
    /// break-the-glass calls indexed, and the tip updated. All are written or none.
    package func append(_ records: [AuditRecord]) async throws {
        guard !records.isEmpty else { return }
        try await database.write { db in try AuditBatchAppend.append(records, db) }
    }

    /// Commits a batch ``AuditBatchAppend/prepare(_:at:)`` made, on the calling thread, blocking
    /// it for the transaction and its fsync: for ``AuditWriter``'s committer only. Returns the
    /// log's tip after it.
    func commitOnThisThread(_ batch: AuditBatchAppend.Prepared) throws -> AuditBatchAppend.Tip {
        try database.writeOnThisThread { db in try AuditBatchAppend.commit(batch, db) }
    }

    /// Checks the whole log in one read snapshot: records numbered 1…n without gaps — the rows the
    /// v1/v2 schema wrote (``AuditChain``), then the batches (``AuditBatchChain``) — each link and
    /// hash, every index exactly what the records hold, and the recorded tip equal to the last
    /// hash. Reports the first disagreement.
    package func verify() async throws -> AuditVerification {
        try await database.read { db in try Self.verify(db) }
    }

    /// The calls that read or wrote the data of the resident with `idNumber`, newest first: the
    /// access log a resident may ask for. `before` continues from a previous page's
    /// ``AuditPage/nextBefore``; `limit` follows the shared page-size rules (0 = 50, at most 500).
    package func accesses(resident idNumber: String, limit: Int = 0, before: Int64? = nil) async throws -> AuditPage {
        let key = residentKey(for: idNumber)
        return try await page(limit: limit, before: before) { db, before, limit in
            try AuditBatchQuery.accesses(db, resident: key, before: before, limit: limit)
        } legacy: { db, before, limit in
            try LegacyAuditRows.accesses(db, resident: key, before: before, limit: limit)
        }
    }

    /// What `principal` did, newest first: the calls it made and the calls made on its behalf
    /// (a composed call records the person it acts for in `on_behalf_of`). Paged as ``accesses(resident:limit:before:)``.
    package func actions(principal: String, limit: Int = 0, before: Int64? = nil) async throws -> AuditPage {
        let size = try PageSize(requested: limit)
        // An empty name would match every call made on nobody's behalf.
        guard !principal.isEmpty else { return AuditPage(entries: [], nextBefore: nil) }
        return try await page(limit: size.value, before: before) { db, before, limit in
            try AuditBatchQuery.actions(db, principal: principal, before: before, limit: limit)
        } legacy: { db, before, limit in
            try LegacyAuditRows.actions(db, principal: principal, before: before, limit: limit)
        }
    }

    /// The break-the-glass calls (``AuditRecord/breakTheGlass``), newest first, for review: who
    /// read which most sensitive record outside their normal scope, and on what stated purpose.
    /// Paged as ``accesses(resident:limit:before:)``.
    package func accessesForReview(limit: Int = 0, before: Int64? = nil) async throws -> AuditPage {
        try await page(limit: limit, before: before) { db, before, limit in
            try AuditBatchQuery.accessesForReview(db, before: before, limit: limit)
        } legacy: { db, before, limit in
            try LegacyAuditRows.accessesForReview(db, before: before, limit: limit)
        }
    }

    /// One page: entries from the batches first, then (all their `seq`s being lower) from the
    /// v1/v2 rows while the page is not full; one entry more than the page tells a next page exists.
    private func page(
        limit: Int, before: Int64?, batches: @escaping @Sendable (Database, Int64, Int) throws -> [AuditEntry],
        legacy: @escaping @Sendable (Database, Int64, Int) throws -> [AuditEntry]
    ) async throws -> AuditPage {
        let size = try PageSize(requested: limit)
        let before = before ?? .max
        let entries = try await database.read { db in
            var entries = try batches(db, before, size.fetchLimit)
            if entries.count < size.fetchLimit { entries += try legacy(db, before, size.fetchLimit - entries.count) }
            return entries
        }
        let page = Array(entries.prefix(size.value))
        return AuditPage(entries: page, nextBefore: entries.count > size.value ? page.last?.seq : nil)
    }

    // MARK: Inside a transaction

    private static func setting(_ name: String, _ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM audit_settings WHERE name = ?", arguments: [name])
    }

    /// The recorded tip: records appended so far and the last row's or batch's hash (genesis when none).
    static func tip(_ db: Database) throws -> (count: Int64, hash: [UInt8]) {
        guard let text = try setting(Setting.tipCount, db), let count = Int64(text), count >= 0 else {
            throw AuditStoreError.malformedSetting(name: Setting.tipCount)
        }
        guard let text = try setting(Setting.tipHash, db), let hash = Hex.decode(text), hash.count == 32 else {
            throw AuditStoreError.malformedSetting(name: Setting.tipHash)
        }
        return (count, hash)
    }

    private static func verify(_ db: Database) throws -> AuditVerification {
        var progress = AuditCheckProgress()
        if let broken = try LegacyAuditRows.verify(db, &progress) { return broken }
        if let broken = try AuditBatchVerification.verify(db, &progress) { return broken }
        let recordCount = progress.recordCount
        // The tip catches what the records cannot show: the last ones removed, or some added after
        // it. First in the list, so that it wins over an index problem at the same seq.
        var tipProblem: (seq: Int64, problem: AuditVerification.Problem)?
        if let tip = try? Self.tip(db) {
            if tip.count > recordCount {
                tipProblem = (recordCount + 1, .rowMissing)
            } else if tip.count < recordCount {
                tipProblem = (tip.count + 1, .beyondTip)
            } else if tip.hash != progress.previous {
                tipProblem = (progress.lastSeqOrOne, .tipMismatch)
            }
        } else {
            tipProblem = (progress.lastSeqOrOne, .tipMismatch)
        }
        if let tipProblem { progress.problems.insert(tipProblem, at: 0) }
        return Self.first(progress.problems, rowCount: recordCount, tip: progress.previous)
    }

    /// The problem with the lowest `seq`, or intact when there is none.
    private static func first(
        _ problems: [(seq: Int64, problem: AuditVerification.Problem)], rowCount: Int64, tip: [UInt8]
    ) -> AuditVerification {
        guard let first = problems.min(by: { $0.seq < $1.seq }) else { return .intact(rowCount: rowCount, tipHash: Hex.encode(tip)) }
        return .broken(seq: first.seq, problem: first.problem)
    }
}
