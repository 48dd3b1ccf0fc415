import Foundation
import GRDB
import Storage

/// Principals and their tokens in broker.sqlite: who may call, with which roles and grid scope,
/// and which services a credential may register. Tokens are random (32 bytes from the system's
/// CSPRNG), shown once when issued, and stored only as SHA-256 hashes; they expire, and can be
/// revoked and rotated. The running broker reloads the directory (`load`) every few seconds.
public struct PrincipalStore: Sendable {
    public let database: ServiceDatabase

    public init(database: ServiceDatabase) {
        self.database = database
    }

    /// The schema steps, registered with the other broker.sqlite migrations (`BrokerDatabase`).
    static func register(into migrations: inout Migrations) {
        migrations.register("broker-principals-v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE principals (
                        id TEXT PRIMARY KEY NOT NULL,
                        roles TEXT NOT NULL,
                        grid_scope TEXT NOT NULL,
                        services TEXT NOT NULL,
                        enabled INTEGER NOT NULL,
                        created_at INTEGER NOT NULL
                    );
                    CREATE TABLE principal_tokens (
                        hash TEXT PRIMARY KEY NOT NULL,
                        principal_id TEXT NOT NULL REFERENCES principals(id) ON DELETE CASCADE,
                        created_at INTEGER NOT NULL,
                        expires_at INTEGER,
                        revoked_at INTEGER
                    );
                    CREATE INDEX principal_tokens_by_principal ON principal_tokens(principal_id);
                    """)
        }
    }

    /// One principal as `principals list` shows it (never a token).
    public struct Summary: Sendable, Equatable {
        public var id: String
        public var roles: [String]
        public var gridScope: [String]
        public var services: [String]
        public var enabled: Bool
        /// Tokens that are neither revoked nor expired.
        public var liveTokens: Int
    }

    // MARK: Checks

    static let maxRoles = 16

    /// Checks what a principal is made of; `at` says where it came from in the message.
    static func checkFields(id: String, roles: [String], services: [String], at: String) throws(PrincipalError) {
        let idOK =
            (1...64).contains(id.utf8.count)
            && id.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.:".unicodeScalars.contains($0)) }
        guard idOK else { throw PrincipalError("\(at): id must be 1…64 ASCII letters, digits, '-', '_', '.' or ':'") }
        guard roles.count <= maxRoles, roles.allSatisfy(BrokerState.isValidRoleName) else {
            throw PrincipalError("\(at): at most \(maxRoles) roles, each lower-case letters, digits and '-' (e.g. clerk, grid-worker)")
        }
        guard services.count <= 16, services.allSatisfy(BrokerState.isValidName) else {
            throw PrincipalError("\(at): services must be service names such as employment")
        }
        guard !roles.isEmpty || !services.isEmpty else { throw PrincipalError("\(at): a principal needs a role or a service") }
    }

    /// A new random token: `cst_` and 32 bytes of the system's CSPRNG in base64url (47 characters).
    /// The prefix makes a leaked token easy to recognise (secret scanners) and keeps it from starting
    /// with `-`, which command lines (`window --token …`) would read as an option.
    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return "cst_"
            + Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    // MARK: Changes

    /// Creates (or updates) principal `id` and issues a token for it, returned once.
    public func issue(
        id: String, roles: [String], gridScope: [String] = [], services: [String] = [], expiresIn: Duration? = nil, now: Date = Date()
    ) async throws -> String {
        try Self.checkFields(id: id, roles: roles, services: services, at: "principal \(id)")
        let token = Self.newToken()
        try await database.write { db in
            try Self.upsert(db, id: id, roles: roles, gridScope: gridScope, services: services, now: now)
            try Self.insertToken(db, hash: PrincipalDirectory.hash(token: token), principal: id, expiresIn: expiresIn, now: now)
        }
        return token
    }

    /// Imports a principals file: principals created or updated, their tokens added (as hashes).
    public func importFile(_ entries: [PrincipalFile.Entry], now: Date = Date()) async throws {
        try await database.write { db in
            for entry in entries {
                try Self.upsert(db, id: entry.id, roles: entry.roles, gridScope: entry.gridScope, services: entry.services, now: now)
                let hash = PrincipalDirectory.hash(token: entry.token)
                let owner = try String.fetchOne(db, sql: "SELECT principal_id FROM principal_tokens WHERE hash = ?", arguments: [hash])
                if owner == nil {
                    try Self.insertToken(db, hash: hash, principal: entry.id, expiresIn: entry.expiresInDays.map { .seconds($0 * 86_400) }, now: now)
                } else if owner != entry.id {
                    throw PrincipalError("principal \(entry.id): its token already belongs to another principal")
                }
            }
        }
    }

    /// Revokes every token of `id`; returns how many were live.
    @discardableResult
    public func revoke(id: String, now: Date = Date()) async throws -> Int {
        try await database.write { db in
            guard try Self.exists(db, id) else { throw PrincipalError("no principal \(id)") }
            try db.execute(
                sql: "UPDATE principal_tokens SET revoked_at = ? WHERE principal_id = ? AND revoked_at IS NULL", arguments: [Self.ms(now), id])
            return db.changesCount
        }
    }

    /// Revokes every token of `id` and issues a new one, returned once.
    public func rotate(id: String, expiresIn: Duration? = nil, now: Date = Date()) async throws -> String {
        let token = Self.newToken()
        try await database.write { db in
            guard try Self.exists(db, id) else { throw PrincipalError("no principal \(id)") }
            try db.execute(
                sql: "UPDATE principal_tokens SET revoked_at = ? WHERE principal_id = ? AND revoked_at IS NULL", arguments: [Self.ms(now), id])
            try Self.insertToken(db, hash: PrincipalDirectory.hash(token: token), principal: id, expiresIn: expiresIn, now: now)
        }
        return token
    }

    /// Enables or disables `id` (a disabled principal's tokens do not work; they are kept).
    public func setEnabled(_ enabled: Bool, id: String) async throws {
        try await database.write { db in
            guard try Self.exists(db, id) else { throw PrincipalError("no principal \(id)") }
            try db.execute(sql: "UPDATE principals SET enabled = ? WHERE id = ?", arguments: [enabled, id])
        }
    }

    // MARK: Reading

    /// The directory the broker authenticates with: enabled principals' live tokens.
    public func load(now: Date = Date()) async throws -> PrincipalDirectory {
        let nowMs = Self.ms(now)
        return try await database.read { db in
            var byHash: [String: PrincipalDirectory.Entry] = [:]
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT t.hash, t.expires_at, p.id, p.roles, p.grid_scope, p.services
                    FROM principal_tokens t JOIN principals p ON p.id = t.principal_id
                    WHERE p.enabled = 1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > ?)
                    """, arguments: [nowMs])
            for row in rows {
                let expires: Int64? = row["expires_at"]
                byHash[row["hash"]] = PrincipalDirectory.Entry(
                    id: row["id"], roles: Self.list(row["roles"]), gridScope: Self.list(row["grid_scope"]), services: Self.list(row["services"]),
                    expiresAt: expires.map { Date(timeIntervalSince1970: TimeInterval($0) / 1000) })
            }
            return PrincipalDirectory(byTokenHash: byHash)
        }
    }

    /// Every principal, for `principals list`.
    public func list(now: Date = Date()) async throws -> [Summary] {
        let nowMs = Self.ms(now)
        return try await database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT p.id, p.roles, p.grid_scope, p.services, p.enabled,
                        (SELECT COUNT(*) FROM principal_tokens t WHERE t.principal_id = p.id AND t.revoked_at IS NULL
                            AND (t.expires_at IS NULL OR t.expires_at > ?)) AS live
                    FROM principals p ORDER BY p.id
                    """, arguments: [nowMs]
            ).map {
                Summary(
                    id: $0["id"], roles: Self.list($0["roles"]), gridScope: Self.list($0["grid_scope"]), services: Self.list($0["services"]),
                    enabled: $0["enabled"], liveTokens: $0["live"])
            }
        }
    }

    // MARK: SQL helpers

    private static func upsert(_ db: Database, id: String, roles: [String], gridScope: [String], services: [String], now: Date) throws {
        try db.execute(
            sql: """
                INSERT INTO principals(id, roles, grid_scope, services, enabled, created_at) VALUES (?, ?, ?, ?, 1, ?)
                ON CONFLICT(id) DO UPDATE SET roles = excluded.roles, grid_scope = excluded.grid_scope, services = excluded.services
                """,
            arguments: [id, roles.joined(separator: ","), gridScope.joined(separator: ","), services.joined(separator: ","), ms(now)])
    }

    private static func insertToken(_ db: Database, hash: String, principal: String, expiresIn: Duration?, now: Date) throws {
        let expires = expiresIn.map { ms(now) + Int64($0.components.seconds) * 1000 }
        try db.execute(
            sql: "INSERT INTO principal_tokens(hash, principal_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
            arguments: [hash, principal, ms(now), expires])
    }

    private static func exists(_ db: Database, _ id: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM principals WHERE id = ?)", arguments: [id]) ?? false
    }

    private static func list(_ text: String) -> [String] {
        text.split(separator: ",").map(String.init)
    }

    private static func ms(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
}
