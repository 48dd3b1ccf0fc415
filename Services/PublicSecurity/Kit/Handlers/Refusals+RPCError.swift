import DepartmentKit
import SecurityContract
import WireProtocol

// Where the office's domain errors meet the wire: each refusal becomes the status, message and
// field violations a caller sees, the refusal itself kept as the cause.

extension CaseRefusal: RPCErrorConvertible {
    public var rpcError: RPCError {
        switch self {
        case .alreadyActive(let kind):
            return RPCError(refusing: .alreadyExists, "the resident already has an active \(kind) case", field: "id_number", "active case", cause: self)
        case .closed:
            return RPCError(refusing: .failedPrecondition, "the case is CLOSED", field: "case_id", "closed", cause: self)
        case .checkInOutsideTerm(let start, let end):
            return RPCError(refusing: .failedPrecondition, "the check-in lies outside the term \(start)…\(end)", field: "date", "outside the term", cause: self)
        case .closedBeforeTermStart(let start):
            return RPCError(
                refusing: .failedPrecondition, "a case cannot close before its term starts (\(start))", field: "closed_on", "before term_start", cause: self)
        case .termNotCompleted(let end):
            return RPCError(
                refusing: .failedPrecondition, "TERM_COMPLETED needs the term's last day (\(end)) reached", field: "closure", "term not completed", cause: self)
        case .tooManyHelpers(let limit):
            return RPCError(refusing: .failedPrecondition, "the case already has \(limit) helpers", field: "case_id", "helpers full", cause: self)
        case .helperAlreadyAssigned:
            return RPCError(refusing: .alreadyExists, "this helper is already assigned in this role", field: "name", "already assigned", cause: self)
        }
    }
}

extension FloatingResidentRefusal: RPCErrorConvertible {
    public var rpcError: RPCError {
        switch self {
        case .alreadyResiding:
            return RPCError(
                refusing: .alreadyExists, "the resident is already registered as residing (record a departure first)", field: "id_number", "residing",
                cause: self)
        case .departed:
            return RPCError(refusing: .failedPrecondition, "the registration is DEPARTED", field: "registration_id", "departed", cause: self)
        case .departureBeforeArrival(let arrival):
            return RPCError(
                refusing: .failedPrecondition, "a departure cannot precede the arrival (\(arrival))", field: "departure_date", "before arrival", cause: self)
        case .gridOutsideCommunity(let grid, let community):
            return RPCError(
                refusing: .invalidArgument,
                violations: [
                    Wire.FieldViolation(
                        field: "grid_code", description: "grid \(grid.rawValue) is not in community \(community.rawValue): record a departure and a new arrival"
                    )
                ], cause: self)
        }
    }
}

extension RentalRefusal: RPCErrorConvertible {
    public var rpcError: RPCError {
        switch self {
        case .tenantNotRegistered(let index, let id):
            return RPCError(
                refusing: .failedPrecondition, "tenant \(id) is not a registered member of the floating population: register the arrival first",
                field: "tenant_registration_ids[\(index)]", "not registered", cause: self)
        case .tenantDeparted(let index):
            return RPCError(
                refusing: .failedPrecondition, "the tenant's registration is DEPARTED", field: "tenant_registration_ids[\(index)]", "departed", cause: self)
        case .tenantInAnotherCommunity(let index, let community):
            return RPCError(
                refusing: .failedPrecondition, "the tenant is registered in community \(community.rawValue)", field: "tenant_registration_ids[\(index)]",
                "another community", cause: self)
        }
    }
}

extension PoliceOfficeRefusal: RPCErrorConvertible {
    public var rpcError: RPCError {
        switch self {
        case .alreadyOpen:
            return RPCError(refusing: .alreadyExists, "the community already has its police office", field: "community_code", "office open", cause: self)
        case .officersFull(let limit):
            return RPCError(refusing: .failedPrecondition, "the office already has \(limit) officers", field: "community_code", "officers full", cause: self)
        case .alreadyAssigned:
            return RPCError(refusing: .alreadyExists, "the officer already serves this office", field: "officer_id", "already assigned", cause: self)
        case .servesAnotherCommunity(let community):
            return RPCError(
                refusing: .failedPrecondition, "the officer serves community \(community.rawValue) (一室一警: one office each)", field: "officer_id",
                "serves another community", cause: self)
        case .notAssigned:
            return RPCError(refusing: .notFound, "the officer does not serve this office", field: "officer_id", "not assigned", cause: self)
        }
    }
}

extension DisputeRefusal: RPCErrorConvertible {
    public var rpcError: RPCError {
        switch self {
        case .closed(let status):
            return RPCError(refusing: .failedPrecondition, "the dispute is \(status.protoName)", field: "dispute_id", "closed", cause: self)
        case .beforeReport(let reported):
            return RPCError(
                refusing: .failedPrecondition, "the date precedes the dispute's report (\(reported))", field: "dispute_id", "before the report", cause: self)
        }
    }
}

extension IncidentRefusal: RPCErrorConvertible {
    public var rpcError: RPCError {
        switch self {
        case .alreadyHandled:
            return RPCError(refusing: .failedPrecondition, "the incident is already HANDLED", field: "incident_id", "handled", cause: self)
        }
    }
}

extension EmergencyPlanRefusal: RPCErrorConvertible {
    public var rpcError: RPCError {
        switch self {
        case .drillBeforeApproval(let approved):
            return RPCError(
                refusing: .failedPrecondition, "a drill cannot precede the plan's approval (\(approved))", field: "held_on", "before approval", cause: self)
        }
    }
}
