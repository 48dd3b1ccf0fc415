/// A page of audit entries, newest first, and where the next (older) page starts.
///
/// It exists so that `window audit resident` and `window audit principal` can list a long history
/// in bounded pages: pass ``nextBefore`` back as `before` to continue.
package struct AuditPage: Sendable, Hashable {
    /// At most the requested number of entries, in descending `seq`.
    package let entries: [AuditEntry]
    /// The `before` value for the next page; nil when this page is the last.
    package let nextBefore: Int64?

    package init(entries: [AuditEntry], nextBefore: Int64?) {
        self.entries = entries
        self.nextBefore = nextBefore
    }
}
