import Domain

/// What the payment run (救济金发放) does for one payable case in a month: pay the amount the
/// means and standard in force for that month give, or record why nothing is paid.
package enum MonthlyPayment: Sendable, Equatable {
    /// Pay `amount` ((standard − per-capita income) × members).
    case pay(amount: Fen, perCapita: Fen, standard: Fen, members: Int)
    /// The community has no standard in force for the month.
    case withoutStandard
    /// The household's per-capita income is not below the standard: nothing is due.
    case nothingDue

    /// The outcome for a household with `means` (in force for the month) against `standard`.
    package static func compute(means: HouseholdMeans?, standard: Fen?) -> MonthlyPayment {
        guard let standard else { return .withoutStandard }
        guard let means else { return .nothingDue }
        let amount = means.monthlyAmount(standard: standard)
        guard amount > .zero else { return .nothingDue }
        return .pay(amount: amount, perCapita: means.perCapitaIncome, standard: standard, members: means.members)
    }
}
