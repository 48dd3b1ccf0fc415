import EmploymentContract

/// Hardship groups (困难群体) come first at equal fit, and only they may take public-welfare posts
/// (公益性岗位): members of minimum-living-allowance households (低保 members must be helped into
/// work first), the disabled, and released prisoners.
extension Employment.SeekerCategory {
    public var isHardship: Bool {
        switch self {
        case .minimumLivingAllowance, .disabled, .releasedPrisoner: return true
        default: return false
        }
    }

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
