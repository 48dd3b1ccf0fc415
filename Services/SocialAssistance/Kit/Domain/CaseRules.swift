import AssistanceContract
import Domain

/// The state machine of a minimum living allowance case (低保): apply → community review with the
/// means test → public notice (公示) → approve or reject → active → periodic review → continue,
/// adjust or stop. Pure rules; the store records each transition with who and when.
package enum CaseRules {
    /// The states `action` may start from.
    package static func allowed(_ action: CaseAction) -> Set<Assistance.CaseState> {
        switch action {
        case .apply: []
        case .review: [.applied]
        case .approve: [.underNotice]
        case .reject: [.applied, .underNotice]
        case .periodicReview, .stop: [.active]
        }
    }

    /// Throws unless `action` may start from `state`.
    package static func require(_ action: CaseAction, from state: Assistance.CaseState) throws(CaseRefusal) {
        guard allowed(action).contains(state) else { throw .illegalTransition(action, from: state) }
    }

    /// The community review: the state after the means test, and the reason when it fails.
    package static func review(
        _ state: Assistance.CaseState, means: HouseholdMeans, standard: Fen
    ) throws(CaseRefusal) -> (state: Assistance.CaseState, reason: String) {
        try require(.review, from: state)
        if means.passes(standard: standard) { return (.underNotice, "") }
        return (
            .rejected,
            "means test failed: per-capita monthly income \(means.perCapitaIncome.rawValue) fen is not below the standard \(standard.rawValue) fen"
        )
    }

    /// The notice of a case reviewed on `day`: `days` days from that day.
    package static func notice(from day: LocalDate, days: Int) -> (start: LocalDate, end: LocalDate) {
        (day, day.adding(days: max(days, 1) - 1))
    }

    /// Approval on `today`: the notice is over and no objection is open.
    package static func approve(_ state: Assistance.CaseState, noticeEnd: LocalDate?, today: LocalDate, openObjections: Int) throws(CaseRefusal) {
        try require(.approve, from: state)
        if let noticeEnd, today <= noticeEnd { throw .noticeNotOver(end: noticeEnd) }
        if openObjections > 0 { throw .openObjections(openObjections) }
    }

    /// A periodic review's decision against the means now (`amountNow`, paid this month) and
    /// from the next month (`amountNext`, with the household's reported means): the state after.
    package static func periodicReview(
        _ state: Assistance.CaseState, decision: Assistance.ReviewDecision, nextMeans: HouseholdMeans, standard: Fen, amountNow: Fen
    ) throws(CaseRefusal) -> Assistance.CaseState {
        try require(.periodicReview, from: state)
        let qualifies = nextMeans.passes(standard: standard)
        switch decision {
        case .stopAllowance:
            return .stopped
        case .continueUnchanged:
            guard qualifies else { throw .incomeAtOrAboveStandard(perCapita: nextMeans.perCapitaIncome, standard: standard) }
            let next = nextMeans.monthlyAmount(standard: standard)
            guard next == amountNow else { throw .amountChanges(from: amountNow, to: next) }
            return .active
        default:
            guard qualifies else { throw .incomeAtOrAboveStandard(perCapita: nextMeans.perCapitaIncome, standard: standard) }
            return .active
        }
    }
}
