import EmploymentContract
import Domain
import Foundation
import GRDB
import Storage

/// The communities an office serves, read from a JSON file (`[{"code": "330902001001", "name": "…"}]`)
/// and written into its database at start, so requests naming any other community are refused.
public enum CommunityDirectory {
    public struct Entry: Codable, Sendable {
        public var code: String
        public var name: String
    }

    public static func load(_ path: String) throws -> [(CommunityCode, String)] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DirectoryError("cannot read communities file \(path)")
        }
        let entries: [Entry]
        do {
            entries = try JSONDecoder().decode([Entry].self, from: data)
        } catch {
            throw DirectoryError("communities file \(path) is not a JSON list of {code, name}: \(error)")
        }
        guard !entries.isEmpty else { throw DirectoryError("communities file \(path) lists no community") }
        return try entries.enumerated().map { index, entry in
            do {
                return (try CommunityCode(entry.code), entry.name)
            } catch {
                throw DirectoryError("communities file \(path), entry \(index + 1): \(error)")
            }
        }
    }

    public static func store(_ communities: [(CommunityCode, String)], in database: ServiceDatabase) async throws {
        let list = communities.map { ($0.0.rawValue, $0.1) }
        try await database.write { db in
            for (code, name) in list { try CommunityStore.upsert(db, code: try CommunityCode(code), name: name) }
        }
    }

    public struct DirectoryError: Error, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }
}
