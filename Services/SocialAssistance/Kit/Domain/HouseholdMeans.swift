import AssistanceContract
import Domain

/// What the means test (家庭经济状况核对) looks at: how many members, their total monthly income,
/// and the household's category. The one rounding rule of the office lives here.
package struct HouseholdMeans: Sendable, Equatable {
    /// The household's category for the allowance (分类施保); it sets the review cadence.
    package enum Category: Sendable, Equatable {
        /// Nobody can work: reviewed yearly.
        case noWorkCapacity
        /// Someone can work partly or is seriously ill, nobody fully: half-yearly.
        case partialOrIll
        /// Someone can work fully: quarterly.
        case ableBodied

        /// The category of members with these capacities and illnesses: the most frequent
        /// review any member calls for.
        package init(_ members: [(capacity: Assistance.WorkCapacity, seriousIllness: Bool)]) {
            if members.contains(where: { $0.capacity == .fullWorkCapacity }) {
                self = .ableBodied
            } else if members.contains(where: { $0.capacity == .partialWorkCapacity || $0.seriousIllness }) {
                self = .partialOrIll
            } else {
                self = .noWorkCapacity
            }
        }
    }

    package var members: Int
    package var totalIncome: Fen
    package var category: Category

    package init(members: Int, totalIncome: Fen, category: Category = .noWorkCapacity) {
        self.members = members
        self.totalIncome = totalIncome
        self.category = category
    }

    /// Per-capita monthly income: the total divided by the members, rounded down to the fen
    /// (in the household's favour). The office's only rounding.
    package var perCapitaIncome: Fen {
        members > 0 ? Fen(totalIncome.rawValue / Int64(members)) : totalIncome
    }

    /// Whether the household qualifies against `standard`: per-capita income below it.
    package func passes(standard: Fen) -> Bool {
        members > 0 && perCapitaIncome < standard
    }

    /// The monthly allowance (救济金) against `standard`: (standard − per-capita income) ×
    /// members in fen; zero when the household does not qualify.
    package func monthlyAmount(standard: Fen) -> Fen {
        passes(standard: standard) ? (standard - perCapitaIncome) * members : .zero
    }
}
