import Domain
import Foundation
import SecurityContract

/// A released prisoner's resettlement (安置帮教) or a community-correction (社区矫正) case as the
/// office keeps it: the most sensitive record of any office.
public struct SupervisionCaseRecord: Sendable, Equatable {
    public var id: Int64
    public var kind: Security.CaseKind
    public var idNumber: ResidentIdentityNumber
    public var name: String
    public var community: CommunityCode
    public var grid: GridCode
    public var termStart: LocalDate
    public var termEnd: LocalDate
    public var checkInIntervalDays: Int
    public var status: Security.CaseStatus
    public var openedAt: Date
    public var lastCheckIn: LocalDate?
    public var closure: Security.CaseClosure
    public var closedOn: LocalDate?
    public var closingNote: String

    public init(
        id: Int64, kind: Security.CaseKind, idNumber: ResidentIdentityNumber, name: String, community: CommunityCode, grid: GridCode,
        termStart: LocalDate, termEnd: LocalDate, checkInIntervalDays: Int, status: Security.CaseStatus = .active, openedAt: Date,
        lastCheckIn: LocalDate? = nil, closure: Security.CaseClosure = .unspecified, closedOn: LocalDate? = nil, closingNote: String = ""
    ) {
        self.id = id
        self.kind = kind
        self.idNumber = idNumber
        self.name = name
        self.community = community
        self.grid = grid
        self.termStart = termStart
        self.termEnd = termEnd
        self.checkInIntervalDays = checkInIntervalDays
        self.status = status
        self.openedAt = openedAt
        self.lastCheckIn = lastCheckIn
        self.closure = closure
        self.closedOn = closedOn
        self.closingNote = closingNote
    }

    /// The check-in periods of the case's term.
    public var schedule: CheckInSchedule {
        CheckInSchedule(termStart: termStart, termEnd: termEnd, intervalDays: checkInIntervalDays)
    }
}
