import WindowContract
import WireProtocol

/// The window's administration methods (`IssueToken`, `RevokePrincipal`, `ListPrincipals`):
/// principals managed over the wire, access-controlled (admin) and audited like every call. They
/// write broker.sqlite off the event loop; a change returns the new directory for the broker to
/// install at once.
enum WindowAdminMethods {
    static let names: Set<String> = ["IssueToken", "RevokePrincipal", "ListPrincipals"]

    static func answer(_ frame: Wire.Frame, store: PrincipalStore?) async -> (Wire.Status, [UInt8], PrincipalDirectory?) {
        guard let store else {
            return (Wire.Status(code: .unavailable, message: "this broker keeps no principals"), [], nil)
        }
        do {
            switch frame.method {
            case "IssueToken":
                let request = try Window.IssueTokenRequest(serializedBytes: frame.payload)
                var validation = Validation()
                validation.require(request.expiresInDays <= 3650, field: "expires_in_days", "at most 3650")
                validation.require(request.gridScope.count <= 64, field: "grid_scope", "at most 64 grids")
                for (index, grid) in request.gridScope.enumerated() {
                    validation.require(
                        grid.utf8.count == 15 && grid.utf8.allSatisfy { ("0"..."9").contains(Character(UnicodeScalar($0))) }, field: "grid_scope[\(index)]",
                        "must be a 15-digit grid code")
                }
                try validation.finish()
                let token: String
                do {
                    token = try await store.issue(
                        id: request.principal, roles: request.roles, gridScope: request.gridScope, services: request.services,
                        expiresIn: request.expiresInDays == 0 ? nil : .seconds(Int64(request.expiresInDays) * 86_400))
                } catch let error as PrincipalError {
                    throw RPCError(.invalidArgument, error.description, violations: [Wire.FieldViolation(field: "principal", description: error.description)])
                }
                let reply = try Window.IssueTokenResponse(principal: request.principal, token: token).serializedBytes()
                return (.ok, reply, try await store.load())
            case "RevokePrincipal":
                let request = try Window.RevokePrincipalRequest(serializedBytes: frame.payload)
                let count: Int
                do {
                    count = try await store.revoke(id: request.principal)
                } catch let error as PrincipalError {
                    throw RPCError(.notFound, error.description, violations: [Wire.FieldViolation(field: "principal", description: "no such principal")])
                }
                let reply = try Window.RevokePrincipalResponse(revoked: UInt32(clamping: count)).serializedBytes()
                return (.ok, reply, try await store.load())
            case "ListPrincipals":
                _ = try Window.ListPrincipalsRequest(serializedBytes: frame.payload)
                let principals = try await store.list().map {
                    Window.PrincipalInfo(
                        id: $0.id, roles: $0.roles, gridScope: $0.gridScope, services: $0.services, enabled: $0.enabled,
                        liveTokens: UInt32(clamping: $0.liveTokens))
                }
                return (.ok, try Window.ListPrincipalsResponse(principals: principals).serializedBytes(), nil)
            default:
                return (Wire.Status(code: .unimplemented, message: "service window has no method \(frame.method)"), [], nil)
            }
        } catch let error as any RPCErrorConvertible {
            return (error.rpcError.status, [], nil)
        } catch {
            return (Wire.Status(code: .internal, message: "the principals cannot be changed"), [], nil)
        }
    }
}
