import Foundation
import GRDB
import Storage

/// Delegations kept in broker.sqlite so that they survive a restart of the broker: granted and
/// ended off the event loop, loaded whole at start (the live ones are few: one per life event in
/// progress).
package struct DelegationStore: Sendable {
    let database: ServiceDatabase

    package init(database: ServiceDatabase) {
        self.database = database
    }

    /// Records a new delegation and returns its token (shown once) with what was stored.
    func grant(grantee: String, principal: String, reference: String, methods: [String], validFor hours: Int, now: Date = Date()) async throws
        -> (token: String, delegation: Delegation)
    {
        var generator = SystemRandomNumberGenerator()  // getrandom(2): suitable for secrets
        let token = Delegation.tokenPrefix + Hex.encode((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        let nowMs = Int64(now.timeIntervalSince1970 * 1000)
        let delegation = Delegation(
            tokenHash: SHA256Hash.hexDigest(Array(token.utf8)), grantee: grantee, principal: principal, reference: reference,
            methods: Set(methods), expiresAtMs: nowMs + Int64(hours) * 3_600_000)
        try await database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO delegations(token_hash, grantee, principal, reference, methods, granted_ms, expires_ms)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    delegation.tokenHash, grantee, principal, reference, methods.sorted().joined(separator: ","), nowMs, delegation.expiresAtMs,
                ])
        }
        return (token, delegation)
    }

    /// Ends the delegation of `tokenHash` held by `grantee`; false when there is none in force.
    func end(tokenHash: String, grantee: String, now: Date = Date()) async throws -> Bool {
        let nowMs = Int64(now.timeIntervalSince1970 * 1000)
        return try await database.write { db in
            try db.execute(
                sql: "UPDATE delegations SET ended_ms = ? WHERE token_hash = ? AND grantee = ? AND ended_ms IS NULL AND expires_ms > ?",
                arguments: [nowMs, tokenHash, grantee, nowMs])
            return db.changesCount > 0
        }
    }

    /// The delegations in force at `now`.
    package func live(now: Date = Date()) async throws -> [Delegation] {
        let nowMs = Int64(now.timeIntervalSince1970 * 1000)
        return try await database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT token_hash, grantee, principal, reference, methods, expires_ms FROM delegations WHERE ended_ms IS NULL AND expires_ms > ?",
                arguments: [nowMs]
            ).map { row in
                Delegation(
                    tokenHash: row["token_hash"], grantee: row["grantee"], principal: row["principal"], reference: row["reference"],
                    methods: Set((row["methods"] as String).split(separator: ",").map(String.init)), expiresAtMs: row["expires_ms"])
            }
        }
    }
}
