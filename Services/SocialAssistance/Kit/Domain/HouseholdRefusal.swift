/// Why a household change is refused, naming the request field it concerns.
package enum HouseholdRefusal: Error, Sendable, Equatable {
    /// The resident is a present member of another household (or of this one, when adding).
    case alreadyAMember(field: String, householdRow: Int64)
    /// The ID number is not a present member of the household.
    case notAMember(field: String)
    /// A household keeps at least one member.
    case lastMember
    /// The head leaves: name the member who becomes head.
    case headNeedsSuccessor
    /// The household would have more members than allowed.
    case tooManyMembers(Int)
}
