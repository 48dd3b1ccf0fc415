import Foundation
import GRDB
import Logging
import TestSupport
import Testing

@testable import BrokerKit

/// Delegations in broker.sqlite: a token shown once and kept hashed, narrow (one grantee, named
/// methods), expiring, ended once; and the person behind it found by id while they have access.
@Suite("Broker: delegations")
struct DelegationStoreTests {
    static let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    @Test("a grant is kept hashed, covers only its methods until it expires, survives a reopen, and ends once")
    func grantAndEnd() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.file("broker.sqlite")
            let database = try BrokerDatabase.open(path: path, logger: Self.quiet)
            let store = DelegationStore(database: database)
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            let (token, delegation) = try await store.grant(
                grantee: "window", principal: "clerk-01", reference: "SL20261130000001", methods: ["security.RegisterArrival", "health.GetHealthRecord"],
                validFor: 2, now: now)
            #expect(token.hasPrefix("dlg_") && token.count == 68)
            let nowMs = Int64(now.timeIntervalSince1970 * 1000)
            #expect(delegation.covers(service: "security", method: "RegisterArrival", nowMs: nowMs))
            #expect(!delegation.covers(service: "security", method: "GetCase", nowMs: nowMs))
            #expect(!delegation.covers(service: "security", method: "RegisterArrival", nowMs: nowMs + 2 * 3_600_000))
            let stored = try await database.read { db in try String.fetchAll(db, sql: "SELECT token_hash FROM delegations") }
            #expect(stored.count == 1 && stored[0] != token && !stored[0].contains(token.dropFirst(4)))
            try database.close()

            let reopened = DelegationStore(database: try BrokerDatabase.open(path: path, logger: Self.quiet))
            #expect(try await reopened.live(now: now) == [delegation])
            #expect(try await reopened.live(now: now.addingTimeInterval(2 * 3600)).isEmpty, "expired")
            #expect(try await !reopened.end(tokenHash: delegation.tokenHash, grantee: "echo", now: now), "only the grantee ends it")
            #expect(try await reopened.end(tokenHash: delegation.tokenHash, grantee: "window", now: now))
            #expect(try await !reopened.end(tokenHash: delegation.tokenHash, grantee: "window", now: now))
            #expect(try await reopened.live(now: now).isEmpty)
            try reopened.database.close()
        }
    }

    @Test("the person behind a delegation is found by id while one of their tokens works, with their roles as they are")
    func principalByID() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let directory = PrincipalDirectory(byTokenHash: [
            "a": .init(id: "clerk-01", roles: ["clerk"], expiresAt: now.addingTimeInterval(-1)),
            "b": .init(id: "clerk-01", roles: ["clerk"], expiresAt: now.addingTimeInterval(3600)),
            "c": .init(id: "clerk-02", roles: ["clerk"], expiresAt: now.addingTimeInterval(-1)),
            "d": .init(id: "auditor-01", roles: ["auditor"]),
        ])
        #expect(directory.principal(id: "clerk-01", now: now)?.roles == ["clerk"])
        #expect(directory.principal(id: "clerk-02", now: now) == nil, "its only token has expired")
        #expect(directory.principal(id: "auditor-01", now: now) != nil)
        #expect(directory.principal(id: "nobody", now: now) == nil)
    }
}
