import BrokerKit
import Foundation
import Logging
import TestSupport
import Testing
import WindowContract
import WireClient
import WireProtocol

/// The communities and grids registry: the operator's file, broker.sqlite, and the `window`
/// methods every office validates codes through.
@Suite("Broker: the communities and grids registry")
struct CommunityRegistryTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    static func write(_ json: String, in directory: TemporaryDirectory) throws -> String {
        let path = directory.file("communities.json")
        try json.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("the demo file loads: two communities of eight grids, each grid inside its community")
    func demoFile() throws {
        let communities = try CommunityFile.load(Self.repositoryRoot + "/deploy/communities.json")
        #expect(communities.map(\.code) == ["330902001001", "330902001002"])
        #expect(communities.allSatisfy { $0.grids.count == 8 && $0.grids.allSatisfy { grid in grid.code.hasPrefix(grid.communityCode) } })
        #expect(communities[0].households == 3200 && communities[0].population == 8650)
    }

    @Test(
        "a bad file is refused naming the entry",
        arguments: [
            (#"[{"code": "33090200100", "name": "x"}]"#, "community 1: code"),
            (#"[{"code": "330902001001", "name": ""}]"#, "name must be"),
            (#"[{"code": "330902001001", "name": "a"}, {"code": "330902001001", "name": "b"}]"#, "listed twice"),
            (#"[{"code": "330902001001", "name": "a", "grids": [{"code": "330902001002001"}]}]"#, "is not in community"),
            (#"{"code": "330902001001"}"#, "is not a JSON list"),
        ])
    func refusals(json: String, expected: String) async throws {
        try await withTemporaryDirectory { directory in
            let path = try Self.write(json, in: directory)
            do {
                _ = try CommunityFile.load(path)
                Issue.record("accepted \(json)")
            } catch {
                #expect("\(error)".contains(expected), "\(error)")
            }
        }
    }

    @Test("broker.sqlite keeps what was imported; importing a community again replaces its grids")
    func store() async throws {
        try await withTemporaryDirectory { directory in
            let communities = try CommunityFile.load(Self.repositoryRoot + "/deploy/communities.json")
            let store = try RegistryStore(path: directory.file("broker.sqlite"), logger: Self.quiet)
            try await store.importCommunities(communities)
            var registry = try await store.load()
            #expect(registry.communities == CommunityRegistry(communities).communities)
            var changed = communities[1]
            changed.grids = Array(changed.grids.prefix(2))
            changed.name = "城东社区"
            try await store.importCommunities([changed])
            registry = try await store.load()
            #expect(registry.community("330902001002")?.grids.count == 2)
            #expect(registry.community("330902001002")?.name == "城东社区")
            #expect(registry.community("330902001001")?.grids.count == 8)
            try store.close()
        }
    }

    @Test("window.ListCommunities and window.GetCommunity answer from the registry; an unknown code is NOT_FOUND")
    func windowMethods() async throws {
        let communities = try CommunityFile.load(Self.repositoryRoot + "/deploy/communities.json")
        try await withStack({ $0.communities = CommunityRegistry(communities) }) { stack in
            let connection = try await stack.connect()
            let window = Window.WindowClient(connection)
            let bare = try await window.listCommunities(Window.ListCommunitiesRequest())
            #expect(bare.communities.map(\.code) == ["330902001001", "330902001002"])
            #expect(bare.communities.allSatisfy { $0.grids.isEmpty })
            let full = try await window.listCommunities(Window.ListCommunitiesRequest(includeGrids: true))
            #expect(full.communities.map(\.grids.count) == [8, 8])
            let one = try await window.getCommunity(Window.GetCommunityRequest(code: "330902001002"))
            #expect(one.name.hasPrefix("城东社区") && one.grids.count == 8)
            do {
                _ = try await window.getCommunity(Window.GetCommunityRequest(code: "330902001999"))
                Issue.record("found an unknown community")
            } catch let error as RPCError {
                #expect(error.code == .notFound && error.violations.first?.field == "code")
            }
            await connection.close()
        }
    }
}
