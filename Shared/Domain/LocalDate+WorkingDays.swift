// Working-day arithmetic lives apart from LocalDate because its rules (Mon–Fri, no holiday
// calendar) are a policy that may later be replaced by an official calendar.
extension LocalDate {
    /// Whether the date is Monday to Friday; holidays are not known to this module.
    public var isWorkingDay: Bool { weekday.isWorkingDay }

    /// The date `count` working days after this one (before it when negative), as used for
    /// "within 15 working days" rectification deadlines.
    ///
    /// The start date itself is never counted, so Friday + 1 is the following Monday and
    /// Saturday + 1 is also that Monday. The result is always a working day unless `count` is 0,
    /// in which case the date is returned unchanged.
    public func addingWorkingDays(_ count: Int) -> LocalDate {
        guard count != 0 else { return self }
        let step = count > 0 ? 1 : -1
        let remaining = count.magnitude
        // Any 7 consecutive days hold exactly 5 working days, so whole weeks can be skipped;
        // leave 1...5 working days for the loop so the result lands on a working day.
        let wholeWeeks = Int((remaining - 1) / 5)
        var date = adding(days: step * wholeWeeks * 7)
        var left = Int(remaining) - wholeWeeks * 5
        while left > 0 {
            date = date.adding(days: step)
            if date.isWorkingDay { left -= 1 }
        }
        return date
    }
}
