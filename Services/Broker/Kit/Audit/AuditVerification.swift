/// The outcome of checking the audit log's hash chain (`window audit verify`).
///
/// It exists so that a check names the first place where the log and its chain disagree, which is
/// where an investigation starts, rather than just failing.
package enum AuditVerification: Sendable, Equatable, CustomStringConvertible {
    /// Every row chains to its predecessor, the resident index matches the rows, and the stored tip
    /// matches the last row. `tipHash` (hex) is worth copying somewhere the database's holders
    /// cannot write: a later check that still reaches it shows nothing before it was rewritten.
    case intact(rowCount: Int64, tipHash: String)
    /// The first `seq` at which the log disagrees with its chain, and how.
    case broken(seq: Int64, problem: Problem)

    /// How a row fails the check.
    package enum Problem: Sendable, Equatable, CustomStringConvertible {
        /// No row has this `seq`, but a later row or the tip says it was written: it was deleted.
        case rowMissing
        /// The row's `previous_hash` is not the hash of the row before it: this row's link was
        /// edited, or the row before was rewritten together with its hash.
        case previousHashMismatch
        /// The row's fields do not give its stored `hash`: a field (or the hash) was edited. For a
        /// batch, reported at its first `seq`: a record of the batch, or the hash, was edited.
        case hashMismatch
        /// A column holds a value of the wrong type (NULL, a number for text …).
        case malformedColumn(String)
        /// The resident index lacks one of the record's residents, or lists one its row or batch
        /// does not have.
        case residentIndexMismatch
        /// The principal index lacks a principal or on-behalf-of of the batch's records, or lists
        /// one the batch does not have.
        case principalIndexMismatch
        /// The review index lacks a batch holding a break-the-glass call, or lists one holding none.
        case reviewIndexMismatch
        /// The row is beyond the tip the last append recorded: it was added outside the store.
        case beyondTip
        /// The stored tip hash is not the last row's hash: the tip, or the last row, was rewritten.
        case tipMismatch

        package var description: String {
            switch self {
            case .rowMissing: "row missing"
            case .previousHashMismatch: "previous_hash is not the hash of the row before"
            case .hashMismatch: "the fields do not match the stored hash"
            case .malformedColumn(let name): "column \(name) has the wrong type"
            case .residentIndexMismatch: "the resident index does not match the records"
            case .principalIndexMismatch: "the principal index does not match the records"
            case .reviewIndexMismatch: "the break-the-glass index does not match the records"
            case .beyondTip: "row beyond the recorded tip"
            case .tipMismatch: "the recorded tip is not the last row's hash"
            }
        }
    }

    package var isIntact: Bool {
        if case .intact = self { return true }
        return false
    }

    package var description: String {
        switch self {
        case .intact(let rowCount, let tipHash): "OK: \(rowCount) rows, tip \(tipHash)"
        case .broken(let seq, let problem): "BROKEN at seq \(seq): \(problem)"
        }
    }
}
