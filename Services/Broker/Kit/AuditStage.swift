import NIOCore
import WireProtocol

/// The audit entries of the calls the broker answered since it last flushed its connections,
/// handed to the ``AuditWriter`` together when it does.
///
/// It exists to keep the log's cost on the event loop to a copy per call. Handing each call over
/// on its own took the writer's lock, looked at both writer threads and read the wall clock, per
/// call; a read cycle answers several calls, and its replies leave together when the broker
/// flushes at its end (``BrokerState/flush()``), so that is when their entries are handed over and
/// stamped. A reply is therefore never seen by its caller before its entry is queued: an auditor
/// who asks after it (``AuditWriter/flush()``) finds it.
///
/// Confined to the broker's event loop, like ``BrokerState`` that owns it.
final class AuditStage {
    let log: AuditLog
    private var staged: [AuditWriter.Entry] = []

    init(log: AuditLog) {
        self.log = log
    }

    /// Stages one call; `now` is when it ended, `start` when its request arrived.
    func record(
        caller: Caller, service: String, method: String, purpose: String, requestID: String, residents: String?, status: Wire.StatusCode,
        since start: NIODeadline, now: NIODeadline = .now(), breakTheGlass: Bool = false
    ) {
        let viaService = !caller.via.isEmpty
        staged.append(
            AuditWriter.Entry(
                principal: viaService ? caller.via : caller.id, onBehalfOf: viaService ? caller.id : "", roles: caller.auditRoles,
                service: service, method: method, purpose: purpose, requestID: requestID, residents: residents ?? "", status: status.rawValue,
                durationMicroseconds: (now - start).nanoseconds / 1000, breakTheGlass: breakTheGlass))
    }

    /// Stages one call of the broker's own methods, which report no residents.
    func record(caller: Caller, service: String, method: String, metadata: RequestMetadata, status: Wire.StatusCode, since start: NIODeadline) {
        record(
            caller: caller, service: service, method: method, purpose: metadata.purpose, requestID: metadata.requestID, residents: nil, status: status,
            since: start)
    }

    /// Stamps the staged entries with the wall clock, once, and queues them for the writer; a full
    /// queue drops and counts (see ``AuditWriter``). Never blocks.
    func handOver() {
        guard !staged.isEmpty else { return }
        let now = AuditWriter.nowMilliseconds()
        for index in staged.indices { staged[index].timeMilliseconds = now }
        // The array goes to the writer whole; the next cycle starts a new one, sized like this.
        var entries: [AuditWriter.Entry] = []
        entries.reserveCapacity(staged.count)
        swap(&entries, &staged)
        log.writer.record(contentsOf: entries)
    }
}
