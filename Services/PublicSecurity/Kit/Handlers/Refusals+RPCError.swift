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
