import Domain
import EmploymentContract

/// Whether a placement (上岗) may be recorded: checked inside the write transaction, against the
/// rows as they are at that moment, so concurrent placements can never over-fill a vacancy.
public enum PlacementRules {
    public static func check(seeker: JobSeekerRecord, vacancy: VacancyRecord, startDate: LocalDate, today: LocalDate, policy: EmploymentPolicy)
        throws(PlacementRefusal)
    {
        // The work cannot start before the spell opened, nor long before today (backdating), nor
        // absurdly far ahead.
        let opened = max(LocalDate(seeker.registeredAt), today.adding(days: -policy.maxStartDaysBehind))
        let latest = today.adding(days: policy.maxStartDaysAhead)
        if seeker.status == .waiting && (startDate < opened || startDate > latest) {
            throw .startDateOutOfRange(earliest: opened, latest: latest)
        }
        var reasons: [PlacementRefusal.Reason] = []
        switch seeker.status {
        case .waiting: break
        case .placed: reasons.append(.seekerAlreadyPlaced)
        default: reasons.append(.seekerWithdrawn)
        }
        switch vacancy.status {
        case .open where vacancy.openPositions > 0: break
        case .open, .filled: reasons.append(.vacancyFilled(positions: vacancy.positions))
        default: reasons.append(.vacancyClosed)
        }
        if !Matching.isEligible(seeker, for: vacancy, on: today) {
            reasons.append(.reservedForHardship(seekerCategory: seeker.category))
        }
        guard reasons.isEmpty else { throw .refused(reasons) }
    }
}
