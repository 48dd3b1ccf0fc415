import Domain
import EmploymentContract
import Foundation

@testable import EmploymentKit

/// Calls the employment tests make for spells and hardship recognition.
extension EmploymentFixture {
    /// Ends the seeker's spell with `reason` (and `note`, required for `.other`).
    @discardableResult
    func withdraw(_ seekerID: String, _ reason: Employment.SpellEnd, note: String = "") async throws -> Employment.JobSeeker {
        try await call("WithdrawJobSeeker", Employment.WithdrawJobSeekerRequest(seekerId: seekerID, note: note, reason: reason))
    }

    /// Staff recognise the seeker with employment difficulty (低保 member, on a certificate) for a year.
    @discardableResult
    func recognise(_ seekerID: String, ground: Employment.HardshipGround = .minimumLivingAllowance, days: Int = 365) async throws
        -> Employment.JobSeeker
    {
        try await call(
            "RecognizeHardship",
            Employment.RecognizeHardshipRequest(
                seekerId: seekerID, ground: ground, evidence: "低保证 2026-0012", validUntil: LocalDateText.days(days, after: clock.now)))
    }
}

/// Local dates as the wire writes them, relative to the fixture's clock.
enum LocalDateText {
    static func days(_ count: Int, after instant: Date) -> String {
        LocalDate(instant).adding(days: count).description
    }
}
