import AssistanceContract

/// Why an objection (异议) is not filed or resolved.
package enum ObjectionRefusal: Error, Sendable, Equatable {
    /// Objections are filed against cases on public notice only.
    case caseNotOnNotice(Assistance.CaseState)
    /// The objection has been resolved already.
    case alreadyResolved
}
