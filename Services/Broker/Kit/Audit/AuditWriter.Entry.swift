extension AuditWriter {
    /// One call as a caller of ``AuditWriter/record(contentsOf:)`` hands it over: its fields as
    /// routing has them.
    ///
    /// It exists for callers that record calls one by one rather than build a batch (the broker's
    /// event loop builds its own, see `AuditStage`). ``AuditBatchBuilder`` bounds the free text
    /// and replaces NUL as ``AuditRecord`` does when it encodes the call, and the committer turns
    /// the reported residents into keyed hashes.
    package struct Entry: Sendable {
        /// When the call ended: a UTC instant in milliseconds since 1970-01-01T00:00:00Z.
        package var timeMilliseconds: Int64 = 0
        package var principal: String
        package var onBehalfOf: String
        package var roles: AuditRoles
        package var service: String
        package var method: String
        package var purpose: String
        package var requestID: String
        /// Keys computed already (a record handed over whole); replaced by `residents` when that
        /// is not empty.
        package var residentKeys: [ResidentKey] = []
        /// The ID numbers the service reported, separated by ","; the writer keeps the first 1,000.
        package var residents: String
        package var status: Int32
        package var durationMicroseconds: Int64
        package var breakTheGlass: Bool
    }
}

extension AuditWriter.Entry {
    /// A record made already, with `residents` still to be turned into keys.
    init(_ record: AuditRecord, residents: String) {
        self.init(
            timeMilliseconds: record.timeMilliseconds, principal: record.principal, onBehalfOf: record.onBehalfOf, roles: AuditRoles(record.roles),
            service: record.service, method: record.method, purpose: record.purpose, requestID: record.requestID,
            residentKeys: record.residentKeys, residents: residents, status: record.status, durationMicroseconds: record.durationMicroseconds,
            breakTheGlass: record.breakTheGlass)
    }
}
