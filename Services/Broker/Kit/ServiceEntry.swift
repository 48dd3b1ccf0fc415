import Metrics
import NIOCore
import WindowContract
import WireClient
import WireProtocol

/// A service name callers address (e.g. `employment`): its live instances, the calls waiting for
/// a free instance, and per-method metrics created once (not per call).
final class ServiceEntry {
    let name: String
    /// Registered instances that take new calls (draining ones are removed from here).
    var instances: [BrokerConnection] = []
    /// Broker call ids waiting because every instance is at its declared limit, oldest first.
    var queue = CircularBuffer<UInt64>()
    private var cursor = 0
    private var stats: [String: MethodStats] = [:]

    init(name: String) {
        self.name = name
    }

    /// Whether any live instance offers `method`.
    func offers(_ method: String) -> Bool {
        instances.contains { $0.instance?.methods.contains(method) == true }
    }

    /// Whether a caller with `roles` may call `method`: every live instance offering it must
    /// admit one of the roles (or "any"), so a version that narrows access is honoured at once.
    func admits(_ method: String, roles: Set<String>) -> Bool {
        var offered = false
        for connection in instances {
            guard let instance = connection.instance, let allowed = instance.allowedRoles[method] else { continue }
            offered = true
            if !allowed.contains("any") && allowed.isDisjoint(with: roles) { return false }
        }
        return offered
    }

    /// The smallest frame limit among the instances offering `method`.
    func maxFrameBytes(for method: String) -> Int {
        instances.compactMap { $0.instance }.filter { $0.methods.contains(method) }.map(\.maxFrameBytes).min() ?? Int.max
    }

    /// The instance to send a call for `method` to: least outstanding among those under their
    /// limit, ties broken round-robin; nil when all are full.
    func pickInstance(for method: String) -> BrokerConnection? {
        guard !instances.isEmpty else { return nil }
        var best: BrokerConnection?
        var bestLoad = Int.max
        let count = instances.count
        for step in 0..<count {
            let candidate = instances[(cursor + step) % count]
            // Field by field: `let instance = candidate.instance` would copy the whole record
            // (its sets and strings retained and released) for every candidate of every call.
            guard let outstanding = candidate.instance?.outstanding, outstanding < bestLoad,
                outstanding < candidate.instance!.maxConcurrentCalls, candidate.instance!.methods.contains(method)
            else { continue }
            best = candidate
            bestLoad = outstanding
            if bestLoad == 0 { break }
        }
        cursor = (cursor + 1) % count
        return best
    }

    func stats(for method: String) -> MethodStats {
        if let existing = stats[method] { return existing }
        let created = MethodStats(service: name, method: method)
        stats[method] = created
        return created
    }
}

/// Calls, errors and latency of one method as seen by the broker (swift-metrics).
final class MethodStats {
    let calls: Counter
    let errors: Counter
    let latency: Timer

    init(service: String, method: String) {
        let dimensions = [("service", service), ("method", method)]
        calls = Counter(label: "broker_calls_total", dimensions: dimensions)
        errors = Counter(label: "broker_errors_total", dimensions: dimensions)
        latency = Timer(label: "broker_call_duration", dimensions: dimensions)
    }

    func record(status: Wire.StatusCode, since start: NIODeadline, now: NIODeadline = .now()) {
        calls.increment()
        if status != .ok { errors.increment() }
        latency.recordNanoseconds((now - start).nanoseconds)
    }
}
