/// How far ``AuditStore/verify()`` has checked the log: the `seq` the next record must have, the
/// hash the next link must carry, and the disagreements found that do not stop the walk.
///
/// It exists because the log is checked in two segments — the rows the v1/v2 schema wrote one a
/// call (``LegacyAuditRows``), then the batches (``AuditBatchVerification``) — and the second
/// continues exactly where the first ended.
struct AuditCheckProgress {
    /// The `seq` of the next record: one more than the records checked so far.
    var nextSeq: Int64 = 1
    /// The hash of the last record or batch checked (``AuditChain/genesis`` before any).
    var previous: [UInt8] = AuditChain.genesis
    /// Problems found in the indexes, reported at the lowest `seq` once the walk is done.
    var problems: [(seq: Int64, problem: AuditVerification.Problem)] = []

    var recordCount: Int64 { nextSeq - 1 }

    /// Where to report a problem that belongs to no record (a dangling index entry, the tip).
    var lastSeqOrOne: Int64 { max(recordCount, 1) }
}
