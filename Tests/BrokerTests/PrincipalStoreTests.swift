import BrokerKit
import Foundation
import Logging
import TestSupport
import Testing

/// Principals and tokens in broker.sqlite: random tokens shown once and stored as hashes, that
/// expire, can be revoked and rotated; the directory the broker authenticates with.
@Suite("Broker: principals and tokens")
struct PrincipalStoreTests {
    static let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    func withStore(_ body: (PrincipalStore, String) async throws -> Void) async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.file("broker.sqlite")
            let store = PrincipalStore(database: try BrokerDatabase.open(path: path, logger: Self.quiet))
            try await body(store, path)
            try store.database.close()
        }
    }

    @Test("an issued token works, is cst_ and 43 random characters, and is stored only as a hash")
    func issue() async throws {
        try await withStore { store, path in
            let token = try await store.issue(id: "clerk-07", roles: ["clerk"], gridScope: ["330902001001002"])
            #expect(token.count == 47 && token.hasPrefix("cst_"))
            let other = try await store.issue(id: "clerk-08", roles: ["clerk"])
            #expect(other != token)
            let directory = try await store.load()
            let entry = try #require(directory.principal(forAuthorization: "Bearer \(token)"))
            #expect(entry.id == "clerk-07" && entry.roles == ["clerk"] && entry.gridScope == ["330902001001002"])
            for bad in [nil, "", token, "Bearer ", "Bearer \(token)x", "Basic \(token)"] as [String?] {
                #expect(directory.principal(forAuthorization: bad) == nil, "\(bad ?? "nil")")
            }
            try store.database.close()
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path)) + ((try? Data(contentsOf: URL(fileURLWithPath: path + "-wal"))) ?? Data())
            #expect(bytes.range(of: Data(token.utf8)) == nil, "the token itself is in the database file")
        }
    }

    @Test("revoked, rotated, expired and disabled tokens stop working; list shows live tokens only")
    func lifecycle() async throws {
        try await withStore { store, _ in
            let now = Date()
            let first = try await store.issue(id: "clerk-07", roles: ["clerk"], now: now)
            let rotated = try await store.rotate(id: "clerk-07", now: now)
            var directory = try await store.load(now: now)
            #expect(directory.principal(forAuthorization: "Bearer \(first)") == nil)
            #expect(directory.principal(forAuthorization: "Bearer \(rotated)")?.id == "clerk-07")

            let shortLived = try await store.issue(id: "visitor", roles: ["clerk"], expiresIn: .seconds(60), now: now)
            directory = try await store.load(now: now)
            #expect(directory.principal(forAuthorization: "Bearer \(shortLived)", now: now) != nil)
            #expect(directory.principal(forAuthorization: "Bearer \(shortLived)", now: now + 61) == nil)
            #expect(try await store.load(now: now + 61).principal(forAuthorization: "Bearer \(shortLived)", now: now + 61) == nil)

            #expect(try await store.revoke(id: "clerk-07", now: now) == 1)
            #expect(try await store.load(now: now).principal(forAuthorization: "Bearer \(rotated)") == nil)

            let service = try await store.issue(id: "svc-employment", roles: [], services: ["employment"], now: now)
            try await store.setEnabled(false, id: "svc-employment")
            #expect(try await store.load(now: now).principal(forAuthorization: "Bearer \(service)") == nil)
            try await store.setEnabled(true, id: "svc-employment")
            #expect(try await store.load(now: now).principal(forAuthorization: "Bearer \(service)")?.services == ["employment"])

            let list = try await store.list(now: now)
            #expect(list.map(\.id) == ["clerk-07", "svc-employment", "visitor"])
            #expect(list.map(\.liveTokens) == [0, 1, 1])
        }
    }

    @Test(
        "bad principals are refused naming the problem",
        arguments: [
            ("", ["clerk"], [String](), "id must be"), ("clerk 07", ["clerk"], [], "id must be"), ("x", ["Clerk"], [], "roles"),
            ("x", [], [], "needs a role or a service"),
        ])
    func refusals(id: String, roles: [String], services: [String], expected: String) async throws {
        try await withStore { store, _ in
            do {
                _ = try await store.issue(id: id, roles: roles, services: services)
                Issue.record("issued \(id)")
            } catch {
                #expect("\(error)".contains(expected), "\(error)")
            }
            await #expect(throws: PrincipalError.self) { try await store.revoke(id: "nobody") }
        }
    }

    @Test("a principals file imports as hashes; importing it again changes nothing")
    func importFile() async throws {
        try await withTemporaryDirectory { directory in
            let file = directory.file("principals.json")
            try
                #"[{"token": "file-token-of-clerk-0123456789", "id": "clerk-01", "roles": ["clerk"]}, {"token": "file-credential-0123456789", "id": "svc-echo", "services": ["echo"]}]"#
                .write(toFile: file, atomically: true, encoding: .utf8)
            let store = PrincipalStore(database: try BrokerDatabase.open(path: directory.file("broker.sqlite"), logger: Self.quiet))
            let entries = try PrincipalFile.load(file)
            try await store.importFile(entries)
            try await store.importFile(entries)
            let loaded = try await store.load()
            #expect(loaded.count == 2)
            #expect(loaded.principal(forAuthorization: "Bearer file-token-of-clerk-0123456789")?.id == "clerk-01")
            #expect(loaded.principal(forAuthorization: "Bearer file-credential-0123456789")?.services == ["echo"])
            try store.database.close()
        }
    }
}
