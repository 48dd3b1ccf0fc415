import DepartmentKit
import WireProtocol

// Where the office's domain errors meet the wire: each refusal becomes the status, message and
// field violations a caller sees, the refusal itself kept as the cause (for logs, never sent).

extension HealthRecordRefusal: RPCErrorConvertible {
    public var rpcError: RPCError {
        switch self {
        case .alreadyExists:
            RPCError(refusing: .alreadyExists, "this resident already has a health record", field: "id_number", "already has a record", cause: self)
        case .gridOutsideCommunity(let grid, let community):
            RPCError(
                refusing: .invalidArgument, "grid \(grid.rawValue) is not in the record's community \(community.rawValue)", field: "grid_code",
                "not in community \(community.rawValue)", cause: self)
        }
    }
}

extension EnrolmentRefusal: RPCErrorConvertible {
    public var rpcError: RPCError {
        switch self {
        case .alreadyEnrolled(let programme):
            RPCError(
                refusing: .alreadyExists, "the resident is already enrolled in \(programme)", field: "programme_code", "already enrolled", cause: self)
        case .unknownProgramme(let code):
            RPCError(refusing: .notFound, "no programme \(code)", field: "programme_code", "no programme \(code)", cause: self)
        case .followUpBeforeEnrolment(let enrolledOn):
            RPCError(
                refusing: .failedPrecondition, "the follow-up is dated before the enrolment (\(enrolledOn))", field: "date",
                "before the enrolment on \(enrolledOn)", cause: self)
        }
    }
}

extension SickbedRefusal: RPCErrorConvertible {
    public var rpcError: RPCError {
        switch self {
        case .alreadyOpen(let sickbed):
            RPCError(
                refusing: .failedPrecondition, "the resident already has an open home sickbed (\(EntityKind.sickbed.format(sickbed)))", field: "record_id",
                "sickbed open", cause: self)
        case .closed(let on):
            RPCError(refusing: .failedPrecondition, "the home sickbed was closed on \(on)", field: "sickbed_id", "closed", cause: self)
        case .beforeOpening(let opened):
            RPCError(refusing: .failedPrecondition, "the date is before the sickbed was opened (\(opened))", field: "date", "before \(opened)", cause: self)
        case .closingBeforeOpening(let opened):
            RPCError(
                refusing: .failedPrecondition, "the closing is before the sickbed was opened (\(opened))", field: "closed_on", "before \(opened)", cause: self)
        case .beforeLastVisit(let visit):
            RPCError(refusing: .failedPrecondition, "the closing is before the last visit (\(visit))", field: "closed_on", "before \(visit)", cause: self)
        }
    }
}

extension FamilyPlanningRefusal: RPCErrorConvertible {
    public var rpcError: RPCError {
        switch self {
        case .alreadyRegistered(let file):
            RPCError(
                refusing: .alreadyExists, "the resident already has a family-planning file (\(EntityKind.familyPlanningFile.format(file)))",
                field: "record_id", "already registered", cause: self)
        case .visitBeforeRegistration(let registered):
            RPCError(
                refusing: .failedPrecondition, "the visit is dated before the registration (\(registered))", field: "date", "before \(registered)",
                cause: self)
        }
    }
}
