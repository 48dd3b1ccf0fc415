import Foundation

// Working-hour arithmetic beside the working-day calendar (`LocalDate+WorkingDays`): a deadline
// counted in hours that only run on working days (Monday to Friday, whole days, in the given
// time zone), for promises whose policy says "working hours" rather than clock hours.
extension Date {
    /// The instant `hours` working hours after this one: time on Saturdays and Sundays does not
    /// count, so Friday 20:00 + 48 working hours is Tuesday 20:00. Holidays are not known.
    public func addingWorkingHours(_ hours: Int64, in timeZone: TimeZone = LocalDate.shanghai) -> Date {
        var left = TimeInterval(hours * 3600)
        var instant = self
        while left > 0 {
            let day = LocalDate(instant, in: timeZone)
            let nextDay = day.adding(days: 1).startOfDay(in: timeZone)
            guard day.isWorkingDay else {
                instant = nextDay
                continue
            }
            let available = nextDay.timeIntervalSince(instant)
            if left <= available { return instant.addingTimeInterval(left) }
            left -= available
            instant = nextDay
        }
        return instant
    }
}
