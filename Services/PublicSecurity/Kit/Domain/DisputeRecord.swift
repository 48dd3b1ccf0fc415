import Domain
import SecurityContract

/// A party to a dispute: a name and, when known, an ID number.
public struct DisputePartyRecord: Sendable, Equatable {
    public var name: String
    public var idNumber: ResidentIdentityNumber?

    public init(name: String, idNumber: ResidentIdentityNumber?) {
        self.name = name
        self.idNumber = idNumber
    }
}

/// A dispute under screening and mediation (矛盾纠纷排查调处) as the office keeps it.
public struct DisputeRecord: Sendable, Equatable {
    public var id: Int64
    public var community: CommunityCode
    public var grid: GridCode
    public var kind: Security.DisputeKind
    public var parties: [DisputePartyRecord]
    public var summary: String
    public var reportedOn: LocalDate
    public var status: Security.DisputeStatus
    public var sessions: Int
    public var lastSessionOn: LocalDate?
    public var closedOn: LocalDate?
    public var outcomeNote: String

    public init(
        id: Int64, community: CommunityCode, grid: GridCode, kind: Security.DisputeKind, parties: [DisputePartyRecord], summary: String,
        reportedOn: LocalDate, status: Security.DisputeStatus = .open, sessions: Int = 0, lastSessionOn: LocalDate? = nil, closedOn: LocalDate? = nil,
        outcomeNote: String = ""
    ) {
        self.id = id
        self.community = community
        self.grid = grid
        self.kind = kind
        self.parties = parties
        self.summary = summary
        self.reportedOn = reportedOn
        self.status = status
        self.sessions = sessions
        self.lastSessionOn = lastSessionOn
        self.closedOn = closedOn
        self.outcomeNote = outcomeNote
    }

    /// Days open by `asOf` (0 on the day of the report).
    public func age(asOf: LocalDate) -> Int { max(0, asOf.days(from: reportedOn)) }

    /// Open longer than the policy allows by `asOf`.
    public func isOverdue(asOf: LocalDate, policy: SecurityPolicy) -> Bool {
        status == .open && age(asOf: asOf) > policy.disputeMaxOpenDays
    }

    /// A session is held on an open dispute, not before its report.
    public func checkMediation(on date: LocalDate) throws(DisputeRefusal) {
        guard status == .open else { throw .closed(status) }
        guard date >= reportedOn else { throw .beforeReport(reportedOn) }
    }

    /// An outcome closes an open dispute, not before its report.
    public func checkOutcome(on date: LocalDate) throws(DisputeRefusal) {
        guard status == .open else { throw .closed(status) }
        guard date >= reportedOn else { throw .beforeReport(reportedOn) }
    }
}

/// Why the office refuses a change to a dispute.
public enum DisputeRefusal: Error, Sendable, Equatable {
    /// The dispute already has its outcome.
    case closed(Security.DisputeStatus)
    /// A date before the dispute was reported.
    case beforeReport(LocalDate)
}
