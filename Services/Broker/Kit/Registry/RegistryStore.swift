import Foundation
import GRDB
import Logging
import Storage
import WindowContract

/// The broker's own database (broker.sqlite): the communities and grids registry. Opened by
/// `main` before the broker starts; the broker itself only holds the snapshot it loaded.
public struct RegistryStore: Sendable {
    public let database: ServiceDatabase

    /// The registry's schema steps, registered with the other broker.sqlite migrations
    /// (`BrokerDatabase.migrations`; never edit a shipped one, add).
    static func register(into migrations: inout Migrations) {
        migrations.register("broker-registry-v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE communities (
                        code TEXT PRIMARY KEY NOT NULL,
                        name TEXT NOT NULL,
                        street TEXT NOT NULL,
                        households INTEGER NOT NULL,
                        population INTEGER NOT NULL
                    );
                    CREATE TABLE grids (
                        code TEXT PRIMARY KEY NOT NULL,
                        community_code TEXT NOT NULL REFERENCES communities(code) ON DELETE CASCADE,
                        households INTEGER NOT NULL,
                        grid_worker TEXT NOT NULL
                    );
                    CREATE INDEX grids_by_community ON grids(community_code, code);
                    """)
        }
    }

    public init(database: ServiceDatabase) {
        self.database = database
    }

    /// Opens broker.sqlite at `path` (every broker schema step applied) for the registry alone.
    public init(path: String, logger: Logger) throws {
        database = try BrokerDatabase.open(path: path, logger: logger)
    }

    /// Writes `communities` (with their grids) over what the registry holds for those codes, in
    /// one transaction: a community's grids are replaced by the file's. Other communities stay.
    public func importCommunities(_ communities: [Window.Community]) async throws {
        try await database.write { db in
            for community in communities {
                try db.execute(
                    sql: """
                        INSERT INTO communities(code, name, street, households, population) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT(code) DO UPDATE SET name = excluded.name, street = excluded.street,
                            households = excluded.households, population = excluded.population
                        """,
                    arguments: [community.code, community.name, community.street, community.households, community.population])
                try db.execute(sql: "DELETE FROM grids WHERE community_code = ?", arguments: [community.code])
                for grid in community.grids {
                    try db.execute(
                        sql: "INSERT INTO grids(code, community_code, households, grid_worker) VALUES (?, ?, ?, ?)",
                        arguments: [grid.code, community.code, grid.households, grid.gridWorker])
                }
            }
        }
    }

    /// Everything the registry holds.
    public func load() async throws -> CommunityRegistry {
        let communities = try await database.read { db -> [Window.Community] in
            var byCode: [String: Window.Community] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT code, name, street, households, population FROM communities") {
                let code: String = row["code"]
                byCode[code] = Window.Community(
                    code: code, name: row["name"], street: row["street"], households: row["households"], population: row["population"])
            }
            for row in try Row.fetchAll(db, sql: "SELECT code, community_code, households, grid_worker FROM grids ORDER BY code") {
                let community: String = row["community_code"]
                byCode[community]?.grids.append(
                    Window.Grid(
                        code: row["code"], communityCode: community, households: row["households"], gridWorker: row["grid_worker"]))
            }
            return Array(byCode.values)
        }
        return CommunityRegistry(communities)
    }

    public func close() throws { try database.close() }
}
