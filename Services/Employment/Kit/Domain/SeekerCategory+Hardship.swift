import EmploymentContract

/// The categories a seeker declares at registration. A category never makes a seeker a hardship
/// case by itself: that takes a recognition (`HardshipRecognitionRecord`) recorded by staff.
extension Employment.SeekerCategory {
    /// The category in the office's own words, for messages.
    public var label: String {
        switch self {
        case .unspecified: return "unspecified"
        case .laidOff: return "laid-off worker (下岗职工)"
        case .unemployed: return "unemployed (失业人员)"
        case .graduate: return "graduate (高校毕业生)"
        case .migrantWorker: return "migrant worker (农民工)"
        case .releasedPrisoner: return "released prisoner (刑满释放人员)"
        case .minimumLivingAllowance: return "member of a 低保 household"
        case .disabled: return "disabled (残疾人)"
        case .other: return "other"
        }
    }
}

extension Employment.SeekerCategory {
    /// The recognition ground staff usually find for a seeker of this category, when there is
    /// one: what the demo data recognises (the office itself never recognises by category).
    public var usualHardshipGround: Employment.HardshipGround? {
        switch self {
        case .minimumLivingAllowance: return .minimumLivingAllowance
        case .disabled: return .disabled
        case .releasedPrisoner: return .releasedPrisoner
        default: return nil
        }
    }
}
