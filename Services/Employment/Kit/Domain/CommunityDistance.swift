import Domain
import EmploymentContract

/// How far apart two communities are, from their statistical division codes: the same community,
/// the same street (街道/乡镇), the same district (区/县), or farther. Used to prefer posts near home.
public enum CommunityDistance: Int, Sendable, Comparable {
    case sameCommunity = 0
    case sameStreet = 1
    case sameDistrict = 2
    case farther = 3

    public init(_ a: CommunityCode, _ b: CommunityCode) {
        if a == b {
            self = .sameCommunity
        } else if a.townshipCode == b.townshipCode {
            self = .sameStreet
        } else if a.countyCode == b.countyCode {
            self = .sameDistrict
        } else {
            self = .farther
        }
    }

    public static func < (lhs: CommunityDistance, rhs: CommunityDistance) -> Bool { lhs.rawValue < rhs.rawValue }

    public var label: String {
        switch self {
        case .sameCommunity: return "same community"
        case .sameStreet: return "same street"
        case .sameDistrict: return "same district"
        case .farther: return "other district"
        }
    }
}
