import ArgumentParser
import Foundation
import Histogram
import NIOCore
import NIOPosix
import WireClient
import WireProtocol
import EchoContract

/// `loadgen`: keeps a fixed number of `echo.Echo` calls in flight against the broker (or an
/// echo-service's direct listener) and reports calls/s and the latency distribution.
@main
struct LoadGenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loadgen",
        abstract: "Load generator: calls/s and latency of echo.Echo through the broker or direct.",
        discussion: """
            Opens --connections TCP connections to --target and keeps --concurrency calls of \
            echo.Echo in flight, spread evenly over them (closed loop: every response, once its \
            latency is recorded, is followed at once by the next request on the same connection). \
            Requests are pipelined: each connection writes the requests it owes after a read \
            together and flushes once. The request frame is serialized once; a call only appends \
            its call id (wire.proto allows appending fields to a serialized Wire.Frame).

            Latency is measured from the moment a request is issued to the read that brought its \
            response, on the monotonic clock, into an HdrHistogram (3 significant digits). The \
            first --warmup seconds are not recorded; then the window of --duration seconds is: \
            calls/s = OK responses received in the window / --duration. A response counts as an \
            error unless its status is OK; the first response of every connection (every response \
            with --verify) is also decoded in full and its echoed blob compared with the request's. \
            --concurrency 1 gives the latency of one call at a time.

            The broker admits 1024 calls in flight per connection by default (--max-in-flight); \
            more in flight needs more --connections. Keep --threads small on a small machine: the \
            load generator shares the CPUs with the broker and the service it measures.

            Exit status: 0 all calls succeeded, 1 some calls failed or a connection broke (the \
            results are still printed), 2 the target could not be reached, 64 usage.

            EXAMPLES
              loadgen --target 127.0.0.1:7000
              loadgen --target 127.0.0.1:7000 --concurrency 1 --duration 5 --label serial
              loadgen --target 127.0.0.1:7100 --concurrency 256 --connections 8 --json
              loadgen --target 127.0.0.1:7000 --payload 4096 --verify
            """)

    @Option(help: "Broker or direct echo-service listener, HOST:PORT.")
    var target: String

    @Option(help: "Calls kept in flight in total (1…10000).")
    var concurrency = 32

    @Option(help: "TCP connections the calls are spread over (default: min(concurrency, 4)).")
    var connections: Int?

    @Option(help: "Event-loop threads of the load generator (1…8).")
    var threads = 1

    @Option(help: "Size of the echoed blob in each request, bytes (0…1048576).")
    var payload = 100

    @Option(help: "Measured seconds (at most 600).")
    var duration: Double = 10

    @Option(help: "Seconds of load before measuring, not recorded (0…60).")
    var warmup: Double = 1

    @Option(help: "Deadline sent with each call, ms (0: the receiver's default).")
    var deadlineMs: UInt32 = 0

    @Option(help: "Name of this run in the output.")
    var label = ""

    @Flag(help: "Print one JSON object on one line instead of text.")
    var json = false

    @Flag(help: "Decode every response in full and compare the echoed blob (slower).")
    var verify = false

    /// Each connection keeps a histogram of ~230 kB (1 ns to 100 s at 3 significant digits).
    static let maximumConnections = 256

    var connectionCount: Int { connections ?? min(concurrency, 4) }

    func validate() throws {
        guard PeerAddress(target) != nil else { throw ValidationError("--target must be HOST:PORT (got \"\(target)\")") }
        guard (1...10_000).contains(concurrency) else { throw ValidationError("--concurrency must be 1…10000") }
        guard (1...min(concurrency, Self.maximumConnections)).contains(connectionCount) else {
            throw ValidationError("--connections must be 1…\(min(concurrency, Self.maximumConnections)) (at most --concurrency)")
        }
        guard (1...8).contains(threads) else { throw ValidationError("--threads must be 1…8") }
        guard (0...1 << 20).contains(payload) else { throw ValidationError("--payload must be 0…1048576 bytes") }
        guard duration > 0, duration <= 600 else { throw ValidationError("--duration must be more than 0 and at most 600 s") }
        guard warmup >= 0, warmup <= 60 else { throw ValidationError("--warmup must be 0…60 s") }
        guard concurrency * (payload + 64) <= 1 << 30 else {
            throw ValidationError("--concurrency × --payload must stay under 1 GiB in flight")
        }
    }

    func run() async throws {
        let address = PeerAddress(target)!
        let blob = [UInt8](repeating: 0x61, count: payload)
        let template = RequestTemplate(
            service: Echo.serviceName, method: "Echo", deadlineMs: deadlineMs,
            payload: try Echo.EchoRequest(blob: blob).serializedBytes())
        try Self.checkTemplate(template)

        let shares = Self.split(concurrency, into: connectionCount)
        if let largest = shares.max(), largest > 1024 {
            FileHandle.standardError.write(Data(
                "loadgen: warning: \(largest) calls in flight per connection exceeds the broker's default limit of 1024; use more --connections\n".utf8))
        }

        let group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
        let prototype = Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 100_000_000_000, numberOfSignificantValueDigits: .three)
        let verifyAll = verify
        // One promise per connection, completed by its handler when its run ends (or it breaks).
        let done = shares.map { _ in group.any().makePromise(of: ConnectionResult.self) }
        var channels: [any Channel] = []
        do {
            for (share, promise) in zip(shares, done) {
                let channel = try await ClientBootstrap(group: group)
                    .channelOption(.socketOption(.tcp_nodelay), value: 1)
                    .connectTimeout(.seconds(5))
                    .channelInitializer { channel in
                        channel.eventLoop.makeCompletedFuture {
                            try channel.pipeline.syncOperations.addHandler(LoadConnectionHandler(
                                template: template, inFlight: share, expectedBlob: blob,
                                verifyEveryResponse: verifyAll, histogram: prototype, done: promise))
                        }
                    }
                    .connect(host: address.host, port: address.port)
                    .get()
                channels.append(channel)
            }
        } catch {
            for channel in channels { try? await channel.close() }
            for promise in done { promise.fail(error) }  // no-op for those already completed
            try? await group.shutdownGracefully()
            throw runFailure("cannot connect to \(address): \(error)", status: 2)
        }

        let start = NIODeadline.now().uptimeNanoseconds
        let schedule = LoadSchedule(
            recordFrom: start + UInt64(warmup * 1e9),
            recordUntil: start + UInt64(warmup * 1e9) + UInt64(duration * 1e9))
        for channel in channels {
            channel.pipeline.fireUserInboundEventTriggered(schedule)
        }
        var results: [ConnectionResult] = []
        for promise in done {
            results.append(try await promise.futureResult.get())
        }
        for channel in channels { try? await channel.close() }
        try? await group.shutdownGracefully()

        let summary = Summary(results: results, options: self)
        print(json ? summary.json() : summary.text())
        if summary.errors > 0 || !summary.failures.isEmpty {
            throw ExitCode(1)
        }
    }

    /// Concurrency spread over connections: the first ones take one more when it does not divide.
    static func split(_ total: Int, into parts: Int) -> [Int] {
        (0..<parts).map { total / parts + ($0 < total % parts ? 1 : 0) }
    }

    /// Decodes a request built from the template with the real codec: the appended call id must
    /// win and everything else must be intact.
    static func checkTemplate(_ template: RequestTemplate) throws {
        for callId: UInt64 in [1, 300, 1 << 40 | 7] {
            var buffer = ByteBufferAllocator().buffer(capacity: template.maximumFrameBytes)
            template.write(callId: callId, into: &buffer)
            var reader = FrameReader(maxFrameBytes: 64 * 1024 * 1024)
            reader.append(buffer)
            guard let body = try reader.next(), reader.bufferedBytes == 0 else {
                throw runFailure("request template: bad length prefix", status: 1)
            }
            let frame = try FrameCodec.decode(body)
            guard frame.callId == callId, frame.kind == .request, frame.service == "echo", frame.method == "Echo" else {
                throw runFailure("request template: decodes as \(frame)", status: 1)
            }
        }
    }
}

/// Prints `message` to standard error; the returned ExitCode ends the run with `status`.
func runFailure(_ message: String, status: Int32) -> ExitCode {
    FileHandle.standardError.write(Data("loadgen: \(message)\n".utf8))
    return ExitCode(status)
}
