import Histogram
import NIOCore
import WireClient
import WireProtocol

/// When to start and stop recording, on the monotonic clock (`NIODeadline.uptimeNanoseconds`).
/// Sent to every connection as a user inbound event; receiving it starts the load.
struct LoadSchedule: Sendable {
    /// Responses before this are warm-up: answered, not recorded.
    let recordFrom: UInt64
    /// No request is sent from this moment on; later responses are not recorded.
    let recordUntil: UInt64
}

/// What one connection measured, handed over once when its run ends.
struct ConnectionResult: Sendable {
    var histogram: Histogram<UInt64>
    /// OK responses received inside the measured window (their latencies are in `histogram`).
    var ok = 0
    /// Responses with a status other than OK (or none) inside the measured window.
    var errors = 0
    /// Requests written over the whole run, warm-up included.
    var sent = 0
    /// Responses over the whole run, warm-up included.
    var received = 0
    /// Distinct error descriptions and how often each occurred (at most a few kept).
    var errorSamples: [String: Int] = [:]
    /// Set when the connection broke: it stopped generating load before the end.
    var failure: String?
}

/// Keeps `inFlight` calls outstanding on one connection, pipelined: each response is matched to
/// its request by call id, its latency recorded, and the next request written at once. Requests
/// written while reading are flushed together once in `channelReadComplete`.
///
/// Requests are the pool's templates in turn, each written with `FrameCodec.forward` (template
/// bytes plus an encoded frame carrying the call id); responses are decoded with `FrameCodec`.
/// Call ids are `(sequence << 16) | slot`, so a response finds its request's send time by index
/// (no dictionary) and a stale or unknown id is detected; `sequence` starts at 1, so ids are
/// never 0 as the protocol requires.
final class LoadConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    static let slotBits: UInt64 = 16
    static let maximumInFlight = 1 << 16 - 1

    private let pool: RequestPool
    private let verifyEveryResponse: Bool
    /// Completed once: at the end of the schedule, or earlier when the connection goes away.
    private let done: EventLoopPromise<ConnectionResult>
    private var finished = false
    private var reader: FrameReader
    private var slotCallIDs: [UInt64]
    private var slotSentAt: [UInt64]
    /// The template each slot's outstanding request was written from.
    private var slotTemplates: [Int]
    /// The template the next request is written from.
    private var nextTemplate: Int
    private var sequence: UInt64 = 1
    private var schedule: LoadSchedule?
    private var outgoing: ByteBuffer
    /// Whether an OK response's payload has been checked on this connection yet.
    private var verifiedOnce = false
    private var result: ConnectionResult

    init(
        pool: RequestPool, firstTemplate: Int, inFlight: Int, verifyEveryResponse: Bool,
        histogram: Histogram<UInt64>, done: EventLoopPromise<ConnectionResult>
    ) {
        precondition((1...Self.maximumInFlight).contains(inFlight))
        precondition(pool.frames.indices.contains(firstTemplate))
        self.done = done
        self.pool = pool
        self.nextTemplate = firstTemplate
        self.verifyEveryResponse = verifyEveryResponse
        self.reader = FrameReader(maxFrameBytes: 64 * 1024 * 1024)
        self.slotCallIDs = Array(repeating: 0, count: inFlight)
        self.slotSentAt = Array(repeating: 0, count: inFlight)
        self.slotTemplates = Array(repeating: 0, count: inFlight)
        self.outgoing = ByteBufferAllocator().buffer(capacity: 0)
        self.result = ConnectionResult(histogram: histogram)
    }

    // MARK: Starting

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard let schedule = event as? LoadSchedule else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        guard self.schedule == nil, !finished else { return }
        self.schedule = schedule
        // Just after the window closes: hand over the results and hang up. Responses still in
        // flight then are not waited for (they would not be recorded anyway).
        context.eventLoop.assumeIsolated().scheduleTask(deadline: .uptimeNanoseconds(schedule.recordUntil) + .milliseconds(1)) {
            self.finish(context: context)
        }
        let now = NIODeadline.now().uptimeNanoseconds
        outgoing = context.channel.allocator.buffer(capacity: slotCallIDs.count * pool.maximumFrameBytes)
        for slot in slotCallIDs.indices {
            issue(slot: slot, now: now)
        }
        flush(context: context)
    }

    // MARK: Reading

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !finished else { return }
        let now = NIODeadline.now().uptimeNanoseconds
        reader.append(unwrapInboundIn(data))
        do {
            while let body = try reader.next() {
                handle(body, now: now, context: context)
                if finished { return }
            }
        } catch {
            fail("\(error)", context: context)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        flush(context: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if !finished, result.failure == nil {
            result.failure = "connection closed by the peer"
        }
        finish(context: context)
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        if !finished, result.failure == nil {
            result.failure = "connection handler removed"
        }
        finish(context: context)
    }

    private func finish(context: ChannelHandlerContext) {
        guard !finished else { return }
        finished = true
        done.succeed(result)
        context.close(promise: nil)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail("\(error)", context: context)
    }

    // MARK: Calls

    private func handle(_ body: ByteBuffer, now: UInt64, context: ChannelHandlerContext) {
        guard let schedule else {
            fail("a frame arrived before any request was sent", context: context)
            return
        }
        let frame: Wire.Frame
        do {
            frame = try FrameCodec.decode(body)
        } catch {
            fail("malformed frame from the peer: \(error)", context: context)
            return
        }
        switch frame.kind {
        case .response:
            break
        case .heartbeat:
            return
        case .error:
            fail("ERROR frame: \(frame.status.map { "\($0.code) \($0.message)" } ?? "no status")", context: context)
            return
        default:
            fail("unexpected frame kind \(frame.kind.protoName)", context: context)
            return
        }
        let slot = Int(truncatingIfNeeded: frame.callId & ((1 << Self.slotBits) - 1))
        guard slot < slotCallIDs.count, frame.callId != 0, slotCallIDs[slot] == frame.callId else {
            fail("response for unknown call id \(frame.callId)", context: context)
            return
        }
        let sentAt = slotSentAt[slot]
        slotCallIDs[slot] = 0
        result.received += 1

        let ok = frame.status?.code == .ok
        if ok, verifyEveryResponse || !verifiedOnce {
            verifiedOnce = true
            if let problem = pool.check.problem(payload: frame.payload, template: slotTemplates[slot]) {
                fail("\(problem) (call id \(frame.callId))", context: context)
                return
            }
        }
        if now >= schedule.recordFrom && now <= schedule.recordUntil {
            if ok {
                result.ok += 1
                result.histogram.record(now &- sentAt)
            } else {
                result.errors += 1
                noteError(frame.status)
            }
        }
        if now < schedule.recordUntil {
            issue(slot: slot, now: now)
        }
    }

    @inline(__always)
    private func issue(slot: Int, now: UInt64) {
        let callId = sequence << Self.slotBits | UInt64(slot)
        sequence += 1
        slotCallIDs[slot] = callId
        slotSentAt[slot] = now
        let template = nextTemplate
        nextTemplate = template + 1 == pool.frames.count ? 0 : template + 1
        slotTemplates[slot] = template
        result.sent += 1
        FrameCodec.forward(pool.frames[template], overridingCallId: callId, into: &outgoing)
    }

    private func flush(context: ChannelHandlerContext) {
        guard outgoing.readableBytes > 0, !finished else { return }
        context.writeAndFlush(wrapOutboundOut(outgoing), promise: nil)
        // Usually the socket took the bytes and the storage is ours again: reused, no allocation.
        outgoing.clear()
    }

    private func fail(_ reason: String, context: ChannelHandlerContext) {
        if result.failure == nil { result.failure = reason }
        finish(context: context)
    }

    private func noteError(_ status: Wire.Status?) {
        let description =
            status.map { $0.message.isEmpty ? "\($0.code)" : "\($0.code): \($0.message)" }
            ?? "response without status"
        if result.errorSamples[description] != nil {
            result.errorSamples[description]! += 1
        } else if result.errorSamples.count < 8 {
            result.errorSamples[description] = 1
        }
    }
}
