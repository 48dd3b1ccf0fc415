import Domain
import EmploymentContract
import Foundation

/// A recognition of employment difficulty (就业困难人员认定) as staff recorded it: on what ground,
/// on what evidence, who decided, and until when it holds (or when it was revoked).
public struct HardshipRecognitionRecord: Sendable, Equatable {
    public var id: Int64
    public var ground: Employment.HardshipGround
    public var evidence: String
    public var decidedBy: String
    public var decidedAt: Date
    public var validUntil: LocalDate
    public var revokedAt: Date?

    public init(
        id: Int64, ground: Employment.HardshipGround, evidence: String, decidedBy: String, decidedAt: Date, validUntil: LocalDate, revokedAt: Date? = nil
    ) {
        self.id = id
        self.ground = ground
        self.evidence = evidence
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
        self.validUntil = validUntil
        self.revokedAt = revokedAt
    }

    /// Holds on `day`: not revoked, and `day` is not after its last day.
    public func holds(on day: LocalDate) -> Bool { revokedAt == nil && day <= validUntil }
}
