import Domain
import Foundation
import SecurityContract

/// One check-in (报到) of a person under supervision, with its outcome.
public struct CheckInRecord: Sendable, Equatable {
    public var id: Int64
    public var caseID: Int64
    public var date: LocalDate
    public var outcome: Security.CheckInOutcome
    public var note: String
    public var recordedAt: Date

    public init(id: Int64, caseID: Int64, date: LocalDate, outcome: Security.CheckInOutcome, note: String, recordedAt: Date) {
        self.id = id
        self.caseID = caseID
        self.date = date
        self.outcome = outcome
        self.note = note
        self.recordedAt = recordedAt
    }
}

extension Security.CheckInOutcome {
    /// Whether a check-in with this outcome keeps its period (present, late, or excused leave).
    public var keepsPeriod: Bool {
        switch self {
        case .present, .late, .excused: return true
        case .absent, .unspecified: return false
        }
    }
}
