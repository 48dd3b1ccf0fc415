extension AuditWriter {
    /// One call as the event loop hands it to the writer: its fields as routing has them.
    ///
    /// It exists so that nothing is computed for the log on the event loop. The writer threads
    /// bound the free text and replace NUL (``AuditRecord``) and turn the reported residents into
    /// keyed hashes; the loop only copies what it holds (most of it short strings stored inline).
    package struct Entry: Sendable {
        /// When the call ended: a UTC instant in milliseconds since 1970-01-01T00:00:00Z. The
        /// broker stamps a read cycle's entries when it hands them over, as their replies leave.
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

    /// The record the log keeps, its residents' keys computed by `key` (the first 1,000
    /// reported, each once).
    func record(key: (String) -> ResidentKey) -> AuditRecord {
        AuditRecord(
            timeMilliseconds: timeMilliseconds, principal: principal, onBehalfOf: onBehalfOf, roles: roles, service: service, method: method,
            purpose: purpose,
            residentKeys: residents.isEmpty ? residentKeys : residents.split(separator: ",").prefix(1000).map { key(String($0)) },
            status: status, durationMicroseconds: durationMicroseconds, requestID: requestID, breakTheGlass: breakTheGlass)
    }
}
