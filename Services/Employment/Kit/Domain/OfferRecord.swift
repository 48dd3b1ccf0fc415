import Domain
import EmploymentContract
import Foundation

/// A post offered to a waiting seeker and the answer (不挑不拣: whether they take any suitable post).
public struct OfferRecord: Sendable, Equatable {
    public var id: Int64
    public var seekerID: Int64
    public var spellID: Int64
    public var vacancyID: Int64
    public var offeredOn: LocalDate
    public var outcome: Employment.OfferOutcome
    public var suitable: Bool
    public var reason: String
    public var recordedAt: Date
    public var releasedPromise: Bool
}
