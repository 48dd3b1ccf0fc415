extension LocalDate {
    /// The same day `months` calendar months later (earlier when negative), clamped to the last
    /// day of a shorter month: 2026-08-31 plus 6 months is 2027-02-28. Rules stated in months
    /// ("six months of continuous registration") count this way.
    ///
    /// - Precondition: the result lies in `supportedYears` (like `adding(days:)`).
    public func adding(months: Int) -> LocalDate {
        let zeroBased = year * 12 + (month - 1) + months
        let newYear = zeroBased / 12
        let newMonth = zeroBased % 12 + 1
        let newDay = min(day, LocalDate.daysInMonth(year: newYear, month: newMonth))
        // In range by the precondition; a valid month and a clamped day always form a date.
        return try! LocalDate(year: newYear, month: newMonth, day: newDay)
    }
}
