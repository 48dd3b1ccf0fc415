import Foundation
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
        let keys = (residents ?? "").split(separator: ",").prefix(1000).map { store.residentKey(for: String($0)) }
        _ = writer.record(
            AuditRecord(
                timeMilliseconds: Int64((Date().timeIntervalSince1970 * 1000).rounded()), principal: caller.via.isEmpty ? caller.id : caller.via,
                onBehalfOf: caller.via.isEmpty ? "" : caller.id,
                roles: caller.auditRoles,
                service: service, method: method, purpose: metadata[MetadataKey.purpose] ?? "", residentKeys: keys,
                status: status.rawValue, durationMicroseconds: (NIODeadline.now() - start).nanoseconds / 1000,
                requestID: metadata[MetadataKey.requestID] ?? "", breakTheGlass: breakTheGlass))
    }
}
