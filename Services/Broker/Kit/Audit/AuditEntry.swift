/// One row of the audit log as a query returns it: its place in the chain and the record.
///
/// It exists so that a page of results can be continued from the `seq` of its last entry.
package struct AuditEntry: Sendable, Hashable {
    /// The row's position in the log: 1, 2, 3 … with no gaps.
    package let seq: Int64
    package let record: AuditRecord

    package init(seq: Int64, record: AuditRecord) {
        self.seq = seq
        self.record = record
    }
}
