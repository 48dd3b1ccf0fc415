import NIOCore
import WireProtocol

/// The audit batch the broker's event loop builds as it answers calls, handed to the
/// ``AuditWriter`` whole.
///
/// It exists to keep the log's cost on the event loop to encoding each call where it ends: the
/// call's fields are appended to the batch (``AuditBatchBuilder``) as they are, with no copy of
/// the call, no lock and no other thread involved. The batch goes to the writer when it holds
/// ``AuditWriter/Configuration/maximumBatch`` records, ``AuditWriter/Configuration/maximumDelay``
/// after its first, when an audit query needs every call answered before it written
/// (``handOver()``, then ``AuditWriter/flush()``), and when the broker stops. Each record's time is
/// the wall clock when its call ended, read through the event loop's monotonic clock (the wall
/// clock itself is read at most every 100 ms).
///
/// Confined to the broker's event loop, like ``BrokerState`` that owns it.
final class AuditStage {
    let log: AuditLog
    private let loop: any EventLoop
    private let batchLimit: Int
    private let delay: TimeAmount
    private var batch: AuditBatchBuilder
    /// The writer's hand-over of the batch at its delay; nil while the batch is empty.
    private var due: Scheduled<Void>?
    /// The wall clock, in milliseconds, at `wallClockAt`.
    private var wallClockMilliseconds: Int64 = 0
    private var wallClockAt: NIODeadline?

    init(log: AuditLog, loop: any EventLoop) {
        self.log = log
        self.loop = loop
        // A batch the writer's queue could never take whole would always be dropped.
        batchLimit = min(log.writer.configuration.maximumBatch, log.writer.configuration.capacity)
        delay = TimeAmount(log.writer.configuration.maximumDelay)
        batch = AuditBatchBuilder(capacity: batchLimit)
    }

    /// Records one call; `now` is when it ended, `start` when its request arrived.
    func record(
        caller: Caller, service: String, method: String, purpose: String, requestID: String, residents: String?, status: Wire.StatusCode,
        since start: NIODeadline, now: NIODeadline = .now(), breakTheGlass: Bool = false
    ) {
        if batch.isEmpty { scheduleHandOver() }
        let viaService = !caller.via.isEmpty
        batch.append(
            timeMilliseconds: wallClockMilliseconds(at: now), principal: viaService ? caller.via : caller.id,
            onBehalfOf: viaService ? caller.id : "", roles: caller.auditRoles, service: service, method: method, purpose: purpose,
            requestID: requestID, residents: residents ?? "", status: status.rawValue, durationMicroseconds: (now - start).nanoseconds / 1000,
            breakTheGlass: breakTheGlass)
        if batch.count >= batchLimit { handOver() }
    }

    /// Records one call of the broker's own methods, which report no residents.
    func record(caller: Caller, service: String, method: String, metadata: RequestMetadata, status: Wire.StatusCode, since start: NIODeadline) {
        record(
            caller: caller, service: service, method: method, purpose: metadata.purpose, requestID: metadata.requestID, residents: nil, status: status,
            since: start)
    }

    /// Queues the batch built so far for the writer (a full queue drops and counts it, see
    /// ``AuditWriter/record(batch:)``) and starts a new one. Never blocks.
    func handOver() {
        due?.cancel()
        due = nil
        guard !batch.isEmpty else { return }
        var built = AuditBatchBuilder(capacity: batchLimit)
        swap(&built, &batch)
        log.writer.record(batch: built)
    }

    private func scheduleHandOver() {
        due = loop.assumeIsolated().scheduleTask(in: delay) { [self] in
            due = nil
            handOver()
        }
    }

    /// The wall clock in milliseconds at `now`: the last reading plus the monotonic time since,
    /// read again when that is older than 100 ms (or `now` is before it).
    private func wallClockMilliseconds(at now: NIODeadline) -> Int64 {
        if let at = wallClockAt {
            let elapsed = (now - at).nanoseconds
            if elapsed >= 0 && elapsed < 100_000_000 { return wallClockMilliseconds + elapsed / 1_000_000 }
        }
        wallClockMilliseconds = AuditWriter.nowMilliseconds()
        wallClockAt = now
        return wallClockMilliseconds
    }
}
