import EmploymentContract

/// What an ending of a spell of unemployment says about the person: whether they now have work
/// or have left (the spell no longer counts against the unemployment-free rule), and its words.
extension Employment.SpellEnd {
    /// Placed, self-employed, moved away or deceased: the person has work or has left. "No
    /// longer seeking" and "other" say neither, so such a spell still counts in its period.
    public var personHasWorkOrLeft: Bool {
        switch self {
        case .placed, .selfEmployed, .movedAway, .deceased: return true
        default: return false
        }
    }

    /// The endings WithdrawJobSeeker accepts (a placement is recorded with RecordPlacement).
    public var isWithdrawal: Bool {
        switch self {
        case .selfEmployed, .movedAway, .noLongerSeeking, .deceased, .other: return true
        default: return false
        }
    }
}
