import Foundation

/// One call through the broker as the audit log keeps it: when, who, on whose behalf, with which
/// roles, which method, why, which residents' data, and how it ended.
///
/// It exists as the single value the broker hands to ``AuditWriter/record(_:)`` at the end of every
/// call. Free text that a caller controls (purpose, request id, even service and method names of a
/// refused call) is bounded here, so a record's size never depends on a caller's whim, and NUL
/// characters are replaced (SQLite text would cut them off on reading and break the hash chain).
/// The purpose is stored, never logged.
package struct AuditRecord: Sendable, Hashable {
    /// The longest purpose kept, in Unicode scalars (one scalar is one Chinese character).
    package static let maximumPurposeLength = 200
    /// The longest principal id, service, method or request id kept, in Unicode scalars.
    package static let maximumNameLength = 256

    /// When the call ended: a UTC instant in milliseconds since 1970-01-01T00:00:00Z.
    package var timeMilliseconds: Int64
    /// The principal the broker authenticated on the connection.
    package var principal: String
    /// The person a composed call acts for (the window, or one office asking another); empty
    /// when the principal acted for itself.
    package var onBehalfOf: String
    /// The roles the call was authorised with, sorted, without duplicates or empty names. Stored
    /// comma-joined (``rolesJoined``), as `x-principal-roles` carries them, so a role name has no comma.
    package var roles: [String] {
        get { rolesJoined.isEmpty ? [] : rolesJoined.split(separator: ",").map(String.init) }
        set { rolesJoined = AuditRoles(newValue).joined }
    }
    /// ``roles`` joined by ",": how the record keeps them, one string rather than an array a call.
    package private(set) var rolesJoined: String
    /// The service and method named in the request, as routed.
    package var service: String
    package var method: String
    /// Why the data was accessed, as the caller declared it (free text, bounded).
    package var purpose: String
    /// The residents whose data the call read or wrote, as the service reported them: their
    /// keyed hashes, each once, in the order first reported.
    package var residentKeys: [ResidentKey]
    /// The gRPC status code of the reply (0 OK … 16 UNAUTHENTICATED).
    package var status: Int32
    /// From the request's arrival to the reply, in microseconds.
    package var durationMicroseconds: Int64
    /// The request id of the call (from its metadata), to match the log with service logs.
    package var requestID: String
    /// The office reported the call as break-the-glass (`x-break-the-glass`): a read of one of its
    /// most sensitive records outside the caller's normal scope, on the purpose stated. Such calls
    /// are listed for review (`window audit review`).
    package var breakTheGlass: Bool

    package init(
        timeMilliseconds: Int64, principal: String, onBehalfOf: String = "", roles: some Sequence<String>, service: String, method: String,
        purpose: String, residentKeys: [ResidentKey] = [], status: Int32, durationMicroseconds: Int64, requestID: String,
        breakTheGlass: Bool = false
    ) {
        self.init(
            timeMilliseconds: timeMilliseconds, principal: principal, onBehalfOf: onBehalfOf, roles: AuditRoles(roles), service: service,
            method: method, purpose: purpose, residentKeys: residentKeys, status: status, durationMicroseconds: durationMicroseconds,
            requestID: requestID, breakTheGlass: breakTheGlass)
    }

    /// A record whose roles were normalised already (a caller's, once a connection): what the
    /// broker uses for every call.
    package init(
        timeMilliseconds: Int64, principal: String, onBehalfOf: String = "", roles: AuditRoles, service: String, method: String,
        purpose: String, residentKeys: [ResidentKey] = [], status: Int32, durationMicroseconds: Int64, requestID: String,
        breakTheGlass: Bool = false
    ) {
        self.timeMilliseconds = timeMilliseconds
        self.principal = Self.bounded(principal, Self.maximumNameLength)
        self.onBehalfOf = Self.bounded(onBehalfOf, Self.maximumNameLength)
        self.rolesJoined = roles.joined
        self.service = Self.bounded(service, Self.maximumNameLength)
        self.method = Self.bounded(method, Self.maximumNameLength)
        self.purpose = Self.bounded(purpose, Self.maximumPurposeLength)
        self.residentKeys = Self.distinct(residentKeys)
        self.status = status
        self.durationMicroseconds = durationMicroseconds
        self.requestID = Self.bounded(requestID, Self.maximumNameLength)
        self.breakTheGlass = breakTheGlass
    }

    /// `keys` without repeats, in the order first seen.
    static func distinct(_ keys: [ResidentKey]) -> [ResidentKey] {
        // The usual case, no resident or one, needs no set.
        guard keys.count > 1 else { return keys }
        var seen = Set<ResidentKey>()
        return keys.filter { seen.insert($0).inserted }
    }

    /// `text` cut to `limit` Unicode scalars, with NUL replaced by U+FFFD. Bounded in scalars,
    /// not characters, so that one character of many combining marks cannot make it unbounded.
    /// Whether `text` holds a NUL byte: one `memchr` over its UTF-8 (the writer asks this of
    /// every text of every call it encodes).
    static func containsNUL(_ text: String) -> Bool {
        let found = text.utf8.withContiguousStorageIfAvailable { bytes in bytes.isEmpty ? false : memchr(bytes.baseAddress!, 0, bytes.count) != nil }
        return found ?? text.utf8.contains(0)
    }

    static func bounded(_ text: String, _ limit: Int) -> String {
        // Fast path, the usual case: few enough bytes (so few enough scalars) and no NUL.
        if text.utf8.count <= limit && !containsNUL(text) { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars.prefix(limit) {
            scalars.append(scalar == "\0" ? "\u{FFFD}" : scalar)
        }
        return String(scalars)
    }
}
