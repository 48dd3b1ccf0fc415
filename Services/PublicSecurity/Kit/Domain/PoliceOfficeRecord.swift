import Domain
import Foundation

/// A community police office (社区警务室) as the office keeps it: one per community.
public struct PoliceOfficeRecord: Sendable, Equatable {
    public var community: CommunityCode
    public var address: String
    public var phone: String
    public var openedAt: Date

    public init(community: CommunityCode, address: String, phone: String, openedAt: Date) {
        self.community = community
        self.address = address
        self.phone = phone
        self.openedAt = openedAt
    }
}

/// A community police officer (社区民警) assigned to an office.
public struct OfficerRecord: Sendable, Equatable {
    /// The force's staff id.
    public var officerID: String
    public var community: CommunityCode
    public var name: String
    public var phone: String
    public var assignedOn: LocalDate

    public init(officerID: String, community: CommunityCode, name: String, phone: String, assignedOn: LocalDate) {
        self.officerID = officerID
        self.community = community
        self.name = name
        self.phone = phone
        self.assignedOn = assignedOn
    }
}

/// Why the office refuses a change to a community police office or its officers.
public enum PoliceOfficeRefusal: Error, Sendable, Equatable {
    /// The community already has its office.
    case alreadyOpen
    /// The office already has as many officers as allowed.
    case officersFull(limit: Int)
    /// The officer already serves this office.
    case alreadyAssigned
    /// The officer serves another community's office (一室一警: one office each).
    case servesAnotherCommunity(CommunityCode)
    /// The officer does not serve this office.
    case notAssigned

    /// An officer joins an office with room, once, and serves one community.
    public static func checkAssign(
        _ officerID: String, to community: CommunityCode, officers: [OfficerRecord], elsewhere: CommunityCode?, policy: SecurityPolicy
    )
        throws(PoliceOfficeRefusal)
    {
        if officers.contains(where: { $0.officerID == officerID }) { throw .alreadyAssigned }
        if let elsewhere, elsewhere != community { throw .servesAnotherCommunity(elsewhere) }
        guard officers.count < policy.maxOfficersPerOffice else { throw .officersFull(limit: policy.maxOfficersPerOffice) }
    }
}
