import Domain
import Foundation

/// A patrol (巡逻) of the community's joint-defence teams (群防群治) as the office keeps it.
public struct PatrolRecord: Sendable, Equatable {
    public var id: Int64
    public var community: CommunityCode
    public var route: String
    public var team: [String]
    public var startedAt: Date
    public var endedAt: Date
    public var note: String

    public init(id: Int64, community: CommunityCode, route: String, team: [String], startedAt: Date, endedAt: Date, note: String) {
        self.id = id
        self.community = community
        self.route = route
        self.team = team
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.note = note
    }
}
