import DepartmentKit
import Domain
import Foundation
import SecurityContract
import WireRuntime

/// Records of the office as the contract's messages.
extension SupervisionCaseRecord {
    /// The case as the contract sends it; the resident is reported to the audit log of the call
    /// (every case that leaves the office does so through here, after `CaseAccess` let it out).
    func message(helpers: [CaseHelperRecord], for context: CallContext) -> Security.SupervisionCase {
        context.reportResidents([idNumber.rawValue])
        return Security.SupervisionCase(
            caseId: EntityKind.supervisionCase.format(id), kind: kind, idNumber: idNumber.rawValue, name: name, communityCode: community.rawValue,
            gridCode: grid.rawValue, termStart: termStart.description, termEnd: termEnd.description, checkInIntervalDays: UInt32(checkInIntervalDays),
            status: status, helpers: helpers.map(\.message), openedAtMs: UInt64(openedAt.unixMilliseconds), lastCheckIn: lastCheckIn?.description ?? "",
            closure: closure, closedOn: closedOn?.description ?? "", closingNote: closingNote)
    }
}

extension CaseHelperRecord {
    var message: Security.CaseHelper {
        Security.CaseHelper(helperId: EntityKind.caseHelper.format(id), name: name, role: role, phone: phone, assignedOn: assignedOn.description)
    }
}

extension CheckInRecord {
    var message: Security.CheckIn {
        Security.CheckIn(
            checkInId: EntityKind.checkIn.format(id), caseId: EntityKind.supervisionCase.format(caseID), date: date.description, outcome: outcome,
            note: note, recordedAtMs: UInt64(recordedAt.unixMilliseconds))
    }
}

extension FloatingResidentRecord {
    /// The registration as the caller may see it; the resident is reported to the audit log of the call.
    func message(_ visibility: SecurityVisibility, for context: CallContext) -> Security.FloatingResident {
        context.reportResidents([idNumber.rawValue])
        return Security.FloatingResident(
            registrationId: EntityKind.floatingResident.format(id), idNumber: visibility.idNumber(idNumber), name: visibility.name(name),
            originDivisionCode: origin.rawValue, communityCode: community.rawValue, gridCode: grid.rawValue, address: address,
            landlord: visibility.name(landlord), arrivalDate: arrivalDate.description, expectedStayDays: UInt32(expectedStayDays), status: status,
            departureDate: departureDate?.description ?? "", phone: visibility.phone(phone), registeredAtMs: UInt64(registeredAt.unixMilliseconds))
    }
}

extension RentalRecord {
    /// The dwelling as the caller may see it; the landlord and every tenant are reported to the audit log.
    func message(tenants: [FloatingResidentRecord], _ visibility: SecurityVisibility, for context: CallContext) -> Security.RentalHousing {
        context.reportResidents([landlordIDNumber.rawValue] + tenants.map(\.idNumber.rawValue))
        return Security.RentalHousing(
            rentalId: EntityKind.rental.format(id), communityCode: community.rawValue, gridCode: grid.rawValue, address: address,
            landlordName: visibility.name(landlordName), landlordIdNumber: visibility.idNumber(landlordIDNumber),
            landlordPhone: visibility.phone(landlordPhone),
            tenants: tenants.map {
                Security.RentalTenant(
                    registrationId: EntityKind.floatingResident.format($0.id), idNumber: visibility.idNumber($0.idNumber), name: visibility.name($0.name),
                    status: $0.status)
            }, registeredAtMs: UInt64(registeredAt.unixMilliseconds))
    }
}

extension PoliceOfficeRecord {
    func message(officers: [OfficerRecord], requiredOfficers: Int) -> Security.PoliceOffice {
        Security.PoliceOffice(
            communityCode: community.rawValue, address: address, phone: phone,
            officers: officers.map {
                Security.PoliceOfficer(officerId: $0.officerID, name: $0.name, phone: $0.phone, assignedOn: $0.assignedOn.description)
            }, requiredOfficers: UInt32(requiredOfficers), staffed: officers.count >= requiredOfficers, openedAtMs: UInt64(openedAt.unixMilliseconds))
    }
}

extension DisputeRecord {
    /// The dispute as the caller may see it; parties with an ID number are reported to the audit log.
    func message(_ visibility: SecurityVisibility, for context: CallContext) -> Security.Dispute {
        context.reportResidents(parties.compactMap(\.idNumber?.rawValue))
        return Security.Dispute(
            disputeId: EntityKind.dispute.format(id), communityCode: community.rawValue, gridCode: grid.rawValue, kind: kind,
            parties: parties.map { Security.DisputeParty(name: visibility.name($0.name), idNumber: $0.idNumber.map(visibility.idNumber) ?? "") },
            summary: summary, reportedOn: reportedOn.description, status: status, sessions: UInt32(sessions),
            lastSessionOn: lastSessionOn?.description ?? "", closedOn: closedOn?.description ?? "", outcomeNote: outcomeNote)
    }
}

extension PatrolRecord {
    var message: Security.Patrol {
        Security.Patrol(
            patrolId: EntityKind.patrol.format(id), communityCode: community.rawValue, route: route, team: team,
            startedAtMs: UInt64(startedAt.unixMilliseconds), endedAtMs: UInt64(endedAt.unixMilliseconds), note: note)
    }
}

extension IncidentRecord {
    var message: Security.Incident {
        Security.Incident(
            incidentId: EntityKind.incident.format(id), communityCode: community.rawValue, gridCode: grid.rawValue, kind: kind, serious: serious,
            place: place, occurredAtMs: UInt64(occurredAt.unixMilliseconds), handled: handledAt != nil,
            handledAtMs: handledAt.map { UInt64($0.unixMilliseconds) } ?? 0, note: note, handlingNote: handlingNote)
    }
}

extension EmergencyPlanRecord {
    var message: Security.EmergencyPlan {
        Security.EmergencyPlan(
            planId: EntityKind.emergencyPlan.format(id), communityCode: community.rawValue, kind: kind, title: title, approvedOn: approvedOn.description,
            drills: UInt32(drills), lastDrillOn: lastDrillOn?.description ?? "")
    }
}
