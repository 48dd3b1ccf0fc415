import Logging
import Metrics
import NIOCore
import Synchronization
import WireClient
import WireProtocol

/// Runs the service's handlers for requests arriving on any connection (the broker link or a
/// direct listener): decodes, enforces the deadline and the concurrency limit, maps thrown errors
/// to statuses, replies exactly once, and stops work on CANCEL.
final class CallDispatcher: InboundCallHandling {
    private let definition: ServiceDefinition
    private let logger: Logger
    private let maxConcurrentCalls: Int
    private let defaultDeadline: TimeAmount
    private let outbound: @Sendable () -> WireConnection?
    private let state = Mutex(State())

    private struct Key: Hashable {
        let connection: ObjectIdentifier
        let callId: UInt64
    }

    private struct State {
        var running: [Key: RunningCall] = [:]
        var inFlight = 0
        /// Waiting in `whenIdle()` for `inFlight` to reach 0.
        var idleWaiters: [CheckedContinuation<Void, Never>] = []
        /// Waiting in `whenGoodbyeAcknowledged()`, and whether the broker already answered.
        var goodbyeWaiters: [CheckedContinuation<Void, Never>] = []
        var goodbyeAcknowledged = false
    }

    init(
        definition: ServiceDefinition, maxConcurrentCalls: Int, defaultDeadline: TimeAmount,
        logger: Logger, outbound: @escaping @Sendable () -> WireConnection?
    ) {
        self.definition = definition
        self.maxConcurrentCalls = maxConcurrentCalls
        self.defaultDeadline = defaultDeadline
        self.logger = logger
        self.outbound = outbound
    }

    /// Calls being handled now.
    var inFlight: Int { state.withLock { $0.inFlight } }

    func handleRequest(_ frame: Wire.Frame, on connection: WireConnection) {
        let started = NIODeadline.now()
        guard let method = definition.methods[frame.method] else {
            connection.send(
                .response(callId: frame.callId, status: Wire.Status(code: .unimplemented, message: "\(definition.name) has no method \(frame.method)")))
            return
        }
        let admitted = state.withLock { state -> Bool in
            guard state.inFlight < maxConcurrentCalls else { return false }
            state.inFlight += 1
            return true
        }
        guard admitted else {
            connection.send(
                .response(
                    callId: frame.callId,
                    status: Wire.Status(code: .resourceExhausted, message: "\(definition.name) is handling its limit of \(maxConcurrentCalls) calls")))
            return
        }
        let budget = frame.deadlineMs == 0 ? defaultDeadline : .milliseconds(Int64(frame.deadlineMs))
        let context = CallContext(frame: frame, deadline: started + budget, logger: logger, outbound: outbound)

        if let inline = method.invokeInline {
            var response = Self.run { try inline(frame.payload, context) }
            response.metadata = context.residents.metadata
            // The slot is free before the reply leaves: the broker may send the next call at once.
            let idle = release(nil)
            connection.send(response.withCallID(frame.callId))
            // Only now may a drain that waited for this call close the link: the reply is queued first.
            Self.resume(idle)
            record(method: method.name, status: response.status?.code ?? .ok, started: started)
            return
        }

        let key = Key(connection: ObjectIdentifier(connection), callId: frame.callId)
        let call = RunningCall()
        let serviceName = definition.name
        // Enforce the deadline even against a handler that ignores cancellation.
        let timer = connection.channel.eventLoop.scheduleTask(deadline: context.deadline) {
            let status = Wire.Status(
                code: .deadlineExceeded, message: "\(serviceName).\(method.name) did not finish within \(budget.nanoseconds / 1_000_000) ms")
            if call.claimReply() {
                connection.send(.response(callId: frame.callId, status: status))
                call.cancel()
                self.record(method: method.name, status: .deadlineExceeded, started: started)
            }
        }
        let task = Task {
            var response = await Self.runAsync { try await method.invoke(frame.payload, context) }
            response.metadata = context.residents.metadata
            timer.cancel()
            let replies = call.claimReply()
            // The slot is free before the reply leaves: the broker may send the next call at once.
            let idle = self.release(key)
            if replies { connection.send(response.withCallID(frame.callId)) }
            // Only now may a drain that waited for this call close the link: the reply is queued first.
            Self.resume(idle)
            if replies { self.record(method: method.name, status: response.status?.code ?? .ok, started: started) }
        }
        call.attach(task)
        state.withLock { $0.running[key] = call }
    }

    /// Frees the call's slot; returns the `whenIdle()` waiters to resume once its reply is queued.
    private func release(_ key: Key?) -> [CheckedContinuation<Void, Never>] {
        state.withLock { state -> [CheckedContinuation<Void, Never>] in
            if let key { state.running.removeValue(forKey: key) }
            state.inFlight -= 1
            guard state.inFlight == 0 else { return [] }
            defer { state.idleWaiters.removeAll() }
            return state.idleWaiters
        }
    }

    private static func resume(_ waiters: [CheckedContinuation<Void, Never>]) {
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once no call is in flight (at once when none is).
    func whenIdle() async {
        await withCheckedContinuation { continuation in
            let idle = state.withLock { state -> Bool in
                if state.inFlight == 0 { return true }
                state.idleWaiters.append(continuation)
                return false
            }
            if idle { continuation.resume() }
        }
    }

    func goodbyeAcknowledged(on connection: WireConnection) {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.goodbyeAcknowledged = true
            defer { state.goodbyeWaiters.removeAll() }
            return state.goodbyeWaiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once the broker has answered GOODBYE (no call can follow any more).
    func whenGoodbyeAcknowledged() async {
        await withCheckedContinuation { continuation in
            let done = state.withLock { state -> Bool in
                if state.goodbyeAcknowledged { return true }
                state.goodbyeWaiters.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
    }

    private func record(method: String, status: Wire.StatusCode, started: NIODeadline) {
        let dimensions = [("service", definition.name), ("method", method)]
        Counter(label: "rpc_server_calls_total", dimensions: dimensions + [("code", status.name)]).increment()
        Timer(label: "rpc_server_duration", dimensions: dimensions).recordNanoseconds((NIODeadline.now() - started).nanoseconds)
    }

    func handleCancel(callId: UInt64, on connection: WireConnection) {
        let key = Key(connection: ObjectIdentifier(connection), callId: callId)
        guard let call = state.withLock({ $0.running[key] }) else { return }
        _ = call.claimReply()  // the caller gave up: no response follows a CANCEL
        call.cancel()
    }

    func connectionClosed(_ connection: WireConnection) {
        let id = ObjectIdentifier(connection)
        let calls = state.withLock { state in state.running.filter { $0.key.connection == id }.map(\.value) }
        for call in calls { call.cancel() }
    }

    private static func run(_ body: () throws -> [UInt8]) -> Wire.Frame {
        do {
            return .response(callId: 0, status: .ok, payload: try body())
        } catch {
            return .response(callId: 0, status: status(for: error))
        }
    }

    private static func runAsync(_ body: () async throws -> [UInt8]) async -> Wire.Frame {
        do {
            return .response(callId: 0, status: .ok, payload: try await body())
        } catch {
            return .response(callId: 0, status: status(for: error))
        }
    }

    /// Errors a handler throws become statuses: `RPCErrorConvertible` says which; cancellation is
    /// CANCELLED; anything else is INTERNAL without its details (they may hold personal data).
    static func status(for error: any Error) -> Wire.Status {
        if let convertible = error as? any RPCErrorConvertible { return convertible.rpcError.status }
        if error is CancellationError { return Wire.Status(code: .cancelled, message: "call cancelled") }
        return Wire.Status(code: .internal, message: "internal error (\(type(of: error)))")
    }
}

extension Wire.Frame {
    func withCallID(_ id: UInt64) -> Wire.Frame {
        var copy = self
        copy.callId = id
        return copy
    }
}

/// One call handled in a task: whoever claims the reply first (the handler finishing or the
/// deadline timer) answers; the other stays silent. Mutex-protected, so Sendable.
final class RunningCall: Sendable {
    private struct State {
        var replied = false
        var task: Task<Void, Never>?
        var cancelled = false
    }
    private let state = Mutex(State())

    /// True exactly once.
    func claimReply() -> Bool {
        state.withLock { state in
            defer { state.replied = true }
            return !state.replied
        }
    }

    func attach(_ task: Task<Void, Never>) {
        let cancelNow = state.withLock { state -> Bool in
            state.task = task
            return state.cancelled
        }
        if cancelNow { task.cancel() }
    }

    func cancel() {
        let task = state.withLock { state -> Task<Void, Never>? in
            state.cancelled = true
            return state.task
        }
        task?.cancel()
    }
}
