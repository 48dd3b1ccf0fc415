/// A programme's control rate (控制率) in a community: of the enrolled residents followed up at
/// least once, the share within the targets at their last follow-up, in per mille.
struct ControlRate: Sendable, Equatable {
    let enrolled: Int
    let followedUp: Int
    let controlled: Int
    let overdue: Int

    /// controlled / followed up, ‰, rounded down; 0 when nobody was followed up.
    var perMille: Int { followedUp == 0 ? 0 : controlled * 1000 / followedUp }
}
