/// Which days are working days where the offices are: Monday to Friday, except the public holidays
/// the State Council announces each year, plus the weekend days it makes working days in exchange
/// (调休上班).
///
/// It exists because deadlines such as "rectified within 15 working days" (好差评整改) are counted in
/// working days, and a week-based count is wrong around every Spring Festival and National Day. The
/// calendar is data: an operator loads each year's notice (see `deploy/calendar.json`); with no
/// entries it is the plain Monday-to-Friday calendar.
public struct WorkingDayCalendar: Sendable, Hashable, Codable {
    /// Days off that would otherwise be working days (法定节假日).
    public let holidays: Set<LocalDate>
    /// Weekend days worked in exchange for a holiday (调休上班日).
    public let makeUpWorkingDays: Set<LocalDate>

    public init(holidays: Set<LocalDate> = [], makeUpWorkingDays: Set<LocalDate> = []) throws(WorkingDayCalendarError) {
        if let both = holidays.intersection(makeUpWorkingDays).min() { throw .holidayAndWorkingDay(both) }
        self.holidays = holidays
        self.makeUpWorkingDays = makeUpWorkingDays
    }

    /// Monday to Friday, no holidays.
    public static let weekdays = try! WorkingDayCalendar()

    public func isWorkingDay(_ date: LocalDate) -> Bool {
        if makeUpWorkingDays.contains(date) { return true }
        if holidays.contains(date) { return false }
        return date.isWorkingDay
    }

    /// The date `count` working days after `date` (never counting `date` itself); `count` ≥ 0.
    /// Day by day: holidays cluster, and counts here are small (tens of days).
    public func adding(workingDays count: Int, to date: LocalDate) -> LocalDate {
        var result = date
        var left = max(count, 0)
        while left > 0 {
            result = result.adding(days: 1)
            if isWorkingDay(result) { left -= 1 }
        }
        return result
    }

    private enum CodingKeys: String, CodingKey {
        case holidays
        case makeUpWorkingDays = "make_up_working_days"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            holidays: try container.decodeIfPresent(Set<LocalDate>.self, forKey: .holidays) ?? [],
            makeUpWorkingDays: try container.decodeIfPresent(Set<LocalDate>.self, forKey: .makeUpWorkingDays) ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(holidays.sorted(), forKey: .holidays)
        try container.encode(makeUpWorkingDays.sorted(), forKey: .makeUpWorkingDays)
    }
}

/// Why a working-day calendar was refused.
public enum WorkingDayCalendarError: Error, Hashable, CustomStringConvertible {
    /// The same date is listed both as a holiday and as a make-up working day.
    case holidayAndWorkingDay(LocalDate)

    public var description: String {
        switch self {
        case .holidayAndWorkingDay(let date): "\(date) is listed both as a holiday and as a make-up working day"
        }
    }
}
