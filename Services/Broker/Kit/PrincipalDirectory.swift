import Foundation
import WindowContract
import WireClient
import WireProtocol

/// Who may call through the window: bearer tokens mapped to principals (id, roles, grid scope),
/// read from a JSON file given with `--principals`.
///
/// The file is a list: `[{"token": "…", "id": "clerk-01", "roles": ["clerk"], "grid_scope": ["…"]}]`.
/// The broker passes the principal on to services in metadata; callers cannot forge it.
/// A department service's credential (社区工作准入: only admitted services place work on the
/// community) is an entry naming the services it may register as:
/// `{"token": "…", "id": "svc-employment", "services": ["employment"]}`.
public struct PrincipalDirectory: Sendable {
    public struct Entry: Codable, Sendable {
        public var token: String
        public var id: String
        public var roles: [String]
        public var gridScope: [String]
        /// The services this credential may register instances of (empty: not a service).
        public var services: [String]

        enum CodingKeys: String, CodingKey {
            case token, id, roles, services
            case gridScope = "grid_scope"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            token = try container.decode(String.self, forKey: .token)
            id = try container.decode(String.self, forKey: .id)
            roles = try container.decodeIfPresent([String].self, forKey: .roles) ?? []
            gridScope = try container.decodeIfPresent([String].self, forKey: .gridScope) ?? []
            services = try container.decodeIfPresent([String].self, forKey: .services) ?? []
        }

        public init(token: String, id: String, roles: [String], gridScope: [String], services: [String] = []) {
            self.token = token
            self.id = id
            self.roles = roles
            self.gridScope = gridScope
            self.services = services
        }
    }

    private let byToken: [String: Entry]

    public init(entries: [Entry]) throws {
        var byToken: [String: Entry] = [:]
        for entry in entries {
            guard entry.token.count >= 16 else {
                throw RPCError(.invalidArgument, "principal \(entry.id): tokens must be at least 16 characters")
            }
            guard byToken[entry.token] == nil else {
                throw RPCError(.invalidArgument, "principal \(entry.id): token used twice")
            }
            byToken[entry.token] = entry
        }
        self.byToken = byToken
    }

    public init(contentsOf path: String) throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw RPCError(.invalidArgument, "cannot read principals file \(path): \(error.localizedDescription)")
        }
        do {
            try self.init(entries: JSONDecoder().decode([Entry].self, from: data))
        } catch let error as RPCError {
            throw error
        } catch {
            throw RPCError(.invalidArgument, "principals file \(path) is not a JSON list of {token, id, roles, grid_scope, services}: \(error)")
        }
    }

    /// The principal for an `authorization` metadata value (`Bearer <token>`).
    public func principal(forAuthorization header: String?) -> Entry? {
        guard let header, header.hasPrefix("Bearer ") else { return nil }
        return byToken[String(header.dropFirst(7))]
    }

    public var count: Int { byToken.count }
}
