import Foundation
import WireClient
import WireProtocol

/// Who is calling, as the broker authenticated them and passes them on in metadata: the basis
/// of every need-to-know decision in a department service.
public struct Principal: Sendable, Equatable {
    public let id: String
    public let roles: Set<String>
    /// Grid codes this principal may see; empty means no grid restriction was granted.
    public let gridScope: [String]

    public init(id: String, roles: Set<String> = [], gridScope: [String] = []) {
        self.id = id
        self.roles = roles
        self.gridScope = gridScope
    }

    /// The principal in a request's metadata, as set by the broker.
    public init(metadata: [String: String]) {
        func list(_ key: String) -> [String] {
            (metadata[key] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        self.init(
            id: metadata[MetadataKey.principalID] ?? "anonymous",
            roles: Set(list(MetadataKey.principalRoles)),
            gridScope: list(MetadataKey.gridScope))
    }

    public func hasRole(_ role: String) -> Bool { roles.contains(role) }
}
