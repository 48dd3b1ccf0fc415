import DepartmentKit
import EmploymentContract
import WireProtocol

// Where the office's domain errors meet the wire: each refusal becomes the status, message and
// field violations a caller sees, the refusal itself kept as the cause (for logs, never sent).
// The domain throws these; the service runtime converts them through `RPCErrorConvertible`.

extension PlacementRefusal: RPCErrorConvertible {
    public var rpcError: RPCError {
        switch self {
        case .refused(let reasons):
            return RPCError(refusing: .failedPrecondition, violations: reasons.map(\.violation), cause: self)
        case .startDateOutOfRange(let earliest, let latest):
            return RPCError(
                refusing: .invalidArgument,
                violations: [
                    Wire.FieldViolation(
                        field: "start_date",
                        description: "must lie between \(earliest) (the day the spell opened, and at most a week back) and \(latest)")
                ], cause: self)
        case .lastPositionTaken:
            return RPCError(refusing: .failedPrecondition, "all positions of the vacancy are filled", field: "vacancy_id", "filled", cause: self)
        }
    }
}

extension PlacementRefusal.Reason {
    var violation: Wire.FieldViolation {
        switch self {
        case .seekerAlreadyPlaced:
            return Wire.FieldViolation(field: "seeker_id", description: "the seeker is already placed")
        case .seekerWithdrawn:
            return Wire.FieldViolation(field: "seeker_id", description: "the seeker has withdrawn")
        case .vacancyFilled(let positions):
            return Wire.FieldViolation(field: "vacancy_id", description: "all \(positions) positions of the vacancy are filled")
        case .vacancyClosed:
            return Wire.FieldViolation(field: "vacancy_id", description: "the vacancy is closed")
        case .reservedForHardship(let category):
            return Wire.FieldViolation(
                field: "seeker_id",
                description:
                    "public-welfare posts (公益性岗位) are reserved for seekers recognised with employment difficulty (就业困难人员认定); this seeker (\(category.label)) has no recognition in force"
            )
        }
    }
}

extension JobSeekerRefusal: RPCErrorConvertible {
    public var rpcError: RPCError {
        switch self {
        case .alreadyRegistered:
            return RPCError(
                refusing: .alreadyExists, "this resident is already registered as a job seeker and waiting (a spell is open)", field: "id_number",
                "already registered", cause: self)
        case .outsideWorkingAge(let age, let minimum, let retirement):
            return RPCError(
                refusing: .invalidArgument,
                violations: [
                    Wire.FieldViolation(
                        field: "id_number", description: "the resident is \(age): working age is \(minimum) to below \(retirement) (the retirement age)")
                ], cause: self)
        case .gridOutsideCommunity(let grid, let community):
            return RPCError(
                refusing: .invalidArgument,
                violations: [
                    Wire.FieldViolation(field: "grid_code", description: "grid \(grid.rawValue) is not in the seeker's community \(community.rawValue)")
                ], cause: self)
        case .withdrawn:
            return RPCError(
                refusing: .failedPrecondition, "the seeker has withdrawn; register again to open a new spell", field: "seeker_id", "withdrawn",
                cause: self)
        case .notWaiting(let status):
            return RPCError(
                refusing: .failedPrecondition, "only a waiting seeker can withdraw (this one is \(status))", field: "seeker_id", "not waiting", cause: self)
        }
    }
}

extension VacancyRefusal: RPCErrorConvertible {
    public var rpcError: RPCError {
        switch self {
        case .closed:
            return RPCError(refusing: .failedPrecondition, "the vacancy is closed", field: "vacancy_id", "closed", cause: self)
        case .positionsBelowFilled(let filled, let requested):
            return RPCError(
                refusing: .invalidArgument,
                violations: [
                    Wire.FieldViolation(field: "positions", description: "\(filled) positions are already filled; cannot lower to \(requested)")
                ], cause: self)
        }
    }
}

extension TrainingRefusal: RPCErrorConvertible {
    public var rpcError: RPCError {
        switch self {
        case .seekerWithdrawn:
            return RPCError(refusing: .failedPrecondition, "the seeker has withdrawn", field: "seeker_id", "withdrawn", cause: self)
        case .alreadyEnrolled:
            return RPCError(refusing: .alreadyExists, "the seeker is already enrolled in this course", field: "seeker_id", "already enrolled", cause: self)
        case .courseFull(let capacity):
            return RPCError(refusing: .failedPrecondition, "the course is full (capacity \(capacity))", field: "course_id", "full", cause: self)
        case .enrollmentFinished(let status):
            return RPCError(refusing: .failedPrecondition, "the enrolment is already finished (\(status))", field: "enrollment_id", "finished", cause: self)
        }
    }
}

extension LoanReferralRefusal: RPCErrorConvertible {
    public var rpcError: RPCError {
        switch self {
        case .startUpTrainingNotCompleted:
            return RPCError(
                refusing: .failedPrecondition, "a start-up loan referral requires completed start-up training (创业培训)",
                field: "seeker_id", "no completed start-up training", cause: self)
        case .transitionNotAllowed(let from, let to):
            return RPCError(refusing: .failedPrecondition, "a \(from) referral cannot become \(to)", field: "status", "not allowed from \(from)", cause: self)
        }
    }
}

extension OfferRefusal: RPCErrorConvertible {
    public var rpcError: RPCError {
        switch self {
        case .seekerNotWaiting:
            return RPCError(refusing: .failedPrecondition, "offers are recorded for waiting seekers only", field: "seeker_id", "not waiting", cause: self)
        case .offeredOnOutOfRange(let earliest, let latest):
            return RPCError(
                refusing: .invalidArgument,
                violations: [Wire.FieldViolation(field: "offered_on", description: "must lie between \(earliest) (the spell opened) and \(latest)")],
                cause: self)
        case .reservedForHardship:
            return RPCError(
                refusing: .failedPrecondition, "a public-welfare post (公益性岗位) is offered only to seekers recognised with employment difficulty",
                field: "vacancy_id", "reserved for hardship", cause: self)
        }
    }
}

extension HardshipRefusal: RPCErrorConvertible {
    public var rpcError: RPCError {
        switch self {
        case .notRecognised:
            return RPCError(
                refusing: .failedPrecondition, "the seeker has no recognition of employment difficulty in force", field: "seeker_id", "not recognised",
                cause: self)
        }
    }
}
