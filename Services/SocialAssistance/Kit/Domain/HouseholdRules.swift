import Domain

/// Rules of a household's membership: checked inside the write transaction against the members
/// as they are.
package enum HouseholdRules {
    /// The household after `leaving` leaves, the head passing to `newHead` when the head leaves.
    package static func remove(
        _ leaving: ResidentIdentityNumber, newHead: ResidentIdentityNumber?, from household: HouseholdRecord
    ) throws(HouseholdRefusal) -> HouseholdRecord {
        guard let index = household.members.firstIndex(where: { $0.idNumber == leaving }) else { throw .notAMember(field: "id_number") }
        guard household.members.count > 1 else { throw .lastMember }
        var changed = household
        let wasHead = changed.members[index].isHead
        changed.members.remove(at: index)
        if wasHead {
            guard let newHead else { throw .headNeedsSuccessor }
            guard let successor = changed.members.firstIndex(where: { $0.idNumber == newHead }) else {
                throw .notAMember(field: "new_head_id_number")
            }
            changed.members[successor].isHead = true
        }
        return changed
    }

    /// The household with `member` added (never as head).
    package static func add(_ member: MemberRecord, to household: HouseholdRecord, maxMembers: Int) throws(HouseholdRefusal) -> HouseholdRecord {
        if household.members.contains(where: { $0.idNumber == member.idNumber }) {
            throw .alreadyAMember(field: "member.id_number", householdRow: household.id)
        }
        guard household.members.count < maxMembers else { throw .tooManyMembers(maxMembers) }
        var changed = household
        var added = member
        added.isHead = false
        changed.members.append(added)
        return changed
    }
}
