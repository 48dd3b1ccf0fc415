import Domain

/// A home sickbed (家庭病床): care at home for a resident, opened with a reason, visited, closed
/// with an outcome. Visits and the closing are dated, never before the opening; nothing happens to
/// a closed bed.
struct HomeSickbed: Sendable, Equatable {
    var id: Int64
    var recordID: Int64
    var community: CommunityCode
    var grid: GridCode
    var reason: String
    var openedOn: LocalDate
    var visits = 0
    var lastVisit: LocalDate?
    var closedOn: LocalDate?
    var outcome = ""

    var isOpen: Bool { closedOn == nil }

    /// The bed after a visit on `date`.
    func visiting(on date: LocalDate) throws(SickbedRefusal) -> HomeSickbed {
        try checkOpen(on: date)
        var next = self
        next.visits += 1
        next.lastVisit = max(lastVisit ?? date, date)
        return next
    }

    /// The bed closed on `date` with `outcome`: not before its opening or its last visit.
    func closing(on date: LocalDate, outcome: String) throws(SickbedRefusal) -> HomeSickbed {
        if isOpen && date < openedOn { throw .closingBeforeOpening(openedOn.description) }
        try checkOpen(on: date)
        if let lastVisit, date < lastVisit { throw .beforeLastVisit(lastVisit.description) }
        var next = self
        next.closedOn = date
        next.outcome = outcome
        return next
    }

    private func checkOpen(on date: LocalDate) throws(SickbedRefusal) {
        if let closedOn { throw .closed(on: closedOn.description) }
        if date < openedOn { throw .beforeOpening(openedOn.description) }
    }
}

/// Why the office refuses a home sickbed change that is well-formed.
enum SickbedRefusal: Error, Sendable, Equatable {
    /// The resident already has an open bed.
    case alreadyOpen(sickbed: Int64)
    case closed(on: String)
    /// A visit dated before the opening.
    case beforeOpening(String)
    case closingBeforeOpening(String)
    case beforeLastVisit(String)
}
