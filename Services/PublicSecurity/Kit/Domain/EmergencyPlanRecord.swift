import Domain
import SecurityContract

/// A community's emergency plan (应急预案) and its drills as the office keeps it.
public struct EmergencyPlanRecord: Sendable, Equatable {
    public var id: Int64
    public var community: CommunityCode
    public var kind: Security.EmergencyKind
    public var title: String
    public var approvedOn: LocalDate
    public var drills: Int
    public var lastDrillOn: LocalDate?

    public init(
        id: Int64, community: CommunityCode, kind: Security.EmergencyKind, title: String, approvedOn: LocalDate, drills: Int = 0, lastDrillOn: LocalDate? = nil
    ) {
        self.id = id
        self.community = community
        self.kind = kind
        self.title = title
        self.approvedOn = approvedOn
        self.drills = drills
        self.lastDrillOn = lastDrillOn
    }

    /// A drill exercises an approved plan: not before its approval.
    public func checkDrill(on date: LocalDate) throws(EmergencyPlanRefusal) {
        guard date >= approvedOn else { throw .drillBeforeApproval(approvedOn) }
    }
}

/// Why the office refuses a drill.
public enum EmergencyPlanRefusal: Error, Sendable, Equatable {
    /// A drill dated before the plan was approved.
    case drillBeforeApproval(LocalDate)
}

/// Whether a community's preparedness is stale: its newest plan or latest drill older than the
/// policy's months (a year), or missing.
public enum PreparednessRule {
    /// Why the community's preparedness is stale on `asOf`; empty when it is not.
    public static func reasons(newestPlan: LocalDate?, lastDrill: LocalDate?, asOf: LocalDate, policy: SecurityPolicy) -> [String] {
        let cutoff = asOf.adding(months: -policy.preparednessMonths)
        var reasons: [String] = []
        if let newestPlan {
            if newestPlan < cutoff { reasons.append("plan older than \(policy.preparednessMonths) months") }
        } else {
            reasons.append("no plan")
        }
        if let lastDrill {
            if lastDrill < cutoff { reasons.append("last drill older than \(policy.preparednessMonths) months") }
        } else {
            reasons.append("no drill")
        }
        return reasons
    }
}
