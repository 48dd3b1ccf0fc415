/// The broker's audit log: the store (queries, resident keys, verification) and the writer that
/// appends off the event loop. Every call the broker answers is recorded — who, with which
/// roles, which method, why, which residents, the status and the duration — through the loop's
/// ``AuditStage``.
package struct AuditLog: Sendable {
    package let store: AuditStore
    package let writer: AuditWriter

    package init(store: AuditStore, writer: AuditWriter) {
        self.store = store
        self.writer = writer
    }
}
