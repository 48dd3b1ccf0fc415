import ArgumentParser
import EchoContract
import Foundation
import Histogram
import NIOCore
import NIOPosix
import ProtoReflection
import WireClient
import WireProtocol

/// `loadgen`: keeps a fixed number of calls of one method in flight against the broker (or a
/// service's direct listener) and reports calls/s and the latency distribution.
@main
struct LoadGenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loadgen",
        abstract: "Load generator: calls/s and latency of one method through the broker or direct.",
        discussion: """
            Opens --connections TCP connections to --target and keeps --concurrency calls of \
            --method in flight, spread evenly over them (closed loop: every response, once its \
            latency is recorded, is followed at once by the next request on the same connection). \
            Requests are pipelined: each connection writes the requests it owes after a read \
            together and flushes once.

            THE REQUESTS
            --method SERVICE.METHOD (default echo.Echo) is resolved through the descriptors \
            compiled into loadgen: SERVICE is the proto package (employment → the methods of \
            employment.Employment); an unknown service or method is a usage error. --data gives \
            the request as proto3 JSON, the mapping `window call` uses (lowerCamelCase names, \
            64-bit integers as strings, bytes as base64, enums by name); @FILE reads a file, @- \
            standard input. Without --data, echo.Echo sends a blob of --payload bytes of 'a' and \
            any other method an empty request ({}).

            With --vary LOW-HIGH every {n} in the --data text is replaced by an integer, so the \
            calls do not all hit one row: loadgen builds a pool of --templates requests (default \
            1024, at most 65536), each with n drawn uniformly from LOW…HIGH by a generator seeded \
            with --seed (default 1; the same seed gives the same requests), and the calls cycle \
            through the pool, every connection from its own starting point. Every {id} is replaced \
            by the 18-character ID number of synthetic resident n, the resident the offices' scale \
            benches seed under that number (employment bench-store, assistance bench, health \
            bench-store, security bench-store; LOW-HIGH within 1-3000000), so calls by ID number \
            find the residents the offices hold. --metadata \
            KEY=VALUE (repeatable) is sent on every request (authorization, purpose, …).

            Every request is encoded once at start-up (a Wire.Frame with call id 0, through \
            protobuf-c); a call writes it with FrameCodec.forward, which appends an encoded frame \
            holding only the call id — a later scalar overrides an earlier one, as when the broker \
            forwards. Every response is decoded with FrameCodec.

            MEASURING
            Latency is measured from the moment a request is issued to the read that brought its \
            response, on the monotonic clock, into an HdrHistogram (3 significant digits). The \
            first --warmup seconds are not recorded; then the window of --duration seconds is: \
            calls/s = OK responses received in the window / --duration. A response counts as an \
            error unless its status is OK (the summary shows a sample of the status messages). \
            The first OK response of every connection (every one with --verify) is checked: for \
            echo.Echo it must decode as echo.EchoResponse carrying the request's text and blob, \
            for any other method it must decode as the method's response type. --concurrency 1 \
            gives the latency of one call at a time.

            The broker admits 1024 calls in flight per connection by default (--max-in-flight); \
            more in flight needs more --connections. Keep --threads small on a small machine: the \
            load generator shares the CPUs with the broker and the service it measures.

            Exit status: 0 all calls succeeded, 1 some calls failed or a connection broke (the \
            results are still printed), 2 the target could not be reached, 64 usage (including \
            an unknown method or --data that does not fit the request type).

            EXAMPLES
              loadgen --target 127.0.0.1:7000
              loadgen --target 127.0.0.1:7000 --concurrency 1 --duration 5 --label serial
              loadgen --target 127.0.0.1:7100 --concurrency 256 --connections 8 --json
              loadgen --target 127.0.0.1:7000 --payload 4096 --verify
              loadgen --target 127.0.0.1:7000 --method employment.GetJobSeeker \\
                --data '{"seekerId":"S{n}"}' --vary 1-1000000 --metadata purpose=benchmark
              loadgen --target 127.0.0.1:7000 --method window.GetResidentOverview \\
                --data '{"idNumber":"{id}"}' --vary 1-1000000 --templates 65536 \\
                --metadata "authorization=Bearer $CLERK_TOKEN"
              loadgen --target 127.0.0.1:7000 --method employment.MatchVacancies \\
                --data @match.json --vary 1-300 --templates 4096 --seed 7 \\
                --metadata 'authorization=Bearer abc'
            """)

    @Option(help: "Broker or direct service listener, HOST:PORT.")
    var target: String

    @Option(help: "The method to call, SERVICE.METHOD (e.g. employment.GetJobSeeker).")
    var method = "echo.Echo"

    @Option(
        help: ArgumentHelp(
            "The request as proto3 JSON, @FILE to read a file, @- to read standard input (default: see --payload).",
            valueName: "json"))
    var data: String?

    @Option(
        help: ArgumentHelp(
            "Replace every {n} in --data by an integer n drawn from LOW…HIGH, every {id} by synthetic resident n's ID number.", valueName: "low-high"))
    var vary: VaryRange?

    @Option(help: "With --vary: distinct requests built at start-up and cycled through (1…65536).")
    var templates = 1024

    @Option(help: "With --vary: seed of the numbers drawn (the same seed, the same requests).")
    var seed: UInt64 = 1

    @Option(name: .customLong("metadata"), help: ArgumentHelp("Metadata sent with every request (repeatable).", valueName: "key=value"))
    var metadata: [MetadataPair] = []

    @Option(help: "Calls kept in flight in total (1…10000).")
    var concurrency = 32

    @Option(help: "TCP connections the calls are spread over (default: min(concurrency, 4)).")
    var connections: Int?

    @Option(help: "Event-loop threads of the load generator (1…8).")
    var threads = 1

    @Option(help: "echo.Echo without --data: size of the echoed blob in each request, bytes (0…1048576; default 100).")
    var payload: Int?

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

    @Flag(help: "Check every OK response's payload, not only each connection's first (slower).")
    var verify = false

    /// Each connection keeps a histogram of ~230 kB (1 ns to 100 s at 3 significant digits).
    static let maximumConnections = 256

    var connectionCount: Int { connections ?? min(concurrency, 4) }

    /// The echoed blob of the default echo.Echo request, bytes.
    var blobBytes: Int { payload ?? 100 }

    func validate() throws {
        guard PeerAddress(target) != nil else { throw ValidationError("--target must be HOST:PORT (got \"\(target)\")") }
        guard (1...10_000).contains(concurrency) else { throw ValidationError("--concurrency must be 1…10000") }
        guard (1...min(concurrency, Self.maximumConnections)).contains(connectionCount) else {
            throw ValidationError("--connections must be 1…\(min(concurrency, Self.maximumConnections)) (at most --concurrency)")
        }
        guard (1...8).contains(threads) else { throw ValidationError("--threads must be 1…8") }
        guard duration > 0, duration <= 600 else { throw ValidationError("--duration must be more than 0 and at most 600 s") }
        guard warmup >= 0, warmup <= 60 else { throw ValidationError("--warmup must be 0…60 s") }
        let resolved: MethodTarget
        do {
            resolved = try MethodTarget.resolve(method)
        } catch {
            throw ValidationError(error.description)
        }
        if payload != nil {
            guard resolved.isEcho, data == nil else {
                throw ValidationError("--payload sets the blob of the default echo.Echo request; with --data or another --method, give the request in --data")
            }
        }
        guard (0...1 << 20).contains(blobBytes) else { throw ValidationError("--payload must be 0…1048576 bytes") }
        guard concurrency * (blobBytes + 64) <= 1 << 30 else {
            throw ValidationError("--concurrency × --payload must stay under 1 GiB in flight")
        }
        guard (1...65_536).contains(templates) else { throw ValidationError("--templates must be 1…65536") }
        if vary != nil, data == nil {
            throw ValidationError("--vary replaces {n} and {id} in --data: give --data too")
        }
    }

    func run() async throws {
        let address = PeerAddress(target)!
        let methodTarget: MethodTarget
        do {
            methodTarget = try MethodTarget.resolve(method)
        } catch {
            throw runFailure(error.description, status: ExitCode.validationFailure.rawValue)
        }
        let requestMetadata = Dictionary(metadata.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
        let pool: RequestPool
        do {
            pool = try RequestPool(
                target: methodTarget, payloads: try requestPayloads(for: methodTarget),
                deadlineMs: deadlineMs, metadata: requestMetadata)
        } catch {
            throw runFailure("\(error)", status: ExitCode.validationFailure.rawValue)
        }
        guard concurrency * pool.maximumFrameBytes <= 1 << 30 else {
            throw runFailure(
                "--concurrency × the largest request (\(pool.maximumFrameBytes) bytes) must stay under 1 GiB in flight",
                status: ExitCode.validationFailure.rawValue)
        }
        do {
            try pool.selfCheck(target: methodTarget, deadlineMs: deadlineMs, metadata: requestMetadata)
        } catch {
            throw runFailure(error.description, status: 1)
        }

        let shares = Self.split(concurrency, into: connectionCount)
        if let largest = shares.max(), largest > 1024 {
            FileHandle.standardError.write(
                Data(
                    "loadgen: warning: \(largest) calls in flight per connection exceeds the broker's default limit of 1024; use more --connections\n".utf8))
        }

        let group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
        let prototype = Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 100_000_000_000, numberOfSignificantValueDigits: .three)
        let verifyAll = verify
        // One promise per connection, completed by its handler when its run ends (or it breaks).
        let done = shares.map { _ in group.any().makePromise(of: ConnectionResult.self) }
        var channels: [any Channel] = []
        do {
            for (index, (share, promise)) in zip(shares, done).enumerated() {
                // Each connection starts at its own place in the pool.
                let first = index * pool.frames.count / shares.count
                let channel = try await ClientBootstrap(group: group)
                    .channelOption(.socketOption(.tcp_nodelay), value: 1)
                    .connectTimeout(.seconds(5))
                    .channelInitializer { channel in
                        channel.eventLoop.makeCompletedFuture {
                            try channel.pipeline.syncOperations.addHandler(
                                LoadConnectionHandler(
                                    pool: pool, firstTemplate: first, inFlight: share,
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

        let workload = Workload(
            method: methodTarget.fullName,
            blobBytes: data == nil && methodTarget.isEcho ? blobBytes : nil,
            fromData: data != nil,
            templates: pool.frames.count, distinct: pool.distinct,
            vary: vary, seed: vary == nil ? nil : seed,
            requestBytesMin: pool.requestBytesMin, requestBytesMax: pool.requestBytesMax,
            requestBytesMean: pool.requestBytesMean,
            metadataKeys: requestMetadata.keys.sorted())
        let summary = Summary(results: results, options: self, workload: workload)
        print(json ? summary.json() : summary.text())
        if summary.errors > 0 || !summary.failures.isEmpty {
            throw ExitCode(1)
        }
    }

    /// The serialized request message of every template: the default echo.Echo blob, or --data
    /// (an empty request when a method other than echo.Echo is called without it).
    private func requestPayloads(for methodTarget: MethodTarget) throws -> [[UInt8]] {
        guard let data else {
            if methodTarget.isEcho {
                return [try Echo.EchoRequest(blob: [UInt8](repeating: 0x61, count: blobBytes)).serializedBytes()]
            }
            return try RequestPool.payloads(json: "{}", schema: methodTarget.requestSchema, vary: nil, count: 1, seed: seed)
        }
        let text = try Self.read(data)
        let placeholders = RequestPlaceholders.present(in: text)
        if vary != nil, !placeholders {
            throw RequestPool.BadRequest(
                description: "--vary is given but --data has no \(RequestPlaceholders.number) or \(RequestPlaceholders.residentID) to replace")
        }
        if vary == nil, placeholders {
            throw RequestPool.BadRequest(
                description:
                    "--data contains \(RequestPlaceholders.number) or \(RequestPlaceholders.residentID): give --vary LOW-HIGH for the numbers to put there")
        }
        if let vary, let problem = RequestPlaceholders.problem(filling: text, from: vary) {
            throw RequestPool.BadRequest(description: problem)
        }
        return try RequestPool.payloads(
            json: text, schema: methodTarget.requestSchema, vary: vary, count: templates, seed: seed)
    }

    /// The text of --data: itself, or the contents of @FILE, or standard input for @-.
    private static func read(_ data: String) throws(RequestPool.BadRequest) -> String {
        guard data.hasPrefix("@") else { return data }
        let path = String(data.dropFirst())
        if path == "-" {
            return String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        }
        guard let contents = FileManager.default.contents(atPath: path) else {
            throw RequestPool.BadRequest(description: "--data: cannot read \(path)")
        }
        return String(decoding: contents, as: UTF8.self)
    }

    /// Concurrency spread over connections: the first ones take one more when it does not divide.
    static func split(_ total: Int, into parts: Int) -> [Int] {
        (0..<parts).map { total / parts + ($0 < total % parts ? 1 : 0) }
    }
}

/// Prints `message` to standard error; the returned ExitCode ends the run with `status`.
func runFailure(_ message: String, status: Int32) -> ExitCode {
    FileHandle.standardError.write(Data("loadgen: \(message)\n".utf8))
    return ExitCode(status)
}
