import AssistanceContract
import DepartmentKit
import WireProtocol

// Where the office's domain errors meet the wire: each refusal becomes the status, message and
// field violations a caller sees, the refusal itself kept as the cause (for logs, never sent).

extension CaseRefusal: RPCErrorConvertible {
    public var rpcError: RPCError {
        switch self {
        case .illegalTransition(let action, let state):
            RPCError(
                refusing: .failedPrecondition, "the case is \(state.label): \(action.rawValue) is not possible", field: "case_id",
                "state \(state.label)", cause: self)
        case .noticeNotOver(let end):
            RPCError(
                refusing: .failedPrecondition, "the public notice runs until \(end) inclusive", field: "case_id", "on public notice until \(end)",
                cause: self)
        case .openObjections(let count):
            RPCError(refusing: .failedPrecondition, "\(count) objection(s) are not resolved", field: "case_id", "open objections", cause: self)
        case .noStandard(let community, let month):
            RPCError(
                refusing: .failedPrecondition, "community \(community.rawValue) has no minimum living standard for \(month)", field: "case_id",
                "no standard for \(month)", cause: self)
        case .incomeAtOrAboveStandard(let perCapita, let standard):
            RPCError(
                refusing: .failedPrecondition,
                "per-capita income \(perCapita.rawValue) fen is not below the standard \(standard.rawValue) fen: the allowance must stop",
                field: "decision", "must be STOP_ALLOWANCE", cause: self)
        case .amountChanges(let from, let to):
            RPCError(
                refusing: .failedPrecondition, "the amount changes from \(from.rawValue) to \(to.rawValue) fen: record ADJUST_AMOUNT",
                field: "decision", "the amount changes", cause: self)
        case .householdHasOpenCase(let row):
            RPCError(
                refusing: .alreadyExists, "the household already has case \(EntityKind.allowanceCase.format(row))", field: "household_id",
                "has an open case", cause: self)
        }
    }
}

extension HouseholdRefusal: RPCErrorConvertible {
    public var rpcError: RPCError {
        switch self {
        case .alreadyAMember(let field, let row):
            RPCError(
                refusing: .alreadyExists, "the resident is a member of household \(EntityKind.household.format(row))", field: field,
                "already a member of a household", cause: self)
        case .notAMember(let field):
            RPCError(refusing: .failedPrecondition, "not a member of the household", field: field, "not a member", cause: self)
        case .lastMember:
            RPCError(refusing: .failedPrecondition, "a household keeps at least one member", field: "id_number", "the last member", cause: self)
        case .headNeedsSuccessor:
            RPCError(
                refusing: .failedPrecondition, "the head leaves: name the member who becomes head", field: "new_head_id_number", "is required",
                cause: self)
        case .tooManyMembers(let maximum):
            RPCError(refusing: .failedPrecondition, "a household has at most \(maximum) members", field: "member", "too many members", cause: self)
        }
    }
}

extension ObjectionRefusal: RPCErrorConvertible {
    public var rpcError: RPCError {
        switch self {
        case .caseNotOnNotice(let state):
            RPCError(
                refusing: .failedPrecondition, "the case is \(state.label), not on public notice", field: "case_id", "state \(state.label)",
                cause: self)
        case .alreadyResolved:
            RPCError(refusing: .failedPrecondition, "the objection is resolved already", field: "objection_id", "resolved", cause: self)
        }
    }
}

extension Assistance.CaseState {
    /// The state's name on the wire (`UNDER_NOTICE`), for messages.
    var label: String {
        switch self {
        case .unspecified: "CASE_STATE_UNSPECIFIED"
        case .applied: "APPLIED"
        case .underNotice: "UNDER_NOTICE"
        case .active: "ACTIVE"
        case .rejected: "REJECTED"
        case .stopped: "STOPPED"
        }
    }
}

extension GrantRefusal: RPCErrorConvertible {
    public var rpcError: RPCError {
        switch self {
        case .notPending(let state):
            RPCError(refusing: .failedPrecondition, "the grant is decided already (\(state))", field: "grant_id", "decided", cause: self)
        case .nothingGranted:
            RPCError(refusing: .failedPrecondition, "an approval grants at least 1 fen", field: "granted_fen", "must be positive", cause: self)
        case .grantedAboveRequested(let requested):
            RPCError(
                refusing: .failedPrecondition, "at most the \(requested.rawValue) fen requested may be granted", field: "granted_fen",
                "above the amount requested", cause: self)
        }
    }
}

extension CareRefusal: RPCErrorConvertible {
    public var rpcError: RPCError {
        switch self {
        case .noDoorbell:
            RPCError(refusing: .failedPrecondition, "the home has no care doorbell", field: "care_id", "no doorbell", cause: self)
        case .alreadyAcknowledged:
            RPCError(refusing: .failedPrecondition, "the alarm is acknowledged already", field: "alarm_id", "acknowledged", cause: self)
        case .alreadyRegistered(let field):
            RPCError(refusing: .alreadyExists, "the resident is registered already", field: field, "registered already", cause: self)
        case .alreadyPaired:
            RPCError(refusing: .alreadyExists, "the volunteer and household are paired already", field: "household_id", "paired already", cause: self)
        case .otherCommunity:
            RPCError(
                refusing: .failedPrecondition, "the volunteer serves another community than the household's", field: "volunteer_id", "another community",
                cause: self)
        }
    }
}
