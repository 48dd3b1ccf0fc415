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
