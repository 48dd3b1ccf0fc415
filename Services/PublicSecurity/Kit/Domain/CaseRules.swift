import Domain
import SecurityContract

/// The rules about supervision cases as they stand: checked inside the write transaction, each
/// refusal a `CaseRefusal`.
extension SupervisionCaseRecord {
    /// A helper may join an active case with room for one more, once per name and role.
    public func checkHelper(name: String, role: Security.HelperRole, existing: [CaseHelperRecord], policy: SecurityPolicy) throws(CaseRefusal) {
        guard status == .active else { throw .closed }
        guard existing.count < policy.maxHelpersPerCase else { throw .tooManyHelpers(limit: policy.maxHelpersPerCase) }
        if existing.contains(where: { $0.name == name && $0.role == role }) { throw .helperAlreadyAssigned }
    }

    /// A check-in is recorded on an active case, dated within its term.
    public func checkCheckIn(on date: LocalDate) throws(CaseRefusal) {
        guard status == .active else { throw .closed }
        guard termStart <= date && date <= termEnd else { throw .checkInOutsideTerm(termStart: termStart, termEnd: termEnd) }
    }

    /// An active case closes on or after its first day; as completed only once its term is over.
    public func checkClose(_ closure: Security.CaseClosure, on date: LocalDate) throws(CaseRefusal) {
        guard status == .active else { throw .closed }
        guard date >= termStart else { throw .closedBeforeTermStart(termStart) }
        if closure == .termCompleted && date < termEnd { throw .termNotCompleted(termEnd: termEnd) }
    }
}
