import Foundation

/// A deployment's principals as a JSON file, imported into broker.sqlite (`broker --principals
/// FILE`, `broker principals import FILE`): the tokens in it are hashed on import and the file
/// can then be deleted.
///
/// `[{"token": "…", "id": "clerk-01", "roles": ["clerk"], "grid_scope": ["…"]},
///   {"token": "…", "id": "svc-employment", "services": ["employment"]}]`
public enum PrincipalFile {
    public struct Entry: Decodable, Sendable {
        public var token: String
        public var id: String
        public var roles: [String]
        public var gridScope: [String]
        public var services: [String]
        /// Days the token stays valid from the import (nil: no expiry).
        public var expiresInDays: Int?

        enum CodingKeys: String, CodingKey {
            case token, id, roles, services
            case gridScope = "grid_scope"
            case expiresInDays = "expires_in_days"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            token = try container.decode(String.self, forKey: .token)
            id = try container.decode(String.self, forKey: .id)
            roles = try container.decodeIfPresent([String].self, forKey: .roles) ?? []
            gridScope = try container.decodeIfPresent([String].self, forKey: .gridScope) ?? []
            services = try container.decodeIfPresent([String].self, forKey: .services) ?? []
            expiresInDays = try container.decodeIfPresent(Int.self, forKey: .expiresInDays)
        }
    }

    /// The entries of the file at `path`, each checked (token length, unique tokens and ids).
    public static func load(_ path: String) throws(PrincipalError) -> [Entry] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PrincipalError("cannot read the principals file \(path)")
        }
        let entries: [Entry]
        do {
            entries = try JSONDecoder().decode([Entry].self, from: data)
        } catch {
            throw PrincipalError("\(path) is not a JSON list of {token, id, roles, grid_scope, services}: \(error)")
        }
        var tokens: Set<String> = []
        var ids: Set<String> = []
        for (index, entry) in entries.enumerated() {
            let at = "\(path), entry \(index + 1)"
            guard entry.token.utf8.count >= 16, entry.token.utf8.count <= 256 else { throw PrincipalError("\(at): a token must be 16…256 characters") }
            guard tokens.insert(entry.token).inserted else { throw PrincipalError("\(at): token used twice") }
            guard ids.insert(entry.id).inserted else { throw PrincipalError("\(at): id \(entry.id) listed twice") }
            try PrincipalStore.checkFields(id: entry.id, roles: entry.roles, services: entry.services, at: at)
            if let days = entry.expiresInDays, !(1...3650).contains(days) { throw PrincipalError("\(at): expires_in_days must be 1…3650") }
        }
        return entries
    }
}

/// A principals request that cannot be carried out; the message says why (never with a token).
public struct PrincipalError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
