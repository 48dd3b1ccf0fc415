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
    var instances: [BrokerConnection] = [] {
        didSet { routes = MethodRoute.table(for: instances) }
    }
    /// Per method the live instances offer: who may call it and the frame limit, computed when
    /// the instances change, read by every call.
    private(set) var routes: [String: MethodRoute] = [:]
    /// Broker call ids waiting because every instance is at its declared limit, oldest first.
    var queue = CircularBuffer<UInt64>()
    private var cursor = 0
    private var stats: [String: MethodStats] = [:]

    init(name: String) {
        self.name = name
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
