import Foundation
import Storage

/// Who may call through the window, as the broker holds it in memory: principals found by the
/// SHA-256 hash of a bearer token (the broker never keeps a token itself), each with roles, grid
/// scope, the services it may register as (a service credential), and when its token expires.
///
/// A snapshot of broker.sqlite (`PrincipalStore.load`), replaced while the broker runs when the
/// store changes, so a revoked or rotated token stops working within seconds.
public struct PrincipalDirectory: Sendable {
    /// One principal behind one token.
    public struct Entry: Sendable, Equatable {
        public var id: String
        public var roles: [String]
        public var gridScope: [String]
        /// The services this credential may register instances of (empty: not a service).
        public var services: [String]
        /// When the token stops working (nil: never).
        public var expiresAt: Date?

        public init(id: String, roles: [String], gridScope: [String] = [], services: [String] = [], expiresAt: Date? = nil) {
            self.id = id
            self.roles = roles
            self.gridScope = gridScope
            self.services = services
            self.expiresAt = expiresAt
        }
    }

    private let byTokenHash: [String: Entry]
    /// Each principal once, by id, with its longest-lived token's expiry (for delegations).
    private let byID: [String: Entry]

    /// Principals by token hash (`PrincipalDirectory.hash(token:)`).
    public init(byTokenHash: [String: Entry]) {
        self.byTokenHash = byTokenHash
        var byID: [String: Entry] = [:]
        for entry in byTokenHash.values {
            guard let known = byID[entry.id], let knownExpiry = known.expiresAt else {
                if byID[entry.id] == nil { byID[entry.id] = entry }
                continue
            }
            if entry.expiresAt.map({ $0 > knownExpiry }) ?? true { byID[entry.id] = entry }
        }
        self.byID = byID
    }

    /// The principal `id` while it has a token that works at `now` (a disabled or revoked
    /// principal has none): what a delegation acts for.
    public func principal(id: String, now: Date = Date()) -> Entry? {
        guard let entry = byID[id] else { return nil }
        if let expiresAt = entry.expiresAt, expiresAt <= now { return nil }
        return entry
    }

    /// The hash a token is stored and looked up under.
    public static func hash(token: String) -> String {
        SHA256Hash.hexDigest(Array(token.utf8))
    }

    /// The principal for an `authorization` metadata value (`Bearer <token>`) at `now`; nil for a
    /// missing, malformed, unknown or expired token alike (the caller is told none of these apart).
    public func principal(forAuthorization header: String?, now: Date = Date()) -> Entry? {
        guard let header, header.hasPrefix("Bearer "), header.utf8.count <= 1024 else { return nil }
        guard let entry = byTokenHash[Self.hash(token: String(header.dropFirst(7)))] else { return nil }
        if let expiresAt = entry.expiresAt, expiresAt <= now { return nil }
        return entry
    }

    /// Tokens that work (expired ones included until they are looked up).
    public var count: Int { byTokenHash.count }

    public var isEmpty: Bool { byTokenHash.isEmpty }
}
