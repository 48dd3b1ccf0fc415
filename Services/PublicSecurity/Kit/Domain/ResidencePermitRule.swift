import Domain

/// Residence-permit eligibility (居住证): a member of the floating population may apply once
/// registered without a break for the policy's months (default six) and still residing. A run of
/// registrations is unbroken when each begins within `continuityGapDays` of the previous one's
/// departure (a re-registration after moving flat inside the district is no break).
public enum ResidencePermitRule {
    /// One stay: arrival and, once over, departure.
    public struct Stay: Sendable, Equatable {
        public let arrival: LocalDate
        public let departure: LocalDate?

        public init(arrival: LocalDate, departure: LocalDate?) {
            self.arrival = arrival
            self.departure = departure
        }
    }

    /// What the rule decided, with the dates that explain it.
    public struct Verdict: Sendable, Equatable {
        public let eligible: Bool
        /// First day of the unbroken run that includes `asOf`; nil when the resident does not reside on `asOf`.
        public let continuousSince: LocalDate?
        /// Days from `continuousSince` to `asOf` (0 when not residing).
        public let continuousDays: Int
        /// `continuousSince` plus the required months; nil when not residing.
        public let eligibleFrom: LocalDate?
    }

    /// - Parameter stays: the resident's registrations, in any order.
    public static func evaluate(_ stays: [Stay], asOf: LocalDate, policy: SecurityPolicy) -> Verdict {
        let ordered = stays.filter { $0.arrival <= asOf }.sorted { $0.arrival > $1.arrival }
        // The stay covering asOf: arrived by then and not departed before it.
        guard let current = ordered.first(where: { $0.departure.map { $0 >= asOf } ?? true }) else {
            return Verdict(eligible: false, continuousSince: nil, continuousDays: 0, eligibleFrom: nil)
        }
        var since = current.arrival
        for stay in ordered where stay.arrival < since {
            guard let left = stay.departure, left.adding(days: policy.continuityGapDays) >= since else { break }
            since = stay.arrival
        }
        let eligibleFrom = since.adding(months: policy.residencePermitMonths)
        return Verdict(eligible: asOf >= eligibleFrom, continuousSince: since, continuousDays: asOf.days(from: since), eligibleFrom: eligibleFrom)
    }
}
