import Domain
import EmploymentContract
import GRDB

/// The communities this office serves (code and name): a call naming another community is
/// INVALID_ARGUMENT. Loaded from the `--communities` file at start.
public enum CommunityStore {
    public static func upsert(_ db: Database, code: CommunityCode, name: String) throws {
        try db.execute(
            sql: "INSERT INTO communities(code, name) VALUES (?, ?) ON CONFLICT(code) DO UPDATE SET name = excluded.name",
            arguments: [code.rawValue, name])
    }

    public static func name(_ db: Database, code: CommunityCode) throws -> String? {
        try String.fetchOne(db, sql: "SELECT name FROM communities WHERE code = ?", arguments: [code.rawValue])
    }

    public static func all(_ db: Database) throws -> [(code: String, name: String)] {
        try Row.fetchAll(db, sql: "SELECT code, name FROM communities ORDER BY code").map { ($0["code"], $0["name"]) }
    }
}
