import Domain
import Foundation
import Logging
import NIOCore
import ServiceLifecycle
import Storage
import Synchronization
import WindowContract
import WireClient
import WireProtocol
import WireRuntime

/// Sends each life event's steps to the offices, one step after another, until every step has
/// ended — done, refused for good, or skipped — retrying with backoff while an office is down,
/// slow or overloaded, and resuming every unfinished event when the broker starts again.
///
/// Nothing is done twice: each step is sent with the idempotency key `receipt:step` under the
/// clerk's identity (the delegation the clerk's intake obtained), so an office that did the step
/// but whose answer was lost (a broker killed mid-call) answers the repeat with what it did.
/// Nothing is dropped: a step's state is written to broker.sqlite before the next one starts, and
/// the intake was written before the first. A `Service` of the broker's `ServiceGroup`, placed
/// after the composition's runtime so it stops first.
public final class LifeEventRunner: Service, Sendable {
    /// Waits between tries of a step the office could not take now.
    public struct Backoff: Sendable {
        public var initial: TimeAmount
        public var maximum: TimeAmount

        public init(initial: TimeAmount = .milliseconds(200), maximum: TimeAmount = .seconds(10)) {
            self.initial = initial
            self.maximum = maximum
        }

        /// The wait before try `attempt + 1` (doubling, capped, ±20% jitter so that events do not
        /// retry in step).
        func delay(after attempt: Int) -> TimeAmount {
            let doubled = initial.nanoseconds << min(max(attempt - 1, 0), 20)
            let capped = min(doubled, maximum.nanoseconds)
            return .nanoseconds(Int64(Double(capped) * Double.random(in: 0.8...1.2)))
        }
    }

    let database: ServiceDatabase
    let backoff: Backoff
    private let logger: Logger
    private let runtime = Mutex<ServiceRuntime?>(nil)
    /// Events worked on at once, at most: the others wait their turn in order (a day-long outage
    /// of an office must not turn into thousands of tasks retrying against it).
    let maximumWorking: Int
    /// Events being worked on, by sequence number, and those waiting for a turn.
    private let working = Mutex<(tasks: [Int64: Task<Void, Never>], waiting: [Int64])>(([:], []))
    private let stopped = Atomic<Bool>(false)

    public init(database: ServiceDatabase, backoff: Backoff = Backoff(), maximumWorking: Int = 256, logger: Logger) {
        precondition(maximumWorking > 0, "LifeEventRunner: maximumWorking must be positive")
        self.maximumWorking = maximumWorking
        self.database = database
        self.backoff = backoff
        var logger = logger
        logger[metadataKey: "component"] = "life-events"
        self.logger = logger
    }

    /// The composition's runtime, whose broker link the steps are sent through.
    public func attach(_ runtime: ServiceRuntime) {
        self.runtime.withLock { $0 = runtime }
    }

    /// Resumes every unfinished event, then works until graceful shutdown; events still in
    /// progress then stop where they are (their state is on disk) and resume at the next start.
    public func run() async throws {
        let unfinished = try await database.read { db in try LifeEventStore.unfinished(db) }
        if !unfinished.isEmpty { logger.info("resuming life events", metadata: ["events": "\(unfinished.count)"]) }
        for seq in unfinished { start(seq) }
        try? await gracefulShutdown()
        stopped.store(true, ordering: .relaxed)
        let tasks = working.withLock { working in
            working.waiting.removeAll()
            return Array(working.tasks.values)
        }
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
    }

    /// Starts working on event `seq` unless it is being worked on already, or queues it while
    /// `maximumWorking` events are.
    func start(_ seq: Int64) {
        guard !stopped.load(ordering: .relaxed) else { return }
        working.withLock { working in
            guard working.tasks[seq] == nil, !working.waiting.contains(seq) else { return }
            if working.tasks.count < maximumWorking {
                launch(seq, in: &working.tasks)
            } else {
                working.waiting.append(seq)
            }
        }
    }

    /// Runs event `seq`; when it is done the next waiting event gets its turn.
    private func launch(_ seq: Int64, in tasks: inout [Int64: Task<Void, Never>]) {
        tasks[seq] = Task { [self] in
            await self.work(on: seq)
            self.working.withLock { working in
                working.tasks.removeValue(forKey: seq)
                guard !self.stopped.load(ordering: .relaxed), !working.waiting.isEmpty else { return }
                self.launch(working.waiting.removeFirst(), in: &working.tasks)
            }
        }
    }

    /// Events being worked on and waiting for a turn.
    var load: (working: Int, waiting: Int) { working.withLock { ($0.tasks.count, $0.waiting.count) } }

    private func work(on seq: Int64) async {
        do {
            try await advance(seq)
        } catch is CancellationError {
            return
        } catch {
            // The database failed: leave the event in progress; it resumes at the next start.
            logger.error("life event stopped on a storage error", metadata: ["event.seq": "\(seq)", "error.type": "\(type(of: error))"])
        }
    }

    /// How long an intake may take to obtain the clerk's delegation before an event without one
    /// is taken for an intake that was cut short (the broker stopped in between).
    static let intakeGrace: Int64 = 30_000

    private func advance(_ seq: Int64) async throws {
        guard var stored = try await database.read({ db in try LifeEventStore.stored(db, seq: seq) }), stored.state == .lifeEventInProgress else { return }
        // Resumed at start while its intake is still obtaining the delegation: wait for the intake.
        while stored.delegation.isEmpty {
            let age = Int64(Date().timeIntervalSince1970 * 1000) - stored.takenAtMs
            guard age >= 0, age < Self.intakeGrace else { break }
            try await Task.sleep(nanoseconds: UInt64(Self.intakeGrace - age) * 1_000_000)
            guard let reread = try await database.read({ db in try LifeEventStore.stored(db, seq: seq) }), reread.state == .lifeEventInProgress else {
                return
            }
            stored = reread
        }
        let procedure = try LifeEventProcedures.make(stored.request)
        var results: [String: String] = [:]
        var evidence: [Window.LifeEventEvidence] = []
        var ended: [String: Window.StepState] = [:]
        for (position, planned) in procedure.steps.enumerated() {
            guard position < stored.steps.count, stored.steps[position].step == planned.step else {
                throw LifeEventRunnerError.planChanged(receipt: stored.receipt)
            }
            let row = stored.steps[position]
            switch row.state {
            case .stepDone:
                results[planned.step] = row.result
                if let kept = row.evidence { evidence.append(kept) }
                ended[planned.step] = .stepDone
                continue
            case .stepRejected, .stepSkipped:
                ended[planned.step] = row.state
                continue
            default: break
            }
            if let blocked = planned.dependsOn.first(where: { ended[$0] != .stepDone }) {
                try await record(seq, position, .stepSkipped, attempts: row.attempts, message: "依赖的步骤 \(blocked) 未办成")
                ended[planned.step] = .stepSkipped
                continue
            }
            guard !stored.delegation.isEmpty else {
                // The intake stopped between writing the form and obtaining the clerk's delegation.
                let action = "受理时中断: 请重新受理"
                try await record(seq, position, .stepRejected, attempts: row.attempts, message: "受理未完成", nextAction: action)
                ended[planned.step] = .stepRejected
                continue
            }
            let outcome = try await perform(
                planned, procedure, receipt: stored.receipt, seq: seq, position: position, attempts: row.attempts, results: results, evidence: evidence,
                delegation: stored.delegation)
            switch outcome {
            case .done(let result, let kept):
                results[planned.step] = result
                if let kept { evidence.append(kept) }
                ended[planned.step] = .stepDone
            case .rejected:
                ended[planned.step] = .stepRejected
            }
        }
        let state = try await database.write { db in try LifeEventStore.finish(db, seq: seq) }
        logger.info("life event finished", metadata: ["receipt": "\(stored.receipt)", "state": "\(state.protoName)"])
        await endDelegation(stored.delegation)
    }

    /// Sends one step until it ends; records every try.
    private func perform(
        _ planned: PlannedStep, _ procedure: any LifeEventProcedure, receipt: String, seq: Int64, position: Int, attempts: Int, results: [String: String],
        evidence: [Window.LifeEventEvidence], delegation: String
    ) async throws -> StepOutcome {
        var attempts = attempts
        while true {
            try Task.checkCancellation()
            guard let runtime = runtime.withLock({ $0 }) else { throw LifeEventRunnerError.notAttached }
            attempts += 1
            let input = StepInput(
                calls: runtime.calls(onBehalfOf: delegation), idempotencyKey: "\(receipt):\(planned.step)", receipt: receipt, results: results,
                evidence: evidence, nowMs: UInt64(Date().timeIntervalSince1970 * 1000))
            do {
                let outcome = try await procedure.perform(planned.step, input)
                switch outcome {
                case .done(let result, let evidence):
                    try await record(seq, position, .stepDone, attempts: attempts, result: result, evidence: evidence)
                case .rejected(let message, let nextAction):
                    try await record(seq, position, .stepRejected, attempts: attempts, message: message, nextAction: nextAction)
                    logger.info("life event step refused", metadata: ["receipt": "\(receipt)", "step": "\(planned.step)"])
                }
                return outcome
            } catch {
                try Task.checkCancellation()
                let message =
                    (error as? any RPCErrorConvertible).map { "\($0.rpcError.status.code.name): \($0.rpcError.status.message)" } ?? "\(type(of: error))"
                try await record(seq, position, .stepRetrying, attempts: attempts, message: message)
                let wait = backoff.delay(after: attempts)
                logger.debug(
                    "life event step will be retried",
                    metadata: ["receipt": "\(receipt)", "step": "\(planned.step)", "attempts": "\(attempts)", "wait.ms": "\(wait.nanoseconds / 1_000_000)"])
                try await Task.sleep(nanoseconds: UInt64(wait.nanoseconds))
            }
        }
    }

    private func record(
        _ seq: Int64, _ position: Int, _ state: Window.StepState, attempts: Int, result: String = "", message: String = "", nextAction: String = "",
        evidence: Window.LifeEventEvidence? = nil
    ) async throws {
        let nowMs = Int64(Date().timeIntervalSince1970 * 1000)
        try await database.write { db in
            try LifeEventStore.update(
                db, seq: seq, position: position, state: state, attempts: attempts, result: result, message: message, nextAction: nextAction,
                evidence: evidence, nowMs: nowMs)
        }
    }

    /// Gives the clerk's delegation back once the event has ended (it would expire anyway).
    private func endDelegation(_ token: String) async {
        guard !token.isEmpty, let runtime = runtime.withLock({ $0 }) else { return }
        _ = try? await Window.WindowClient(runtime.calls(onBehalfOf: token)).endDelegation(
            Window.EndDelegationRequest(token: token), deadline: .seconds(5))
    }
}

/// Why the runner could not work on an event at all (it stays in progress, resumed at the next start).
enum LifeEventRunnerError: Error {
    /// The stored steps do not match the procedure's plan (a newer broker with a different plan).
    case planChanged(receipt: String)
    /// No runtime attached: the broker wires the runner to the composition's runtime at start.
    case notAttached
}
