import Domain
import EmploymentContract

/// Offers and the promise: refusing the policy's number of suitable offers releases the office
/// from the seeker's 48-hour promise ("不挑不拣" not met), counted apart from kept and broken.
public enum OfferRules {
    public static func check(seeker: JobSeekerRecord, vacancy: VacancyRecord, offeredOn: LocalDate, today: LocalDate) throws(OfferRefusal) {
        guard seeker.status == .waiting else { throw .seekerNotWaiting }
        let opened = LocalDate(seeker.registeredAt)
        guard offeredOn >= opened && offeredOn <= today else { throw .offeredOnOutOfRange(earliest: opened, latest: today) }
        guard Matching.isEligible(seeker, for: vacancy, on: today) else { throw .reservedForHardship }
    }

    /// Whether this answer releases the promise: a refusal of a suitable post that brings the
    /// spell's suitable refusals to the policy's number, while the promise is still open.
    public static func releasesPromise(
        seeker: JobSeekerRecord, outcome: Employment.OfferOutcome, suitable: Bool, policy: EmploymentPolicy
    ) -> Bool {
        outcome == .refused && suitable && seeker.spell.promise == .open && seeker.spell.offersRefused + 1 >= policy.refusalsToRelease
    }
}
