import Domain
import EmploymentContract

/// What may happen to a registration as it stands: checked inside the write transaction.
extension JobSeekerRecord {
    /// A change of the registration that moves the seeker to `grid`.
    public func checkUpdate(grid: GridCode) throws(JobSeekerRefusal) {
        guard grid.community == community else { throw .gridOutsideCommunity(grid: grid, community: community) }
        guard status != .withdrawn else { throw .withdrawn }
    }

    public func checkWithdrawal() throws(JobSeekerRefusal) {
        guard status == .waiting else { throw .notWaiting(status) }
    }

    /// A new spell (re-registration, 再就业) may open once the latest one has ended.
    public func checkReturn() throws(JobSeekerRefusal) {
        guard status != .waiting else { throw .alreadyRegistered }
    }
}

/// Working age (16 to the retirement age), from the birth date and sex in the ID number.
extension EmploymentPolicy {
    public func checkWorkingAge(_ resident: ResidentIdentityNumber, on day: LocalDate) throws(JobSeekerRefusal) {
        let age = resident.age(on: day)
        let retirement = resident.sex == .female ? retirementAgeWomen : retirementAgeMen
        guard age >= minimumWorkingAge && age < retirement else {
            throw .outsideWorkingAge(age: age, minimum: minimumWorkingAge, retirement: retirement)
        }
    }
}
