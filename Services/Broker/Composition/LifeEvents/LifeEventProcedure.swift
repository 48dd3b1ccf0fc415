import Domain
import NIOCore
import WindowContract
import WireClient
import WireProtocol

/// One step of a life event as planned at intake: which office does what, and which earlier steps
/// it needs (a step whose dependency was refused is skipped, not sent).
struct PlannedStep: Sendable, Equatable {
    /// Stable name within the event, also the second half of its idempotency key.
    let step: String
    let office: String
    /// What it is, in Chinese, as the clerk and resident read it.
    let title: String
    var dependsOn: [String] = []
    /// Set when the form did not ask for this step: it is recorded as skipped with this reason.
    var skippedBecause: String?
}

/// How a step ended at an office (a retryable failure is thrown instead, see ``StepFailure``).
enum StepOutcome: Sendable, Equatable {
    /// Done: what the office made or found (an id a later step may need), and evidence to keep.
    case done(String, evidence: Window.LifeEventEvidence? = nil)
    /// Refused for good: why, and what the clerk must do about it.
    case rejected(String, nextAction: String)
}

/// What a step needs to be performed: the typed clients (acting for the clerk through the
/// delegation), the idempotency key of this step, and what earlier steps produced.
struct StepInput: Sendable {
    let calls: any UnaryCalling
    /// `receipt:step`: the office does the step once however often it is sent.
    let idempotencyKey: String
    /// The event's receipt number.
    let receipt: String
    /// Results of the steps done so far, by step name.
    let results: [String: String]
    /// Evidence the steps done so far kept, in step order.
    let evidence: [Window.LifeEventEvidence]
    /// Unix milliseconds now, for evidence.
    let nowMs: UInt64

    /// How long one try waits for an office.
    static let deadline = TimeAmount.seconds(10)

    /// What an office said about `subject`, kept as evidence with the time it said it.
    func evidence(_ office: String, about subject: ResidentIdentityNumber, _ finding: String) -> Window.LifeEventEvidence {
        Window.LifeEventEvidence(office: office, subjectMasked: subject.masked, finding: finding, checkedAtMs: nowMs)
    }
}

/// One kind of life event (一件事一次办): how its form is checked, which offices it goes to and how
/// each step is asked. A procedure is built from the stored form, so it is rebuilt the same after
/// a restart of the broker.
protocol LifeEventProcedure: Sendable {
    static var kind: Window.LifeEventKind { get }
    /// The resident the event is about (for 低保 the head of household).
    var subject: ResidentIdentityNumber { get }
    /// Every resident whose data the event reads or writes (for the audit log).
    var residents: [ResidentIdentityNumber] { get }
    var communityCode: String { get }
    /// The steps, in the order they are sent.
    var steps: [PlannedStep] { get }
    /// "service.Method" of every call a step may make: what the clerk delegates.
    static var methods: [String] { get }
    /// Performs `step`; throws for a failure worth retrying (office down, slow, overloaded).
    func perform(_ step: String, _ input: StepInput) async throws -> StepOutcome
}

/// Turns an office's error into what the life event does with it: retry later, or stop the step
/// with the office's reason and the clerk's next action.
enum StepFailure {
    /// Codes that mean "not now": the office is down, slow, overloaded or the link is restarting.
    static let retryable: Set<Wire.StatusCode> = [.unavailable, .deadlineExceeded, .resourceExhausted, .aborted, .cancelled, .internal, .unknown]

    /// The status of `error` if it is an office's refusal (not worth retrying); nil otherwise.
    static func refusal(_ error: any Error) -> Wire.Status? {
        guard let error = error as? any RPCErrorConvertible else { return nil }
        let status = error.rpcError.status
        return retryable.contains(status.code) ? nil : status
    }

    /// What the clerk must do when an office refuses a step for good.
    static func nextAction(for status: Wire.Status, office: String) -> String {
        switch status.code {
        case .invalidArgument: "按办理部门的意见更正表单后重新受理"
        case .permissionDenied, .unauthenticated: "受理人已无此项办理权限: 请由有权限的窗口人员重新受理, 或转\(OfficeNames.chinese(office))办理"
        case .failedPrecondition, .alreadyExists: "请联系\(OfficeNames.chinese(office))核实后处理"
        case .notFound: "请核实信息后重新受理"
        default: "请联系\(OfficeNames.chinese(office))处理"
        }
    }
}

/// The offices' names as a resident reads them.
enum OfficeNames {
    static func chinese(_ office: String) -> String {
        switch office {
        case "employment": "就业服务站"
        case "assistance": "社会救助站"
        case "health": "卫生计生服务站"
        case "security": "社区警务室"
        default: office
        }
    }
}

extension StepOutcome {
    /// Runs `ask`; an office's refusal becomes `.rejected` with the office's message, and
    /// `recover` may turn a refusal into an outcome first (e.g. ALREADY_EXISTS → the record there).
    static func asking(
        _ office: String, _ ask: () async throws -> StepOutcome, recover: (Wire.Status) async throws -> StepOutcome? = { _ in nil }
    ) async throws -> StepOutcome {
        do {
            return try await ask()
        } catch {
            guard let status = StepFailure.refusal(error) else { throw error }
            if let recovered = try await recover(status) { return recovered }
            return .rejected(status.message, nextAction: StepFailure.nextAction(for: status, office: office))
        }
    }

    /// A step that makes a record: `create` it, or — when the office says the resident has one
    /// already (ALREADY_EXISTS) — the step is done with the one `existing` finds.
    static func creating(
        _ office: String, _ create: () async throws -> String, existing: () async throws -> String
    ) async throws -> StepOutcome {
        try await asking(office) {
            .done(try await create())
        } recover: { status in
            status.code == .alreadyExists ? .done(try await existing()) : nil
        }
    }

    /// A step that reads a record: what `read` found, or — when the office has none
    /// (NOT_FOUND) — `none`.
    static func checking(
        _ office: String, _ read: () async throws -> StepOutcome, none: () -> StepOutcome
    ) async throws -> StepOutcome {
        try await asking(office, read) { status in status.code == .notFound ? none() : nil }
    }
}
