import Domain

/// Why the office refuses to record an offer, with the facts.
public enum OfferRefusal: Error, Sendable, Equatable {
    /// Offers are made to waiting seekers only.
    case seekerNotWaiting
    /// The offer date lies outside the current spell (before it opened, or after today).
    case offeredOnOutOfRange(earliest: LocalDate, latest: LocalDate)
    /// A public-welfare post offered to a seeker without a recognition of employment difficulty.
    case reservedForHardship
}
