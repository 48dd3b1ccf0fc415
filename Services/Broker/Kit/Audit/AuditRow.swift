import GRDB

/// One `audit_log` row exactly as stored: the column values the hash chain is computed over.
///
/// It exists apart from ``AuditRecord`` because the chain covers the stored text, not a parsed
/// value: verification hashes what the columns hold (roles and residents as their joined text), so
/// a row that was edited in any byte fails, and nothing is lost or reordered by parsing.
struct AuditRow: Sendable, Equatable {
    /// A column that does not hold the type the schema gives it (only a tampered row can).
    struct MalformedColumn: Error {
        let name: String
    }

    var seq: Int64
    var timeMilliseconds: Int64
    var principal: String
    var onBehalfOf: String
    /// The record's roles joined by ",".
    var roles: String
    var service: String
    var method: String
    var purpose: String
    /// The record's resident keys (hex) joined by ",".
    var residents: String
    var status: Int64
    var durationMicroseconds: Int64
    var requestID: String
    /// 1 for a break-the-glass call, 0 otherwise (column `break_the_glass`, added by
    /// `broker-audit-v2`; rows written before it read 0).
    var breakTheGlass: Int64

    /// The chained columns, in the order of the canonical serialization (see ``AuditChain``).
    static let columns = "seq, time_ms, principal, on_behalf_of, roles, service, method, purpose, residents, status, duration_us, request_id, break_the_glass"

    init(seq: Int64, record: AuditRecord) {
        self.seq = seq
        timeMilliseconds = record.timeMilliseconds
        principal = record.principal
        onBehalfOf = record.onBehalfOf
        roles = record.rolesJoined
        service = record.service
        method = record.method
        purpose = record.purpose
        residents = record.residentKeys.map(\.hex).joined(separator: ",")
        status = Int64(record.status)
        durationMicroseconds = record.durationMicroseconds
        requestID = record.requestID
        breakTheGlass = record.breakTheGlass ? 1 : 0
    }

    /// Reads the columns of ``columns`` (at indexes 0…12 of `row`), checking each one's storage
    /// class instead of trusting the schema: verification must report a tampered row, not trap.
    init(stored row: Row) throws(MalformedColumn) {
        seq = try Self.integer(row, 0, "seq")
        timeMilliseconds = try Self.integer(row, 1, "time_ms")
        principal = try Self.text(row, 2, "principal")
        onBehalfOf = try Self.text(row, 3, "on_behalf_of")
        roles = try Self.text(row, 4, "roles")
        service = try Self.text(row, 5, "service")
        method = try Self.text(row, 6, "method")
        purpose = try Self.text(row, 7, "purpose")
        residents = try Self.text(row, 8, "residents")
        status = try Self.integer(row, 9, "status")
        durationMicroseconds = try Self.integer(row, 10, "duration_us")
        requestID = try Self.text(row, 11, "request_id")
        breakTheGlass = try Self.integer(row, 12, "break_the_glass")
    }

    /// The record for a query result. Keys that are not well-formed hex are left out (a row
    /// can only hold them if it was tampered with, which ``AuditStore/verify()`` reports).
    var record: AuditRecord {
        AuditRecord(
            timeMilliseconds: timeMilliseconds, principal: principal, onBehalfOf: onBehalfOf,
            roles: roles.split(separator: ",").map(String.init), service: service, method: method, purpose: purpose,
            residentKeys: residentKeyTexts.compactMap(ResidentKey.init(hex:)), status: Int32(truncatingIfNeeded: status),
            durationMicroseconds: durationMicroseconds, requestID: requestID, breakTheGlass: breakTheGlass != 0)
    }

    /// The `residents` column split into its keys' texts.
    var residentKeyTexts: [String] {
        residents.isEmpty ? [] : residents.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }

    private static func integer(_ row: Row, _ index: Int, _ name: String) throws(MalformedColumn) -> Int64 {
        let value: DatabaseValue = row[index]
        guard case .int64(let integer) = value.storage else { throw MalformedColumn(name: name) }
        return integer
    }

    private static func text(_ row: Row, _ index: Int, _ name: String) throws(MalformedColumn) -> String {
        let value: DatabaseValue = row[index]
        guard case .string(let text) = value.storage else { throw MalformedColumn(name: name) }
        return text
    }
}
