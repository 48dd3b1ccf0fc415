import Domain

/// When a person under supervision must report (报到): one check-in in every period of
/// `intervalDays` days from the first day of the term, the last period cut at the term's end.
/// A period is missed when it has ended before the day judged by and holds no check-in that
/// keeps it (present, late, or excused leave); a period still running is never missed.
public struct CheckInSchedule: Sendable, Equatable {
    public let termStart: LocalDate
    public let termEnd: LocalDate
    /// At least 1.
    public let intervalDays: Int

    public init(termStart: LocalDate, termEnd: LocalDate, intervalDays: Int) {
        self.termStart = termStart
        self.termEnd = termEnd
        self.intervalDays = max(1, intervalDays)
    }

    /// One check-in period: its first and last day.
    public struct Period: Sendable, Equatable {
        public let start: LocalDate
        public let end: LocalDate
    }

    /// The periods that ended before `asOf`, in order.
    public func endedPeriods(asOf: LocalDate) -> [Period] {
        var periods: [Period] = []
        var start = termStart
        while start <= termEnd {
            let end = min(start.adding(days: intervalDays - 1), termEnd)
            guard end < asOf else { break }
            periods.append(Period(start: start, end: end))
            start = end.adding(days: 1)
        }
        return periods
    }

    /// The periods ended before `asOf` with no check-in on any of `keptDates` (the dates of the
    /// check-ins whose outcome keeps a period), oldest first.
    public func missedPeriods(keptDates: [LocalDate], asOf: LocalDate) -> [Period] {
        let kept = keptDates.sorted()
        var next = 0
        var missed: [Period] = []
        for period in endedPeriods(asOf: asOf) {
            while next < kept.count && kept[next] < period.start { next += 1 }
            if next < kept.count && kept[next] <= period.end { continue }
            missed.append(period)
        }
        return missed
    }
}
