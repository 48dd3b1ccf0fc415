import AssistanceContract
import Domain

/// Why a case does not move as asked, with the facts the clerk is told.
package enum CaseRefusal: Error, Sendable, Equatable {
    /// The action is not allowed from the case's state.
    case illegalTransition(CaseAction, from: Assistance.CaseState)
    /// The public notice (公示) runs until `end` (inclusive); approval is possible after it.
    case noticeNotOver(end: LocalDate)
    /// Objections against the case are not resolved yet.
    case openObjections(Int)
    /// The community has no minimum living standard in force for the month.
    case noStandard(CommunityCode, LocalMonth)
    /// The household no longer qualifies: per-capita income at or above the standard.
    case incomeAtOrAboveStandard(perCapita: Fen, standard: Fen)
    /// A review decided "continue unchanged" while the amount changes from the next month.
    case amountChanges(from: Fen, to: Fen)
    /// The household already has a case that is not rejected or stopped.
    case householdHasOpenCase(caseRow: Int64)
}
