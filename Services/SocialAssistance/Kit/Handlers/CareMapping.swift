import AssistanceContract
import DepartmentKit
import Domain
import Foundation
import WireRuntime

/// Grants, special-care registrations, alarms and volunteers as the contract's messages, for what
/// the caller may see; each resident rendered is reported to the audit log of the call.
extension GrantStore.Record {
    func message(_ visibility: HouseholdVisibility, for context: CallContext) -> Assistance.Grant {
        context.reportResidents([idNumber.rawValue])
        let means = visibility.shows(.means)
        return Assistance.Grant(
            grantId: EntityKind.grant.format(id), kind: kind, householdId: EntityKind.household.format(householdID), communityCode: community.rawValue,
            idNumber: visibility.shows(.idNumber) ? idNumber.rawValue : idNumber.masked, requestedFen: means ? requested.rawValue : 0,
            grantedFen: means ? granted.rawValue : 0, state: state, purpose: means ? purpose : "", decisionReason: means ? decisionReason : "",
            decidedBy: decidedBy, appliedAtMs: UInt64(appliedAt.unixMilliseconds), decidedAtMs: decidedAt.map { UInt64($0.unixMilliseconds) } ?? 0)
    }
}

extension CareStore.Record {
    func message(_ visibility: HouseholdVisibility, for context: CallContext) -> Assistance.SpecialCare {
        context.reportResidents([idNumber.rawValue])
        return Assistance.SpecialCare(
            careId: EntityKind.specialCare.format(id), idNumber: visibility.shows(.idNumber) ? idNumber.rawValue : idNumber.masked,
            name: visibility.shows(.name) ? name : Masking.maskName(name), group: group, communityCode: community.rawValue, gridCode: grid.rawValue,
            address: visibility.shows(.address) ? address : HouseholdRecord.maskAddress(address), care: visibility.shows(.means) ? care : "",
            hasDoorbell: hasDoorbell, registeredAtMs: UInt64(registeredAt.unixMilliseconds))
    }
}

extension CareStore.Alarm {
    func message(_ visibility: HouseholdVisibility, escalationMinutes: Int, now: Date, for context: CallContext) -> Assistance.DoorbellAlarm {
        context.reportResidents([home.idNumber.rawValue])
        return Assistance.DoorbellAlarm(
            alarmId: EntityKind.alarm.format(id), careId: EntityKind.specialCare.format(home.id), communityCode: home.community.rawValue,
            gridCode: home.grid.rawValue, name: visibility.shows(.name) ? home.name : Masking.maskName(home.name),
            address: visibility.shows(.address) ? home.address : HouseholdRecord.maskAddress(home.address), raisedAtMs: UInt64(raisedAt.unixMilliseconds),
            acknowledgedAtMs: acknowledgedAt.map { UInt64($0.unixMilliseconds) } ?? 0, acknowledgedBy: acknowledgedBy, note: note,
            escalated: CareRules.isEscalated(raisedAt: raisedAt, acknowledgedAt: acknowledgedAt, now: now, minutes: escalationMinutes))
    }
}

extension VolunteerStore.Record {
    func message(_ visibility: HouseholdVisibility, for context: CallContext) -> Assistance.Volunteer {
        context.reportResidents([idNumber.rawValue])
        return Assistance.Volunteer(
            volunteerId: EntityKind.volunteer.format(id), idNumber: visibility.shows(.idNumber) ? idNumber.rawValue : idNumber.masked,
            name: visibility.shows(.name) ? name : Masking.maskName(name), communityCode: community.rawValue,
            registeredAtMs: UInt64(registeredAt.unixMilliseconds))
    }
}
