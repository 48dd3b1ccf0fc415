import Foundation
import WireProtocol
import WireRuntime

/// How long one method of an office takes inside the service — request bytes in, handler,
/// SQLite, reply bytes out, no network — over many calls: what every office's bench command
/// (`employment bench-store`, `assistance bench`, `health bench-store`, `security bench-store`)
/// reports as a row of a Markdown table (p50, p99, mean in µs), so all four measure and print
/// the same way.
public struct HandlerTimings: Sendable {
    public let label: String
    /// One duration per call, µs, in call order.
    public let microseconds: [Double]

    public init(label: String, microseconds: [Double]) {
        self.label = label
        self.microseconds = microseconds
    }

    /// Calls `method` of `service` `samples` times, each with the request `request()` makes, and
    /// hands each reply to `check`; neither is timed.
    public static func measure(
        _ label: String, method: String, of service: ServiceDefinition, samples: Int, context: CallContext, request: () throws -> [UInt8],
        check: ([UInt8]) throws -> Void = { _ in }
    ) async throws -> HandlerTimings {
        guard let handler = service.methods[method] else { throw RPCError(.unimplemented, "\(service.name) has no method \(method)") }
        var times: [Double] = []
        times.reserveCapacity(samples)
        for _ in 0..<samples {
            let payload = try request()
            let start = ContinuousClock.now
            let reply = try await handler.handle(payload, context: context)
            times.append(microseconds(of: ContinuousClock.now - start))
            try check(reply)
        }
        return HandlerTimings(label: label, microseconds: times)
    }

    /// `duration` in microseconds, for a bench that times its own calls.
    public static func microseconds(of duration: Duration) -> Double {
        Double(duration.components.seconds) * 1e6 + Double(duration.components.attoseconds) / 1e12
    }

    /// The header of the table the rows go in.
    public static func tableHeader(_ title: String) -> String {
        "| \(title) | samples | p50 µs | p99 µs | mean µs |\n|---|---|---|---|---|"
    }

    /// `| label | samples | p50 | p99 | mean |`.
    public var tableRow: String {
        let sorted = microseconds.sorted()
        guard !sorted.isEmpty else { return "| \(label) | 0 | – | – | – |" }
        let quantile = { (q: Double) in sorted[min(sorted.count - 1, Int(Double(sorted.count) * q))] }
        let mean = sorted.reduce(0, +) / Double(sorted.count)
        return
            "| \(label) | \(sorted.count) | \(String(format: "%.0f", quantile(0.5))) | \(String(format: "%.0f", quantile(0.99))) | \(String(format: "%.0f", mean)) |"
    }
}
