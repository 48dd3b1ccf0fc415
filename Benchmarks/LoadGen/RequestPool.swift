import ArgumentParser
import EchoContract
import NIOCore
import ProtoReflection
import WireProtocol

/// The requests of a run, each serialized once at start-up: a Wire.Frame with call id 0 (absent
/// in proto3), encoded by `FrameCodec.encode` (protobuf-c), length prefix removed. A call writes
/// one of them with `FrameCodec.forward(_:overridingCallId:into:)`: a new length prefix, the
/// template bytes, then an encoded frame carrying only the call id — a later scalar overrides an
/// earlier one, so the peer decodes the template with this call's id (the broker forwards the
/// same way). Calls cycle through the pool.
struct RequestPool: Sendable {
    /// Serialized request frames without call id and without length prefix, one per template.
    /// Templates with equal request messages share one buffer.
    let frames: [ByteBuffer]
    /// What each template's response is checked against (`ResponseCheck.problem`).
    let check: ResponseCheck
    /// Distinct request messages in the pool.
    let distinct: Int
    /// Serialized sizes of the request messages (the frames' payloads), over the pool.
    let requestBytesMin: Int
    let requestBytesMax: Int
    let requestBytesMean: Double

    /// Bytes the largest request takes on the wire with the largest call id: length prefix,
    /// template, and the call id frame (tag and a varint of at most 10 bytes).
    var maximumFrameBytes: Int { 4 + (frames.map(\.readableBytes).max() ?? 0) + 11 }

    /// What the distinct request messages of a pool may take together.
    static let maximumPoolBytes = 1 << 30

    /// A request that cannot be built from the command line (exit 64).
    struct BadRequest: Error, CustomStringConvertible {
        let description: String
    }

    /// Every template frame for `target`: `payloads[i]` is the serialized request message of
    /// template i. Equal payloads share one encoded frame.
    init(target: MethodTarget, payloads: [[UInt8]], deadlineMs: UInt32, metadata: [String: String]) throws(BadRequest) {
        precondition(!payloads.isEmpty)
        var encoded: [[UInt8]: ByteBuffer] = [:]
        var frames: [ByteBuffer] = []
        frames.reserveCapacity(payloads.count)
        var total = 0
        for payload in payloads {
            total += payload.count
            if let frame = encoded[payload] {
                frames.append(frame)
                continue
            }
            let frame = Wire.Frame(
                callId: 0, kind: .request, service: target.service, method: target.method,
                deadlineMs: deadlineMs, metadata: metadata, payload: payload)
            var buffer = ByteBufferAllocator().buffer(capacity: payload.count + 64)
            FrameCodec.encode(frame, into: &buffer)
            buffer.moveReaderIndex(forwardBy: 4)
            let body = buffer.slice()
            encoded[payload] = body
            frames.append(body)
        }
        self.frames = frames
        self.distinct = encoded.count
        self.requestBytesMin = payloads.map(\.count).min()!
        self.requestBytesMax = payloads.map(\.count).max()!
        self.requestBytesMean = Double(total) / Double(payloads.count)
        if target.isEcho {
            var requests: [Echo.EchoRequest] = []
            requests.reserveCapacity(payloads.count)
            var decoded: [[UInt8]: Echo.EchoRequest] = [:]
            for payload in payloads {
                if let request = decoded[payload] {
                    requests.append(request)
                    continue
                }
                do {
                    let request = try Echo.EchoRequest(serializedBytes: payload)
                    decoded[payload] = request
                    requests.append(request)
                } catch {
                    throw BadRequest(description: "an echo.Echo request does not decode as echo.EchoRequest: \(error)")
                }
            }
            self.check = .echo(requests)
        } else {
            self.check = .schema(target.responseSchema)
        }
    }

    /// The serialized request messages from the proto3 JSON `text` (what `window call` takes), one
    /// per template: without `vary` one, with it `count` of them, the placeholders in the text filled
    /// from a number drawn uniformly from the range (seeded, so a run is reproducible).
    static func payloads(
        json text: String, schema: MessageSchema, vary: VaryRange?, count: Int, seed: UInt64
    ) throws(BadRequest) -> [[UInt8]] {
        func encode(_ json: String) throws(BadRequest) -> [UInt8] {
            do {
                return try ProtoCBridge.encode(ProtoJSON.message(fromJSON: json, schema: schema))
            } catch {
                throw BadRequest(description: "--data does not fit \(schema.fullName): \(error)\n  request: \(json)")
            }
        }
        guard let vary else { return [try encode(text)] }
        var generator = SplitMix64(seed: seed)
        var byNumber: [Int64: [UInt8]] = [:]
        var distinctBytes = 0
        var payloads: [[UInt8]] = []
        payloads.reserveCapacity(count)
        for _ in 0..<count {
            let n = vary.draw(using: &generator)
            if let payload = byNumber[n] {
                payloads.append(payload)
            } else {
                let payload = try encode(RequestPlaceholders.fill(text, n: n))
                byNumber[n] = payload
                payloads.append(payload)
                distinctBytes += payload.count
                guard distinctBytes <= Self.maximumPoolBytes else {
                    throw BadRequest(description: "the --templates requests take more than 1 GiB; use fewer --templates or a smaller --data")
                }
            }
        }
        return payloads
    }

    /// Writes a few requests for large and small call ids, reads them back with `FrameReader` and
    /// decodes them with `FrameCodec`: the call id must be this call's and everything else the
    /// template's. Done once at start-up, so a broken template never reaches the target.
    func selfCheck(target: MethodTarget, deadlineMs: UInt32, metadata: [String: String]) throws(BadRequest) {
        for index in Set([0, frames.count / 2, frames.count - 1]).sorted() {
            let expected: Wire.Frame
            do {
                expected = try FrameCodec.decode(frames[index])
            } catch {
                throw BadRequest(description: "request template \(index) does not decode: \(error)")
            }
            guard expected.callId == 0, expected.kind == .request, expected.service == target.service,
                expected.method == target.method, expected.deadlineMs == deadlineMs, expected.metadata == metadata
            else {
                throw BadRequest(description: "request template \(index) decodes as \(expected)")
            }
            for callId: UInt64 in [1, 300, 1 << 40 | 7, .max] {
                var buffer = ByteBufferAllocator().buffer(capacity: maximumFrameBytes)
                FrameCodec.forward(frames[index], overridingCallId: callId, into: &buffer)
                guard buffer.readableBytes <= maximumFrameBytes else {
                    throw BadRequest(description: "request \(index) takes \(buffer.readableBytes) bytes, more than the \(maximumFrameBytes) expected")
                }
                var reader = FrameReader(maxFrameBytes: 64 * 1024 * 1024)
                reader.append(buffer)
                let frame: Wire.Frame
                do {
                    guard let body = try reader.next(), reader.bufferedBytes == 0 else {
                        throw BadRequest(description: "request \(index) with call id \(callId): bad length prefix")
                    }
                    frame = try FrameCodec.decode(body)
                } catch let error as BadRequest {
                    throw error
                } catch {
                    throw BadRequest(description: "request \(index) with call id \(callId) does not decode: \(error)")
                }
                var withId = expected
                withId.callId = callId
                guard frame == withId else {
                    throw BadRequest(description: "request \(index) with call id \(callId) decodes as \(frame)")
                }
            }
        }
    }
}

/// How a response's payload is checked (the first OK response of every connection, every one
/// with --verify): echo.Echo's is decoded as `Echo.EchoResponse` and must carry the text and blob
/// of the request; any other method's is decoded with the response type's descriptor
/// (`ProtoCBridge`), proving it is a well-formed message of that type.
enum ResponseCheck: Sendable {
    /// The request of every template.
    case echo([Echo.EchoRequest])
    case schema(MessageSchema)

    /// nil when the payload of the response to template `index` is right.
    func problem(payload: [UInt8], template index: Int) -> String? {
        switch self {
        case .echo(let requests):
            let response: Echo.EchoResponse
            do {
                response = try Echo.EchoResponse(serializedBytes: payload)
            } catch {
                return "the response payload is not an echo.EchoResponse: \(error)"
            }
            let request = requests[index]
            if response.blob != request.blob {
                return "the echoed blob (\(response.blob.count) bytes) differs from the request's (\(request.blob.count) bytes)"
            }
            if response.text != request.text {
                return "the echoed text differs from the request's"
            }
            return nil
        case .schema(let schema):
            do {
                _ = try ProtoCBridge.decode(payload, as: schema)
                return nil
            } catch {
                return "the response payload is not a well-formed \(schema.fullName): \(error)"
            }
        }
    }
}

/// `--vary LOW-HIGH`: the integers `{n}` (and the residents `{id}`) in --data are replaced with.
struct VaryRange: Sendable, Equatable, ExpressibleByArgument, CustomStringConvertible {
    let low: Int64
    let high: Int64

    init?(argument: String) {
        // The separator is the first '-' after the first character, so LOW may be negative.
        guard argument.count > 2,
            let dash = argument.dropFirst().firstIndex(of: "-"),
            let low = Int64(argument[..<dash]),
            let high = Int64(argument[argument.index(after: dash)...]),
            low <= high
        else { return nil }
        self.low = low
        self.high = high
    }

    var description: String { "\(low)-\(high)" }

    /// A number from the range, every one equally likely (Lemire's multiply-and-reject, spelled
    /// out here so the numbers a seed gives do not depend on the standard library's version).
    func draw(using generator: inout SplitMix64) -> Int64 {
        let span = UInt64(bitPattern: high &- low)
        guard span != .max else { return Int64(bitPattern: generator.next()) }
        let count = span + 1
        let threshold = (0 &- count) % count
        while true {
            let product = generator.next().multipliedFullWidth(by: count)
            if product.low >= threshold {
                return low &+ Int64(bitPattern: product.high)
            }
        }
    }
}

/// `--metadata KEY=VALUE`.
struct MetadataPair: Sendable, ExpressibleByArgument {
    let key: String
    let value: String

    init?(argument: String) {
        guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else { return nil }
        key = String(argument[..<equals])
        value = String(argument[argument.index(after: equals)...])
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): a small seeded generator, so the same --seed draws the
/// same numbers on every machine and Swift version.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
