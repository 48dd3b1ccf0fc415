import Domain
import Foundation
import SecurityContract

/// An incident in a community (治安事件) as the office keeps it; a serious one counts against the
/// community's safe-community status for the rule's window.
public struct IncidentRecord: Sendable, Equatable {
    public var id: Int64
    public var community: CommunityCode
    public var grid: GridCode
    public var kind: Security.IncidentKind
    public var serious: Bool
    public var place: String
    public var occurredAt: Date
    public var handledAt: Date?
    public var note: String
    public var handlingNote: String

    public init(
        id: Int64, community: CommunityCode, grid: GridCode, kind: Security.IncidentKind, serious: Bool, place: String, occurredAt: Date,
        handledAt: Date? = nil, note: String, handlingNote: String = ""
    ) {
        self.id = id
        self.community = community
        self.grid = grid
        self.kind = kind
        self.serious = serious
        self.place = place
        self.occurredAt = occurredAt
        self.handledAt = handledAt
        self.note = note
        self.handlingNote = handlingNote
    }

    /// An incident is dealt with once.
    public func checkHandling() throws(IncidentRefusal) {
        if handledAt != nil { throw .alreadyHandled }
    }
}

/// Why the office refuses a change to an incident.
public enum IncidentRefusal: Error, Sendable, Equatable {
    /// The incident has already been dealt with.
    case alreadyHandled
}
