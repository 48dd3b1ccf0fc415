import DepartmentKit
import Domain
import Foundation
import HealthContract
import WireRuntime

/// Records of the office as the contract's messages, shown as `HealthVisibility` allows. Every
/// record that leaves the office does so through here and reports its resident to the call's
/// audit record.
extension ResidentHealthRecord {
    func message(policy: HealthPolicy, today: LocalDate, visibility: HealthVisibility, for context: CallContext) -> Health.HealthRecord {
        context.reportResidents([idNumber.rawValue])
        let clinical = visibility.seesClinicalDetails
        return Health.HealthRecord(
            recordId: EntityKind.healthRecord.format(id), idNumber: visibility.idNumber(idNumber), name: visibility.name(name),
            communityCode: community.rawValue, gridCode: grid.rawValue,
            residence: residence, flags: groups(on: today, policy: policy).message, conditions: clinical ? conditions : [],
            notes: visibility.shows(.notes) ? notes : "", clinicalDetailsShown: clinical, age: UInt32(idNumber.age(on: today)),
            createdAtMs: UInt64(createdAt.unixMilliseconds), updatedAtMs: UInt64(updatedAt.unixMilliseconds))
    }
}

extension PriorityGroups {
    var message: Health.PriorityFlags {
        Health.PriorityFlags(
            womanOfChildBearingAge: womanOfChildBearingAge, childUnderSix: childUnderSix, elderly: elderly, chronicallyIll: chronicallyIll,
            disabled: disabled, poor: poor)
    }
}

extension ChronicProgramme {
    var message: Health.Programme {
        Health.Programme(
            code: code, name: name, intervalDays: UInt32(intervalDays), measuresBloodPressure: measuresBloodPressure, measuresGlucose: measuresGlucose,
            controlledSystolicBelow: UInt32(controlledSystolicBelow), controlledDiastolicBelow: UInt32(controlledDiastolicBelow),
            controlledGlucoseBelowTenths: UInt32(controlledGlucoseBelowTenths))
    }
}

extension ChronicEnrolment {
    var message: Health.Enrolment {
        Health.Enrolment(
            enrolmentId: EntityKind.enrolment.format(id), recordId: EntityKind.healthRecord.format(recordID), programmeCode: programme,
            communityCode: community.rawValue, gridCode: grid.rawValue, intervalDays: UInt32(intervalDays), enrolledOn: enrolledOn.description,
            nextDue: nextDue.description, lastFollowUp: lastFollowUp?.description ?? "", followUps: UInt32(followUps), lastControlled: lastControlled)
    }
}

extension ChronicFollowUp {
    func message(nextDue: LocalDate, visibility: HealthVisibility) -> Health.FollowUp {
        let shown = visibility.shows(.measurements) ? measurements : Measurements()
        return Health.FollowUp(
            followUpId: EntityKind.followUp.format(id), enrolmentId: EntityKind.enrolment.format(enrolmentID), date: date.description,
            systolicMmhg: UInt32(shown.systolic), diastolicMmhg: UInt32(shown.diastolic), glucoseTenths: UInt32(shown.glucoseTenths),
            controlled: controlled, notes: visibility.shows(.notes) ? notes : "", nextDue: nextDue.description)
    }
}

extension EnrolmentStore.Overdue {
    func message(today: LocalDate, visibility: HealthVisibility, for context: CallContext) -> Health.OverdueFollowUp {
        context.reportResidents([idNumber.rawValue])
        return Health.OverdueFollowUp(
            enrolment: enrolment.message, idNumber: visibility.idNumber(idNumber), name: visibility.name(name),
            daysOverdue: UInt32(FollowUpSchedule.daysOverdue(due: enrolment.nextDue, today: today)))
    }
}

extension HomeSickbed {
    func message(visibility: HealthVisibility) -> Health.Sickbed {
        let clinical = visibility.seesClinicalDetails
        return Health.Sickbed(
            sickbedId: EntityKind.sickbed.format(id), recordId: EntityKind.healthRecord.format(recordID), communityCode: community.rawValue,
            gridCode: grid.rawValue, reason: clinical ? reason : "", openedOn: openedOn.description, status: isOpen ? .open : .closed,
            visits: UInt32(visits), lastVisit: lastVisit?.description ?? "", closedOn: closedOn?.description ?? "", outcome: clinical ? outcome : "")
    }
}

extension FamilyPlanningRecord {
    func message(visibility: HealthVisibility) -> Health.FamilyPlanningFile {
        Health.FamilyPlanningFile(
            fileId: EntityKind.familyPlanningFile.format(id), recordId: EntityKind.healthRecord.format(recordID), communityCode: community.rawValue,
            gridCode: grid.rawValue, residence: residence, contraceptiveMethod: visibility.seesClinicalDetails ? contraceptiveMethod : "",
            visitIntervalDays: UInt32(intervalDays), registeredOn: registeredOn.description, nextVisitDue: nextVisitDue.description,
            lastVisit: lastVisit?.description ?? "", visits: UInt32(visits), births: UInt32(births))
    }
}

extension FamilyPlanningStore.Overdue {
    func message(today: LocalDate, visibility: HealthVisibility, for context: CallContext) -> Health.OverdueFamilyPlanningVisit {
        context.reportResidents([idNumber.rawValue])
        return Health.OverdueFamilyPlanningVisit(
            file: file.message(visibility: visibility), idNumber: visibility.idNumber(idNumber), name: visibility.name(name),
            daysOverdue: UInt32(FollowUpSchedule.daysOverdue(due: file.nextVisitDue, today: today)))
    }
}
