import Domain

/// The rules of 好差评, without storage: which offices can be rated, which levels open a
/// rectification item and when it is due, and how offices and communities are ranked.
enum EvaluationRules {
    /// The offices a resident rates.
    static let offices: Set<String> = ["employment", "assistance", "health", "security"]
    /// Working days an office has to rectify after a low rating.
    static let rectificationWorkingDays = 15
    static let maximumCommentLength = 500

    /// 不满意 and 非常不满意 open a rectification item.
    static func opensRectification(level: Int) -> Bool { level >= 4 }

    /// 非常满意 and 满意 count as satisfied.
    static func isSatisfied(level: Int) -> Bool { level <= 2 }

    static func dueDate(openedOn date: LocalDate, calendar: WorkingDayCalendar) -> LocalDate {
        calendar.adding(workingDays: rectificationWorkingDays, to: date)
    }

    /// satisfied / ratings in per mille, rounded down; 0 with no ratings.
    static func perMille(satisfied: Int, of ratings: Int) -> Int {
        ratings == 0 ? 0 : satisfied * 1000 / ratings
    }

    /// Competition ranks (1, 2, 2, 4 …) by satisfied share, best first; keys with no ratings get 0
    /// and come last. Returns the keys in ranked order with their ranks.
    static func ranked(_ shares: [(key: String, ratings: Int, perMille: Int)]) -> [(key: String, rank: Int)] {
        let rated = shares.filter { $0.ratings > 0 }.sorted { ($0.perMille, $1.key) > ($1.perMille, $0.key) }
        var result: [(key: String, rank: Int)] = []
        for (index, entry) in rated.enumerated() {
            let rank = index > 0 && rated[index - 1].perMille == entry.perMille ? result[index - 1].rank : index + 1
            result.append((entry.key, rank))
        }
        result += shares.filter { $0.ratings == 0 }.map(\.key).sorted().map { ($0, 0) }
        return result
    }
}
