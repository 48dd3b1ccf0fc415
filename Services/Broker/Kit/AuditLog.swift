import NIOCore
import WireProtocol

/// The broker's audit log as routing uses it: the store (queries, resident keys, verification)
/// and the writer that appends off the event loop. Every call the broker answers is recorded:
/// who, with which roles, which method, why, which residents, the status and the duration.
package struct AuditLog: Sendable {
    package let store: AuditStore
    package let writer: AuditWriter

    package init(store: AuditStore, writer: AuditWriter) {
        self.store = store
        self.writer = writer
    }

    /// Records one call; never blocks (a full queue drops and counts, see `AuditWriter`).
    func record(
        caller: Caller, service: String, method: String, metadata: [String: String], residents: String?, status: Wire.StatusCode,
        since start: NIODeadline, breakTheGlass: Bool = false
    ) {
        record(
            caller: caller, service: service, method: method, purpose: metadata[MetadataKey.purpose] ?? "",
            requestID: metadata[MetadataKey.requestID] ?? "", residents: residents, status: status, since: start, breakTheGlass: breakTheGlass)
    }

    /// Records one call whose `purpose` and `request-id` were taken from its metadata already.
    /// The reported `residents` are handed over as they came: the writer threads compute their
    /// keyed hashes, not the event loop.
    func record(
        caller: Caller, service: String, method: String, purpose: String, requestID: String, residents: String?, status: Wire.StatusCode,
        since start: NIODeadline, now: NIODeadline = .now(), breakTheGlass: Bool = false
    ) {
        let viaService = !caller.via.isEmpty
        _ = writer.record(
            AuditRecord(
                timeMilliseconds: AuditWriter.nowMilliseconds(), principal: viaService ? caller.via : caller.id,
                onBehalfOf: viaService ? caller.id : "", roles: caller.auditRoles, service: service, method: method, purpose: purpose,
                status: status.rawValue, durationMicroseconds: (now - start).nanoseconds / 1000, requestID: requestID,
                breakTheGlass: breakTheGlass),
            residents: residents ?? "")
    }
}
