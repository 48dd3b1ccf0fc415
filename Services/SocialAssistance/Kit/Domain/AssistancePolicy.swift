/// The figures the social assistance office works to, from the policy texts (seed 003 十二/十八,
/// DOMAIN.md "Social assistance"), as configuration with those defaults.
package struct AssistancePolicy: Sendable, Equatable {
    /// Public notice (公示) of at least 7 days: the first day and the 6 after it.
    package var noticeDays = 7
    /// Periodic review (动态管理): no work capacity yearly, partial capacity or serious illness
    /// half-yearly, able-bodied quarterly (months between reviews).
    package var reviewMonthsNoWorkCapacity = 12
    package var reviewMonthsPartialOrIll = 6
    package var reviewMonthsAbleBodied = 3
    /// Members a household may have.
    package var maxMembers = 30
    /// Events shown with a case (the latest).
    package var historyShown = 100
    /// Cases paid per transaction of the payment run: a crash loses at most one batch of work,
    /// never pays twice.
    package var paymentBatchSize = 2000
    /// A care doorbell (爱心门铃) alarm not acknowledged within this many minutes is escalated.
    package var alarmEscalationMinutes = 10
    /// Registered volunteers should be at least 1% of the population: per 10,000 residents.
    package var volunteerTargetPerTenThousand = 100
    /// "No visit in the last N days" when the request gives no N.
    package var defaultNoVisitDays = 30

    package init() {}

    /// Months from one review to the next for a household of `category`.
    package func reviewMonths(_ category: HouseholdMeans.Category) -> Int {
        switch category {
        case .noWorkCapacity: reviewMonthsNoWorkCapacity
        case .partialOrIll: reviewMonthsPartialOrIll
        case .ableBodied: reviewMonthsAbleBodied
        }
    }
}
