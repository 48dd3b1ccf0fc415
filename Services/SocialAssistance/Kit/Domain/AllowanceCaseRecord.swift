import AssistanceContract
import Domain
import Foundation

/// A minimum living allowance case (最低生活保障, 低保) as the office keeps it.
package struct AllowanceCaseRecord: Sendable, Equatable {
    package var id: Int64
    package var householdID: Int64
    package var community: CommunityCode
    package var grid: GridCode
    package var state: Assistance.CaseState
    package var appliedAt: Date
    package var noticeStart: LocalDate?
    package var noticeEnd: LocalDate?
    /// The first and last months paid (nil: not approved / not stopped).
    package var firstPaidMonth: LocalMonth?
    package var lastPaidMonth: LocalMonth?
    package var nextReview: LocalDate?
    package var reason: String

    package init(
        id: Int64, householdID: Int64, community: CommunityCode, grid: GridCode, state: Assistance.CaseState, appliedAt: Date,
        noticeStart: LocalDate? = nil, noticeEnd: LocalDate? = nil, firstPaidMonth: LocalMonth? = nil, lastPaidMonth: LocalMonth? = nil,
        nextReview: LocalDate? = nil, reason: String = ""
    ) {
        self.id = id
        self.householdID = householdID
        self.community = community
        self.grid = grid
        self.state = state
        self.appliedAt = appliedAt
        self.noticeStart = noticeStart
        self.noticeEnd = noticeEnd
        self.firstPaidMonth = firstPaidMonth
        self.lastPaidMonth = lastPaidMonth
        self.nextReview = nextReview
        self.reason = reason
    }

    /// Whether the case is paid for `month`: approved by then and not stopped before it.
    package func isPayable(in month: LocalMonth) -> Bool {
        guard let first = firstPaidMonth, first <= month else { return false }
        return lastPaidMonth.map { month <= $0 } ?? true
    }
}
