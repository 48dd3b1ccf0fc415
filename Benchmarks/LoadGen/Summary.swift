import Foundation
import Histogram

/// What a run sent: the method and its requests.
struct Workload {
    let method: String
    /// The echoed blob of the default echo.Echo request; nil when the request came from --data.
    let blobBytes: Int?
    /// Whether the request came from --data (otherwise: the echo.Echo blob or an empty request).
    let fromData: Bool
    let templates: Int
    let distinct: Int
    let vary: VaryRange?
    let seed: UInt64?
    /// Serialized request messages (frame payloads), bytes.
    let requestBytesMin: Int
    let requestBytesMax: Int
    let requestBytesMean: Double
    /// Keys of the --metadata sent (values are left out: they may be credentials).
    let metadataKeys: [String]
}

/// The run's results merged over all connections, formatted as text or one JSON line.
struct Summary {
    let label: String
    let target: String
    let concurrency: Int
    let connections: Int
    let threads: Int
    let workload: Workload
    let durationSeconds: Double
    let warmupSeconds: Double
    let calls: Int
    let errors: Int
    let callsPerSecond: Double
    /// Latency percentiles in microseconds.
    let p50, p90, p99, p999, max, mean: Double
    let failures: [String]
    let errorSamples: [String: Int]

    init(results: [ConnectionResult], options: LoadGenCommand, workload: Workload) {
        var histogram =
            results.first?.histogram
            ?? Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 100_000_000_000, numberOfSignificantValueDigits: .three)
        for result in results.dropFirst() { histogram.add(result.histogram) }
        var samples: [String: Int] = [:]
        for result in results {
            samples.merge(result.errorSamples, uniquingKeysWith: +)
        }
        label = options.label
        target = options.target
        concurrency = options.concurrency
        connections = options.connectionCount
        threads = options.threads
        self.workload = workload
        durationSeconds = options.duration
        warmupSeconds = options.warmup
        calls = results.reduce(0) { $0 + $1.ok }
        errors = results.reduce(0) { $0 + $1.errors }
        callsPerSecond = Double(calls) / options.duration
        let empty = histogram.totalCount == 0
        func micros(_ nanoseconds: UInt64) -> Double { empty ? 0 : Double(nanoseconds) / 1000 }
        p50 = micros(histogram.valueAtPercentile(50))
        p90 = micros(histogram.valueAtPercentile(90))
        p99 = micros(histogram.valueAtPercentile(99))
        p999 = micros(histogram.valueAtPercentile(99.9))
        max = micros(histogram.max)
        mean = empty ? 0 : histogram.mean / 1000
        failures = results.enumerated().compactMap { index, result in
            result.failure.map { "connection \(index + 1): \($0)" }
        }
        errorSamples = samples
    }

    func text() -> String {
        var lines: [String] = []
        lines.append("loadgen \(label.isEmpty ? target : label)")
        lines.append("  target        \(target)")
        lines.append("  method        \(workload.method)")
        lines.append("  requests      \(Self.describeRequests(workload))")
        lines.append(
            "  load          \(concurrency) in flight on \(connections) connection\(connections == 1 ? "" : "s"), "
                + "\(threads) thread\(threads == 1 ? "" : "s"), \(Self.format(durationSeconds)) s measured after \(Self.format(warmupSeconds)) s warm-up")
        lines.append("  calls/s       \(Self.format(callsPerSecond, decimals: 0))")
        lines.append("  calls         \(calls) OK, \(errors) errors")
        lines.append(
            "  latency µs    p50 \(Self.format(p50))  p90 \(Self.format(p90))  p99 \(Self.format(p99))  "
                + "p99.9 \(Self.format(p999))  max \(Self.format(max))  (mean \(Self.format(mean)))")
        // Each connection samples up to 8 distinct messages; with --vary they often name the
        // varying value, so only the most frequent are listed (--json has them all).
        let samples = errorSamples.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        for (description, count) in samples.prefix(8) {
            lines.append("  error         \(count)× \(description)")
        }
        if samples.count > 8 {
            let rest = samples.dropFirst(8)
            lines.append("  error         \(rest.reduce(0) { $0 + $1.value })× in \(rest.count) other sampled messages")
        }
        let unsampled = errors - errorSamples.values.reduce(0, +)
        if unsampled > 0 {
            lines.append("  error         \(unsampled)× with messages not sampled")
        }
        for failure in failures {
            lines.append("  failure       \(failure)")
        }
        return lines.joined(separator: "\n")
    }

    func json() -> String {
        struct Line: Encodable {
            let label: String
            let target: String
            let concurrency: Int
            let connections: Int
            let threads: Int
            let method: String
            let payload_bytes: Int?
            let request_bytes: Double
            let templates: Int
            let distinct_requests: Int
            let vary: String?
            let seed: UInt64?
            let metadata_keys: [String]
            let duration_s: Double
            let warmup_s: Double
            let calls: Int
            let errors: Int
            let calls_per_s: Double
            let p50_us, p90_us, p99_us, p999_us, max_us, mean_us: Double
            let failures: [String]
            let error_samples: [String: Int]
        }
        let line = Line(
            label: label, target: target, concurrency: concurrency, connections: connections, threads: threads,
            method: workload.method, payload_bytes: workload.blobBytes, request_bytes: Self.round(workload.requestBytesMean),
            templates: workload.templates, distinct_requests: workload.distinct, vary: workload.vary?.description,
            seed: workload.seed, metadata_keys: workload.metadataKeys, duration_s: durationSeconds, warmup_s: warmupSeconds, calls: calls, errors: errors,
            calls_per_s: Self.round(callsPerSecond), p50_us: Self.round(p50), p90_us: Self.round(p90), p99_us: Self.round(p99),
            p999_us: Self.round(p999), max_us: Self.round(max), mean_us: Self.round(mean), failures: failures,
            error_samples: errorSamples)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(line), let text = String(data: data, encoding: .utf8) else { return "{}" }
        return text
    }

    /// "1024 templates (n uniform in 1…300, seed 1; 287 distinct), 4–6 (mean 5.6) bytes serialized, metadata purpose".
    static func describeRequests(_ w: Workload) -> String {
        var text: String
        if let blob = w.blobBytes {
            text = "\(blob)-byte blob"
        } else if let vary = w.vary {
            text = "\(w.templates) templates (n uniform in \(vary.low)…\(vary.high), seed \(w.seed ?? 0); \(w.distinct) distinct)"
        } else if w.fromData {
            text = "one request from --data"
        } else {
            text = "an empty request ({})"
        }
        let size =
            w.requestBytesMin == w.requestBytesMax
            ? "\(w.requestBytesMin)"
            : "\(w.requestBytesMin)–\(w.requestBytesMax) (mean \(format(w.requestBytesMean)))"
        text += ", \(size) bytes serialized"
        if !w.metadataKeys.isEmpty {
            text += ", metadata \(w.metadataKeys.joined(separator: ", "))"
        }
        return text
    }

    private static func round(_ value: Double) -> Double { (value * 10).rounded() / 10 }

    private static func format(_ value: Double, decimals: Int = 1) -> String {
        String(format: "%.\(decimals)f", value)
    }
}
