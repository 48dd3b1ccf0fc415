import Domain
import EmploymentContract
import Foundation

/// A registered job seeker (求职登记) as the office keeps it: the person, and their current (or
/// latest) spell of unemployment. Earlier spells are kept in the spells table.
public struct JobSeekerRecord: Sendable, Equatable {
    public var id: Int64
    public var idNumber: ResidentIdentityNumber
    public var name: String
    public var community: CommunityCode
    public var grid: GridCode
    public var category: Employment.SeekerCategory
    public var skills: [String]
    public var wishes: String
    public var acceptsPromise: Bool
    public var status: Employment.SeekerStatus
    /// When the current spell opened.
    public var registeredAt: Date
    public var placedAt: Date?
    public var placedVacancyID: Int64?
    public var phone: String
    /// The household (户) the seeker belongs to, for zero-employment households; may be empty.
    public var householdID: String = ""
    /// The current spell: its row, its number for the person (1, 2, …), and how it stands.
    public var spell = SpellState()
    /// The latest recognition of employment difficulty, valid or not.
    public var recognition: HardshipRecognitionRecord?

    /// Recognised as a person with employment difficulty on `day` (就业困难人员认定): the only
    /// thing that opens public-welfare posts and gives hardship priority. The category alone,
    /// as the seeker declared it, does not.
    public func isHardship(on day: LocalDate) -> Bool { recognition?.holds(on: day) ?? false }

    /// The end of the 48-hour promise of the current spell, when the seeker accepted it.
    public var promiseDeadline: Date? { spell.promiseDeadline }
}

/// Where a seeker's current spell of unemployment stands.
public struct SpellState: Sendable, Equatable {
    public var id: Int64 = 0
    public var number: Int = 1
    public var promiseDeadline: Date?
    public var promise: PromiseOutcome = .none
    public var closedAt: Date?
    public var end: Employment.SpellEnd = .unspecified
    public var endNote: String = ""
    public var startDate: LocalDate?
    public var offersRefused: Int = 0

    public init(
        id: Int64 = 0, number: Int = 1, promiseDeadline: Date? = nil, promise: PromiseOutcome = .none, closedAt: Date? = nil,
        end: Employment.SpellEnd = .unspecified, endNote: String = "", startDate: LocalDate? = nil, offersRefused: Int = 0
    ) {
        self.id = id
        self.number = number
        self.promiseDeadline = promiseDeadline
        self.promise = promise
        self.closedAt = closedAt
        self.end = end
        self.endNote = endNote
        self.startDate = startDate
        self.offersRefused = offersRefused
    }
}
