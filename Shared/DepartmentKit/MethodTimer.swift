import WireRuntime

/// Times one method of an office in-process — request bytes in, handler, SQLite, reply bytes
/// out, no network — for the offices' `bench-store` scale checks, and prints the figures as a
/// markdown table row, so every office measures and reports the same way.
///
/// ```swift
/// let timer = MethodTimer(definition: office.serviceDefinition(), context: CallContext(service: "health", method: "bench"))
/// let times = try await timer.time("GetHealthRecord", samples: 5000) { _ in try request().serializedBytes() }
/// print(MethodTimer.row("GetHealthRecord", times))
/// ```
public struct MethodTimer: Sendable {
    public let definition: ServiceDefinition
    public let context: CallContext

    public init(definition: ServiceDefinition, context: CallContext) {
        self.definition = definition
        self.context = context
    }

    /// Calls `method` `samples` times with the request `payload(i)` builds (not timed), checks
    /// each reply with `check` (not timed), and returns each call's time in microseconds.
    public func time(
        _ method: String, samples: Int, payload: (Int) throws -> [UInt8], check: ([UInt8]) throws -> Void = { _ in }
    ) async throws -> [Double] {
        guard let handler = definition.methods[method] else { throw MethodTimerError(method: method) }
        var times: [Double] = []
        times.reserveCapacity(samples)
        for i in 0..<samples {
            let request = try payload(i)
            let start = ContinuousClock.now
            let reply = try await handler.handle(request, context: context)
            let elapsed = ContinuousClock.now - start
            times.append(Double(elapsed.components.seconds) * 1e6 + Double(elapsed.components.attoseconds) / 1e12)
            try check(reply)
        }
        return times
    }

    /// "| label | samples | p50 | p99 | mean |" in whole microseconds.
    public static func row(_ label: String, _ times: [Double]) -> String {
        guard !times.isEmpty else { return "| \(label) | 0 | – | – | – |" }
        let sorted = times.sorted()
        let quantile = { (q: Double) in sorted[min(sorted.count - 1, Int(Double(sorted.count) * q))] }
        let mean = times.reduce(0, +) / Double(times.count)
        return "| \(label) | \(times.count) | \(Int(quantile(0.5).rounded())) | \(Int(quantile(0.99).rounded())) | \(Int(mean.rounded())) |"
    }
}

/// The method a `MethodTimer` was asked to time is not in the service definition.
public struct MethodTimerError: Error, Sendable, CustomStringConvertible {
    public let method: String
    public var description: String { "no method \(method) in the service definition" }
}
